package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.TrainedAutoencoder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** The dense network frozen for inference (weights packed once) gives the network's own outputs to the bit. */
class FrozenNetworkTest {
    @Test
    void aFrozenDenseNetworkEncodesAndDecodesWithTheNetworksBits() {
        Random rnd = new Random(3);
        double[][] x = new double[200][37];
        for (double[] r : x) for (int j = 0; j < r.length; j++) r[j] = rnd.nextGaussian();
        TrainedAutoencoder m = AeTrainer.fit(AeOptions.fromParams(ModelKind.VAE, Map.of("hidden", "40,24", "epochs", "2",
                "batch", "32", "seed", "2")), x, null, null, null, null);
        Network net = m.spec().build(new Rng(0));
        net.load(m.parameters());
        Network frozen = net.frozenForInference();
        assertNotSame(net, frozen);
        float[] in = new float[130 * 37];
        for (int i = 0; i < in.length; i++) in[i] = (float) rnd.nextGaussian();
        Var xv = Var.constant(Tensor.of(in, 130, 37));
        try (NoGrad ignored = NoGrad.enter()) {
            Encoding a = net.encode(xv), b = frozen.encode(xv);
            same(a.mu().value(), b.mu().value(), "mu");
            same(a.logVar().value(), b.logVar().value(), "logVar");
            same(net.decode(a.mu()).value(), frozen.decode(a.mu()).value(), "decoder output");
        }
    }

    private static void same(Tensor want, Tensor got, String what) {
        float[] w = want.toArray(), g = got.toArray();
        assertEquals(w.length, g.length, what);
        for (int i = 0; i < w.length; i++) {
            assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), what + " element " + i);
        }
    }
}
