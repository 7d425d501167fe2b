package io.latentad.engine.nn;

import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;

import java.util.Map;

/**
 * A bidirectional LSTM layer: a forward and a reverse {@link Lstm}, run as one fused pass; the output
 * holds both directions side by side ({@code [batch, steps, 2H]}, forward first) and the last state
 * is {@code [2, batch, H]}, as PyTorch's {@code nn.LSTM(bidirectional=True)}. The reverse direction
 * starts at each sequence's own last step. Parameters are named {@code weight_ih} ... for the forward
 * direction and {@code weight_ih_reverse} ... for the reverse one.
 */
public final class BiLstm implements Recurrent {
    private final Lstm forward;
    private final Lstm reverse;

    public BiLstm(int inputs, int hidden, Lstm.Options options, Rng rng) {
        if (rng == null) throw new IllegalArgumentException("BiLstm: rng is required");
        this.forward = new Lstm(inputs, hidden, options, rng.split());
        this.reverse = new Lstm(inputs, hidden, options, rng.split());
    }

    /** From two directions of the same sizes (their parameters are shared, not copied). */
    public BiLstm(Lstm forward, Lstm reverse) {
        if (forward == null || reverse == null) throw new IllegalArgumentException("BiLstm: both directions are required");
        if (forward.inputs() != reverse.inputs() || forward.hidden() != reverse.hidden()) {
            throw new IllegalArgumentException("BiLstm: directions differ: " + forward.inputs() + " -> " + forward.hidden()
                    + " and " + reverse.inputs() + " -> " + reverse.hidden());
        }
        this.forward = forward;
        this.reverse = reverse;
    }

    @Override
    public LstmOps.Result forward(Var x, int[] lengths, Var h0, Var c0) {
        return LstmOps.lstm(x, lengths, h0, c0, forward.weights(), reverse.weights());
    }

    public Lstm forwardDirection() {
        return forward;
    }

    public Lstm reverseDirection() {
        return reverse;
    }

    @Override
    public int inputs() {
        return forward.inputs();
    }

    @Override
    public int hidden() {
        return forward.hidden();
    }

    @Override
    public int directions() {
        return 2;
    }

    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        collect(prefix, "", out);
    }

    void collect(String prefix, String suffix, Map<String, Var> out) {
        forward.collect(prefix, suffix, out);
        reverse.collect(prefix, suffix + "_reverse", out);
    }
}
