package io.latentad.engine.optim;

import io.latentad.engine.autodiff.Fixture;
import io.latentad.engine.autodiff.LossOps;
import io.latentad.engine.autodiff.Reduction;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.nn.Activation;
import io.latentad.engine.nn.Dense;
import io.latentad.engine.nn.Sequential;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Parameter trajectories of a 5-8-3 tanh MLP trained on MSE for 20 steps from PyTorch's
 * initialisation, against PyTorch 1.13 (fixture by {@code fixtures/torch/make_autodiff.py}), to
 * 1e-4 relative: Adam and AMSGrad with L2 weight decay and global-norm clipping (every step),
 * AdamW with value clipping and Nesterov SGD (final step).
 */
class OptimizerFixtureTest {
    static final double TOL = 1e-4;

    @Test
    void adamWithL2AndNormClippingFollowsTorch() {
        check("adam", ps -> new Adam(ps, Adam.Options.of(0.01).withWeightDecay(0.01, false)));
    }

    @Test
    void amsGradWithL2AndNormClippingFollowsTorch() {
        check("amsgrad", ps -> new Adam(ps, Adam.Options.of(0.01).withWeightDecay(0.01, false).withAmsGrad(true)));
    }

    @Test
    void adamWWithValueClippingFollowsTorch() {
        check("adamw", ps -> new Adam(ps, Adam.Options.of(0.01).withWeightDecay(0.1, true)));
    }

    @Test
    void nesterovSgdFollowsTorch() {
        check("sgdNesterov", ps -> new Sgd(ps, new Sgd.Options(0.05, 0.9, 0, true, 0.01)));
    }

    @SuppressWarnings("unchecked")
    private static void check(String name, Function<List<Var>, Optimizer> make) {
        Map<String, Object> mlp = (Map<String, Object>) Fixture.load().get("mlp");
        Map<String, Object> traj = null;
        for (Object o : (List<Object>) mlp.get("trajectories")) {
            if (((Map<String, Object>) o).get("name").equals(name)) traj = (Map<String, Object>) o;
        }
        assertNotNull(traj, name);
        float[] init = Fixture.floats(mlp.get("init"));
        Sequential net = new Sequential(
                new Dense(Tensor.of(java.util.Arrays.copyOfRange(init, 0, 40), 5, 8), Tensor.of(java.util.Arrays.copyOfRange(init, 40, 48), 8)),
                new Activation(Activation.Kind.TANH),
                new Dense(Tensor.of(java.util.Arrays.copyOfRange(init, 48, 72), 8, 3), Tensor.of(java.util.Arrays.copyOfRange(init, 72, 75), 3)));
        List<Var> params = net.parameterList();
        Optimizer opt = make.apply(params);
        Var x = Var.constant(Fixture.tensor(mlp.get("x"))), y = Var.constant(Fixture.tensor(mlp.get("y")));
        List<Object> clip = (List<Object>) traj.get("clip");
        List<Object> steps = (List<Object>) traj.get("params");
        float[] losses = Fixture.floats(traj.get("losses"));
        boolean every = (Boolean) traj.get("everyStep");
        double worst = 0;
        for (int s = 0; s < 20; s++) {
            opt.zeroGrad();
            Var loss = LossOps.mse(net.forward(x), y, Reduction.MEAN);
            assertEquals(losses[s], loss.item(), TOL * Math.max(1, Math.abs(losses[s])), name + " loss at step " + s);
            loss.backward();
            double limit = (Double) clip.get(1);
            if (clip.get(0).equals("norm")) GradClip.clipGlobalNorm(params, limit);
            else GradClip.clipValue(params, limit);
            opt.step();
            if (every || s == 19) {
                float[] expected = Fixture.floats(steps.get(every ? s : 0));
                int at = 0;
                for (Var p : params) {
                    for (int i = 0; i < p.value().size(); i++, at++) {
                        double e = expected[at], a = p.value().at(i), err = Math.abs(a - e) / Math.max(1, Math.abs(e));
                        worst = Math.max(worst, err);
                        assertTrue(err <= TOL, name + " step " + (s + 1) + " " + p.name() + "[" + i + "]: expected " + e + ", got " + a);
                    }
                }
            }
        }
        System.out.println(name + " trajectory: worst relative error " + worst);
    }
}
