package io.latentad.models.ae;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    void clVaeDefaultsAreAutoAndResolveByTheLikelihood() {
        AeOptions o = AeOptions.defaults(ModelKind.CLVAE);
        assertTrue(o.hasAuto());
        assertEquals(30, o.training().epochs());
        Map<String, String> p = o.toParams();
        for (String k : new String[] {"lr", "lr_schedule", "input_dropout", "separation"}) assertEquals("auto", p.get(k), k);
        assertEquals(o, AeOptions.fromParams(ModelKind.CLVAE, p), "auto round-trips through the param strings");
        AeOptions images = o.resolveAuto(true), table = o.resolveAuto(false);
        assertFalse(images.hasAuto());
        assertEquals(0.003, images.training().lr());
        assertEquals(TrainingOptions.LrSchedule.COSINE, images.training().lrSchedule());
        assertEquals(0.3, ((ConditionalLatentVae.Options) images.model()).elbo().inputDropout());
        assertEquals(10.0, images.model().separation());
        assertEquals(0.001, table.training().lr());
        assertEquals(TrainingOptions.LrSchedule.CONSTANT, table.training().lrSchedule());
        assertEquals(0.0, ((ConditionalLatentVae.Options) table.model()).elbo().inputDropout());
        assertEquals(6.0, table.model().separation());
        // a value the user gives wins over auto; the rest still follows the data
        AeOptions given = AeOptions.fromParams(ModelKind.CLVAE, Map.of("lr", "0.0005", "separation", "8")).resolveAuto(true);
        assertEquals(0.0005, given.training().lr());
        assertEquals(8.0, given.model().separation());
        assertEquals(0.3, ((ConditionalLatentVae.Options) given.model()).elbo().inputDropout());
        // every other model keeps its fixed defaults; auto, when asked for, means the same values on any data
        for (ModelKind k : ModelKind.values()) {
            if (k != ModelKind.CLVAE) assertFalse(AeOptions.defaults(k).hasAuto(), k.cliName());
        }
        AeOptions vae = AeOptions.fromParams(ModelKind.VAE, Map.of("lr", "auto", "input_dropout", "auto"));
        assertEquals(vae.resolveAuto(false), vae.resolveAuto(true));
        assertEquals(AeOptions.defaults(ModelKind.VAE), vae.resolveAuto(true));
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
        refused(ModelKind.CLVAE, Map.of("lr", "0"), "lr", "> 0 or auto");
        refused(ModelKind.CLVAE, Map.of("lr", "NaN"), "lr", "'NaN'");
        refused(ModelKind.CLVAE, Map.of("separation", "-2"), "separation", "> 0 or auto");
        refused(ModelKind.CLVAE, Map.of("lr_schedule", "linear"), "lr_schedule", "constant, cosine, auto");
    }
}
