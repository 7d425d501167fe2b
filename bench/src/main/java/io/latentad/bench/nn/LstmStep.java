package io.latentad.bench.nn;

import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.BiLstm;
import io.latentad.engine.nn.Lstm;
import io.latentad.engine.nn.Recurrent;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The job of {@code ../shared/peers/torch_lstm.py}: one LSTM or Bi-LSTM layer (PyTorch's
 * initialisation) on a batch-first {@code [batch, T, input]} standard normal input that requires a
 * gradient, forward, {@code y.sum().backward()}, gradients cleared between steps (PyTorch's
 * accumulate; the difference is one fill of the parameter gradients). Buffers come from a
 * {@link StepArena}, as in training.
 */
final class LstmStep {
    private final Recurrent layer;
    private final Var x;
    private final Map<String, Var> params = new LinkedHashMap<>();
    private final StepArena arena = new StepArena();

    LstmStep(int steps, int inputs, int hidden, int batch, boolean bidirectional, long seed) {
        Rng rng = new Rng(seed);
        layer = bidirectional ? new BiLstm(inputs, hidden, Lstm.Options.torch(), rng.split())
                : new Lstm(inputs, hidden, Lstm.Options.torch(), rng.split());
        layer.collectParameters("", params);
        x = Var.param(Tensor.normal(rng.split(), 0f, 1f, batch, steps, inputs), "x");
    }

    /** One forward + backward; returns the sum of the output (so nothing is dead code). */
    float run() {
        for (Var p : params.values()) p.zeroGrad();
        x.zeroGrad();
        try (StepArena step = arena.enter()) {
            LstmOps.Result r = layer.forward(x, null, null, null);
            Var loss = ReductionOps.sum(r.output());
            loss.backward();
            return loss.item();
        }
    }
}
