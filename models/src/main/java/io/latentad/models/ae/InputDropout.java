package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

/**
 * Masking noise on the encoder's input during training ({@code input_dropout}): each entry is set
 * to 0 with probability {@code p}, from the batch's noise stream, so runs repeat with their seed.
 * Unlike dropout in a classifier the kept entries are not rescaled: the encoder sees rows with
 * missing pixels, as the masking denoising autoencoder does (Vincent et al. 2008), and learns codes
 * that do not hang on single inputs. Cost: O(batch x inputs) per step.
 */
final class InputDropout {
    private InputDropout() {
    }

    /** {@code x} itself when {@code p == 0}, else a masked copy as a constant. */
    static Var apply(Var x, double p, Rng rng) {
        return p == 0 ? x : Var.constant(mask(x.value(), p, rng));
    }

    /** A copy of {@code x} with each entry set to 0 with probability {@code p}; one draw per entry, in order. */
    static Tensor mask(Tensor x, double p, Rng rng) {
        Tensor c = x.copy();
        float[] d = c.data();
        int from = c.offset(), to = from + c.size();
        for (int i = from; i < to; i++) if (rng.nextDouble() < p) d[i] = 0f;
        return c;
    }
}
