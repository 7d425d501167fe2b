package io.latentad.engine.nn;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

/**
 * Initialisations of an LSTM weight {@code [4H, fanIn]}, applied to each gate's {@code [H, fanIn]}
 * block on its own (each gate is its own map from {@code fanIn} inputs to {@code H} units).
 *
 * <p>References: X. Glorot and Y. Bengio, "Understanding the difficulty of training deep
 * feedforward neural networks", AISTATS 2010 (Xavier); A. M. Saxe, J. L. McClelland and
 * S. Ganguli, "Exact solutions to the nonlinear dynamics of learning in deep linear neural
 * networks", ICLR 2014 (orthogonal).
 */
public enum LstmInit {
    /** U(-a, a), a = sqrt(6 / (fanIn + H)) per gate block; biases zero. */
    XAVIER_UNIFORM,
    /**
     * Each gate block a (semi-)orthogonal matrix: the Q of a Gaussian matrix's QR decomposition with
     * R's diagonal positive (so Q is uniformly distributed); biases zero.
     */
    ORTHOGONAL,
    /** PyTorch's {@code nn.LSTM}: weights and biases U(-1/sqrt(H), 1/sqrt(H)). */
    TORCH_DEFAULT;

    /** A {@code [4H, fanIn]} weight. */
    public Tensor gateWeights(int hidden, int fanIn, Rng rng) {
        Tensor w = Tensor.zeros(4 * hidden, fanIn);
        for (int gate = 0; gate < 4; gate++) {
            Tensor block = switch (this) {
                case XAVIER_UNIFORM -> uniform(Math.sqrt(6.0 / (fanIn + hidden)), rng, hidden, fanIn);
                case ORTHOGONAL -> orthogonal(hidden, fanIn, rng);
                case TORCH_DEFAULT -> uniform(1 / Math.sqrt(hidden), rng, hidden, fanIn);
            };
            System.arraycopy(block.data(), 0, w.data(), gate * hidden * fanIn, hidden * fanIn);
        }
        return w;
    }

    /** A {@code [4H]} bias. */
    public Tensor bias(int hidden, Rng rng) {
        return this == TORCH_DEFAULT ? uniform(1 / Math.sqrt(hidden), rng, 4 * hidden) : Tensor.zeros(4 * hidden);
    }

    private static Tensor uniform(double a, Rng rng, int... shape) {
        return Tensor.uniform(rng, (float) -a, (float) a, shape);
    }

    /**
     * A {@code rows x cols} matrix with orthonormal rows (rows <= cols) or columns (rows > cols):
     * modified Gram-Schmidt, in double, on the columns of a tall Gaussian matrix.
     */
    static Tensor orthogonal(int rows, int cols, Rng rng) {
        int tall = Math.max(rows, cols), narrow = Math.min(rows, cols);
        double[][] q = new double[narrow][tall]; // q[j] is column j
        for (double[] col : q) {
            for (int i = 0; i < tall; i++) col[i] = rng.nextGaussian();
        }
        for (int j = 0; j < narrow; j++) {
            for (int p = 0; p < j; p++) {
                double dot = 0;
                for (int i = 0; i < tall; i++) dot += q[p][i] * q[j][i];
                for (int i = 0; i < tall; i++) q[j][i] -= dot * q[p][i];
            }
            double norm = 0;
            for (int i = 0; i < tall; i++) norm += q[j][i] * q[j][i];
            norm = Math.sqrt(norm); // Gaussian columns are independent with probability 1
            for (int i = 0; i < tall; i++) q[j][i] /= norm;
        }
        Tensor out = Tensor.zeros(rows, cols);
        for (int j = 0; j < narrow; j++) {
            for (int i = 0; i < tall; i++) {
                if (rows >= cols) out.set((float) q[j][i], i, j);
                else out.set((float) q[j][i], j, i);
            }
        }
        return out;
    }
}
