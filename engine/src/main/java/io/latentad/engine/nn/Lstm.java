package io.latentad.engine.nn;

import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Shapes;
import io.latentad.engine.tensor.Tensor;

import java.util.Map;

/**
 * A long short-term memory layer, one direction, with PyTorch's parameterisation so weights and
 * fixtures compare one to one: {@code weight_ih [4H, I]}, {@code weight_hh [4H, H]},
 * {@code bias_ih, bias_hh [4H]}, the gate blocks in the order i, f, g, o. The whole pass over a
 * sequence batch is one fused autodiff node ({@link LstmOps#lstm}); the layout (batch first, a length
 * per sequence, outputs zero past each end) is documented there.
 *
 * <p>References: S. Hochreiter and J. Schmidhuber, "Long Short-Term Memory", Neural Computation
 * 9(8), 1997, doi:10.1162/neco.1997.9.8.1735 (with the forget gate of F. Gers, J. Schmidhuber and
 * F. Cummins, 2000, doi:10.1162/089976600300015015); initial forget bias 1 as R. Jozefowicz,
 * W. Zaremba and I. Sutskever, "An Empirical Exploration of Recurrent Network Architectures", ICML 2015.
 */
public final class Lstm implements Recurrent {
    /** The initial state of the parameters. */
    public record Options(LstmInit inputInit, LstmInit recurrentInit, float forgetBias) {
        public Options {
            if (inputInit == null || recurrentInit == null) {
                throw new IllegalArgumentException("Lstm.Options: initialisations are required");
            }
            if (!Float.isFinite(forgetBias)) {
                throw new IllegalArgumentException("Lstm.Options: forgetBias = " + forgetBias + ", expected a finite value");
            }
        }

        /** Xavier input weights, orthogonal recurrent weights, forget bias 1 (Keras's defaults). */
        public static Options defaults() {
            return new Options(LstmInit.XAVIER_UNIFORM, LstmInit.ORTHOGONAL, 1f);
        }

        /** PyTorch's {@code nn.LSTM}: every weight and bias U(-1/sqrt(H), 1/sqrt(H)), no forget bias. */
        public static Options torch() {
            return new Options(LstmInit.TORCH_DEFAULT, LstmInit.TORCH_DEFAULT, 0f);
        }
    }

    private final Var wIh, wHh, bIh, bHh;
    private final int inputs, hidden;

    /** A layer of {@code hidden} units on {@code inputs} features, initialised from {@code rng}. */
    public Lstm(int inputs, int hidden, Options options, Rng rng) {
        if (inputs < 1 || hidden < 1) {
            throw new IllegalArgumentException("Lstm: inputs = " + inputs + ", hidden = " + hidden + ", expected >= 1");
        }
        if (options == null || rng == null) throw new IllegalArgumentException("Lstm: options and rng are required");
        this.inputs = inputs;
        this.hidden = hidden;
        Tensor wi = options.inputInit().gateWeights(hidden, inputs, rng.split());
        Tensor wh = options.recurrentInit().gateWeights(hidden, hidden, rng.split());
        Tensor bi = options.inputInit().bias(hidden, rng.split());
        Tensor bh = options.inputInit().bias(hidden, rng.split());
        for (int j = hidden; j < 2 * hidden; j++) bi.setAt(j, bi.at(j) + options.forgetBias()); // the f block
        this.wIh = Var.param(wi, "weight_ih");
        this.wHh = Var.param(wh, "weight_hh");
        this.bIh = Var.param(bi, "bias_ih");
        this.bHh = Var.param(bh, "bias_hh");
    }

    /** With given values (copied), e.g. loaded from a file or from PyTorch. */
    public Lstm(Tensor weightIh, Tensor weightHh, Tensor biasIh, Tensor biasHh) {
        Shapes.requireNonNull("Lstm", weightIh, weightHh, biasIh, biasHh);
        Shapes.requireRank("Lstm", weightIh, 2);
        Shapes.requireRank("Lstm", weightHh, 2);
        this.hidden = weightHh.dim(1);
        this.inputs = weightIh.dim(1);
        if (hidden < 1 || weightHh.dim(0) != 4 * hidden || weightIh.dim(0) != 4 * hidden
                || biasIh.size() != 4 * hidden || biasHh.size() != 4 * hidden || biasIh.rank() != 1 || biasHh.rank() != 1) {
            throw new IllegalArgumentException("Lstm: shapes W_ih " + Shapes.str(weightIh.shape()) + ", W_hh "
                    + Shapes.str(weightHh.shape()) + ", b_ih " + Shapes.str(biasIh.shape()) + ", b_hh "
                    + Shapes.str(biasHh.shape()) + " do not fit [4H, I], [4H, H], [4H], [4H]");
        }
        this.wIh = Var.param(weightIh.copy(), "weight_ih");
        this.wHh = Var.param(weightHh.copy(), "weight_hh");
        this.bIh = Var.param(biasIh.copy(), "bias_ih");
        this.bHh = Var.param(biasHh.copy(), "bias_hh");
    }

    @Override
    public LstmOps.Result forward(Var x, int[] lengths, Var h0, Var c0) {
        return LstmOps.lstm(x, lengths, h0, c0, weights());
    }

    /** The parameters as the op takes them. */
    public LstmOps.Weights weights() {
        return new LstmOps.Weights(wIh, wHh, bIh, bHh);
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int hidden() {
        return hidden;
    }

    @Override
    public int directions() {
        return 1;
    }

    /** Parameters named as PyTorch's: {@code weight_ih, weight_hh, bias_ih, bias_hh}. */
    @Override
    public void collectParameters(String prefix, Map<String, Var> out) {
        collect(prefix, "", out);
    }

    /** With a suffix after each name ({@code _l0}, {@code _l0_reverse}), as {@code nn.LSTM} names them. */
    void collect(String prefix, String suffix, Map<String, Var> out) {
        out.put(prefix + "weight_ih" + suffix, wIh);
        out.put(prefix + "weight_hh" + suffix, wHh);
        out.put(prefix + "bias_ih" + suffix, bIh);
        out.put(prefix + "bias_hh" + suffix, bHh);
    }
}
