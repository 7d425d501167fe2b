package io.latentad.bench.nn;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.LossOps;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.autodiff.VariationalOps;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Init;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.optim.LossGuard;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * The dense (CL-)VAE of {@code ../shared/peers/torch_vae.py}, written with the engine's autodiff:
 * encoder 784-512-256 (ReLU) to mu and log-variance heads of {@code latent} units, decoder
 * latent-256-512-784 (ReLU, logits out), a learned class centre per class (N(c_y, I) prior),
 * loss {@code 0.3 * BCE(sum) / B + KL(N(mu, sigma^2) || N(c_y, I)) / B}, Adam lr 1e-3, PyTorch's
 * default Linear initialisation. One {@link #step} is one training step on one batch.
 */
public final class DenseVae {
    final Dense e1, e2, mu, lv, d1, d2, d3;
    final Var centers;
    final List<Var> params = new ArrayList<>();
    final Adam adam;
    private final Rng noise;
    private final StepArena arena = new StepArena();

    public DenseVae(int inputs, int latent, int classes, long seed) {
        Rng rng = new Rng(seed);
        e1 = new Dense(inputs, 512, Init.TORCH_DEFAULT, rng.split());
        e2 = new Dense(512, 256, Init.TORCH_DEFAULT, rng.split());
        mu = new Dense(256, latent, Init.TORCH_DEFAULT, rng.split());
        lv = new Dense(256, latent, Init.TORCH_DEFAULT, rng.split());
        d1 = new Dense(latent, 256, Init.TORCH_DEFAULT, rng.split());
        d2 = new Dense(256, 512, Init.TORCH_DEFAULT, rng.split());
        d3 = new Dense(512, inputs, Init.TORCH_DEFAULT, rng.split());
        centers = Var.param(Tensor.normal(rng.split(), 0f, 3f, classes, latent), "centers");
        for (Dense d : new Dense[] {e1, e2, mu, lv, d1, d2, d3}) {
            params.add(d.weight());
            params.add(d.bias());
        }
        params.add(centers);
        adam = new Adam(params, Adam.Options.of(1e-3));
        noise = rng.split();
    }

    /** One training step on {@code x} ({@code [batch, inputs]} in [0, 1]) with class labels; returns the loss. */
    public float step(Tensor x, int[] labels) {
        try (StepArena s = arena.enter()) {
            Var in = Var.constant(x);
            Var h = ActivationOps.relu(e2.forward(ActivationOps.relu(e1.forward(in))));
            Var m = mu.forward(h), logVar = lv.forward(h);
            Var z = VariationalOps.reparameterize(m, logVar, noise);
            Var logits = d3.forward(ActivationOps.relu(d2.forward(ActivationOps.relu(d1.forward(z)))));
            Var rec = LossOps.bceWithLogits(logits, in, Reduction.BATCH_MEAN);
            Var kl = VariationalOps.klToMean(m, logVar, ShapeOps.gatherRows(centers, labels), Reduction.BATCH_MEAN);
            Var loss = ArithmeticOps.add(ArithmeticOps.mulScalar(rec, 0.3f), kl);
            float l = loss.item();
            LossGuard.requireFinite(l, 0, adam.steps());
            adam.zeroGrad();
            loss.backward();
            adam.step();
            return l;
        }
    }

    public int parameterCount() {
        int n = 0;
        for (Var p : params) n += p.value().size();
        return n;
    }
}
