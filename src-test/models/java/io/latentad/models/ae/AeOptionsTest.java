package io.latentad.models.ae;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AeOptionsTest {
    static void refused(ModelKind kind, Map<String, String> p, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AeOptions.fromParams(kind, p));
        for (String s : parts) assertTrue(e.getMessage().contains(s), e.getMessage());
    }

    @Test
    void defaultsFollowThePaperForTheClVae() {
        ConditionalLatentVae.Options o = (ConditionalLatentVae.Options) AeOptions.defaults(ModelKind.CLVAE).model();
        assertEquals(0.3, o.elbo().gamma());
        assertEquals(1.0, o.elbo().beta());
        assertEquals(ConditionalLatentVae.Centers.FIXED, o.centers());
        assertEquals(1.0, ((Vae.Options) AeOptions.defaults(ModelKind.VAE).model()).gamma());
        assertEquals(io.latentad.engine.nn.Activation.Kind.TANH,
                ((io.latentad.models.ae.net.DenseNetwork.Options) AeOptions.defaults(ModelKind.CAE).net()).activation());
    }

    @Test
    void paramsRoundTrip() {
        AeOptions o = AeOptions.fromParams(ModelKind.DAE, Map.of("hidden", "512,256", "noise", "0.3", "corruption", "saltpepper",
                "lr", "0.0003", "seed", "-5"));
        AeOptions back = AeOptions.fromParams(ModelKind.DAE, o.toParams());
        assertEquals(o.toParams(), back.toParams());
        assertArrayEquals(new int[] {512, 256}, ((io.latentad.models.ae.net.DenseNetwork.Options) back.net()).hidden());
        assertEquals(-5, back.seed());
        assertEquals(o, back);
    }

    @Test
    void badValuesAreRefusedNamingThem() {
        refused(ModelKind.CLVAE, Map.of("gamma", "0"), "gamma", "0");
        refused(ModelKind.CLVAE, Map.of("gamma", "-1"), "gamma");
        refused(ModelKind.VAE, Map.of("beta", "0"), "beta");
        refused(ModelKind.VAE, Map.of("beta", "abc"), "beta", "abc");
        refused(ModelKind.AE, Map.of("latent", "0"), "latent");
        refused(ModelKind.AE, Map.of("hidden", "12,x"), "hidden");
        refused(ModelKind.AE, Map.of("validation", "1"), "validation");
        refused(ModelKind.AE, Map.of("output", "poisson"), "output", "bernoulli");
        refused(ModelKind.CAE, Map.of("activation", "relu"), "activation", "tanh or sigmoid");
        refused(ModelKind.SAE, Map.of("sparsity", "kl"), "sigmoid");
        refused(ModelKind.DAE, Map.of("corruption", "masking", "noise", "1.5"), "noise");
        refused(ModelKind.AE, Map.of("gama", "0.3"), "unknown parameter 'gama'");
        // a key of another model is refused too, naming the keys this model takes
        refused(ModelKind.AE, Map.of("gamma", "0.3"), "unknown parameter 'gamma' for model ae", "hidden", "latent");
        refused(ModelKind.VAE, Map.of("noise", "0.3"), "unknown parameter 'noise' for model vae", "beta");
        refused(ModelKind.AE, Map.of("net", "resnet"), "net", "dense, lstm, conv");
        refused(ModelKind.CLVAE, Map.of("input_dropout", "1"), "input_dropout", "[0, 1)");
        refused(ModelKind.CLVAE, Map.of("input_dropout", "-0.1"), "input_dropout");
    }
}
