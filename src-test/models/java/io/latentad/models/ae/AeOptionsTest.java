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
        AeOptions o = AeOptions.defaults(ModelKind.CLVAE);
        assertEquals(0.3, o.gamma());
        assertEquals(1.0, o.beta());
        assertEquals(AeOptions.Centers.FIXED, o.centers());
        assertEquals(1.0, AeOptions.defaults(ModelKind.VAE).gamma());
        assertEquals(io.latentad.engine.nn.Activation.Kind.TANH, AeOptions.defaults(ModelKind.CAE).activation());
    }

    @Test
    void paramsRoundTrip() {
        AeOptions o = AeOptions.fromParams(ModelKind.DAE, Map.of("hidden", "512,256", "noise", "0.3", "corruption", "saltpepper",
                "lr", "0.0003", "seed", "-5"));
        AeOptions back = AeOptions.fromParams(ModelKind.DAE, o.toParams());
        assertEquals(o.toParams(), back.toParams());
        assertArrayEquals(new int[] {512, 256}, back.hidden());
        assertEquals(-5, back.seed());
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
        refused(ModelKind.CLVAE, Map.of("input_dropout", "1"), "input_dropout", "[0, 1)");
        refused(ModelKind.CLVAE, Map.of("input_dropout", "-0.1"), "input_dropout");
    }
}
