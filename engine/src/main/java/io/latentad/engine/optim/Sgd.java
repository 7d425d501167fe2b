package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Var;

import java.util.Collection;

/**
 * Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay, with
 * PyTorch's update rule: {@code g += wd p; b = mu b + (1 - dampening) g} (b = g on the first
 * step); {@code p -= lr (g + mu b)} with Nesterov, else {@code p -= lr b}.
 *
 * <p>Reference: I. Sutskever, J. Martens, G. Dahl, G. Hinton, "On the importance of
 * initialization and momentum in deep learning", ICML 2013.
 */
public final class Sgd extends Optimizer {
    /** Validated hyper-parameters. */
    public record Options(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        public Options {
            if (!(lr >= 0)) throw new IllegalArgumentException("Sgd: lr = " + lr + ", expected >= 0");
            if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("Sgd: momentum = " + momentum + ", expected [0, 1)");
            if (!(dampening >= 0 && dampening <= 1)) throw new IllegalArgumentException("Sgd: dampening = " + dampening + ", expected [0, 1]");
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("Sgd: weightDecay = " + weightDecay + ", expected >= 0");
            if (nesterov && (momentum == 0 || dampening != 0)) {
                throw new IllegalArgumentException("Sgd: Nesterov needs momentum > 0 and dampening = 0");
            }
        }

        /** Plain SGD. */
        public static Options of(double lr) {
            return new Options(lr, 0, 0, false, 0);
        }
    }

    private final Options opt;
    private final float[][] buf;

    public Sgd(Collection<Var> params, Options opt) {
        super(params, opt.lr());
        this.opt = opt;
        this.buf = new float[this.params.size()][];
        if (opt.momentum() > 0) {
            for (int i = 0; i < buf.length; i++) buf[i] = new float[this.params.get(i).value().size()];
        }
    }

    @Override
    protected void update(int t) {
        float lr = (float) learningRate(), mu = (float) opt.momentum(), wd = (float) opt.weightDecay();
        float damp = 1f - (float) opt.dampening();
        for (int k = 0; k < params.size(); k++) {
            Var p = params.get(k);
            float[] w = p.value().data(), g = p.grad().data(), b = buf[k];
            int wo = p.value().offset(), go = p.grad().offset(), n = p.value().size();
            for (int i = 0; i < n; i++) {
                float d = g[go + i] + wd * w[wo + i];
                if (b != null) {
                    b[i] = t == 1 ? d : mu * b[i] + damp * d;
                    d = opt.nesterov() ? d + mu * b[i] : b[i];
                }
                w[wo + i] -= lr * d;
            }
        }
    }
}
