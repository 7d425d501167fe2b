package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;

import java.util.Collection;

/**
 * Adam, with the AMSGrad variant and either L2 or decoupled (AdamW) weight decay, following
 * PyTorch's update order so that trajectories match it:
 *
 * <pre>
 * g += wd p                          (L2; with decoupled decay instead p *= 1 - lr wd)
 * m = b1 m + (1 - b1) g;   v = b2 v + (1 - b2) g^2
 * vHat = max(vHat, v)                (AMSGrad; else vHat = v)
 * p -= lr / (1 - b1^t) * m / (sqrt(vHat) / sqrt(1 - b2^t) + eps)
 * </pre>
 *
 * <p>References: D. P. Kingma and J. Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
 * arXiv:1412.6980; S. J. Reddi, S. Kale, S. Kumar, "On the Convergence of Adam and Beyond",
 * ICLR 2018 (AMSGrad); I. Loshchilov and F. Hutter, "Decoupled Weight Decay Regularization",
 * ICLR 2019 (AdamW).
 */
public final class Adam extends Optimizer {
    /** Validated hyper-parameters. */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay,
                          boolean decoupledWeightDecay, boolean amsGrad) {
        public Options {
            if (!(lr >= 0)) throw new IllegalArgumentException("Adam: lr = " + lr + ", expected >= 0");
            if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam: beta1 = " + beta1 + ", expected [0, 1)");
            if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam: beta2 = " + beta2 + ", expected [0, 1)");
            if (!(eps > 0)) throw new IllegalArgumentException("Adam: eps = " + eps + ", expected > 0");
            if (!(weightDecay >= 0)) throw new IllegalArgumentException("Adam: weightDecay = " + weightDecay + ", expected >= 0");
        }

        /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
        public static Options of(double lr) {
            return new Options(lr, 0.9, 0.999, 1e-8, 0, false, false);
        }

        public Options withAmsGrad(boolean on) {
            return new Options(lr, beta1, beta2, eps, weightDecay, decoupledWeightDecay, on);
        }

        public Options withWeightDecay(double wd, boolean decoupled) {
            return new Options(lr, beta1, beta2, eps, wd, decoupled, amsGrad);
        }
    }

    /** Elements per chunk when a parameter is split over threads (below it, one thread). */
    static final int PARALLEL_GRAIN = 1 << 16;

    private final Options opt;
    private final float[][] m;
    private final float[][] v;
    private final float[][] vMax;

    public Adam(Collection<Var> params, Options opt) {
        super(params, opt.lr());
        this.opt = opt;
        int n = this.params.size();
        m = new float[n][];
        v = new float[n][];
        vMax = opt.amsGrad() ? new float[n][] : null;
        for (int i = 0; i < n; i++) {
            int size = this.params.get(i).value().size();
            m[i] = new float[size];
            v[i] = new float[size];
            if (vMax != null) vMax[i] = new float[size];
        }
    }

    public Options options() {
        return opt;
    }

    @Override
    protected void update(int t) {
        double lr = learningRate();
        float b1 = (float) opt.beta1(), b2 = (float) opt.beta2(), eps = (float) opt.eps();
        float wd = (float) opt.weightDecay();
        float stepSize = (float) (lr / (1 - Math.pow(opt.beta1(), t)));
        float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(opt.beta2(), t));
        float decay = opt.decoupledWeightDecay() ? (float) (1 - lr * opt.weightDecay()) : 1f;
        float l2 = opt.decoupledWeightDecay() ? 0f : wd;
        for (int k = 0; k < params.size(); k++) {
            Var p = params.get(k);
            float[] w = p.value().data(), g = p.grad().data(), mk = m[k], vk = v[k];
            float[] vh = vMax == null ? vk : vMax[k];
            int wo = p.value().offset(), go = p.grad().offset(), n = mk.length;
            // elements are independent: split big parameters over the pool (bit-identical for
            // any thread count); small ones, or one thread, run inline without a closure
            if (Parallel.threads() > 1 && n >= 2 * PARALLEL_GRAIN) {
                Parallel.forRange(n, PARALLEL_GRAIN, (from, to) -> updateRange(from, to, w, wo, g, go, mk, vk, vh,
                        b1, b2, stepSize, bc2Sqrt, eps, decay, l2));
            } else {
                updateRange(0, n, w, wo, g, go, mk, vk, vh, b1, b2, stepSize, bc2Sqrt, eps, decay, l2);
            }
        }
    }

    private static void updateRange(int from, int to, float[] w, int wo, float[] g, int go, float[] mk, float[] vk,
                                    float[] vh, float b1, float b2, float stepSize, float bc2Sqrt, float eps,
                                    float decay, float l2) {
        Kernels.active().adamUpdate(from, to, w, wo, g, go, mk, vk, vh, b1, b2, stepSize, bc2Sqrt, eps, decay, l2);
    }
}
