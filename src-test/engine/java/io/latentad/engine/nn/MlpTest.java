package io.latentad.engine.nn;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class MlpTest {
    @Test
    void parametersAreNamedInLayerOrder() {
        Sequential net = Mlp.input(4).dense(3, Activation.Kind.RELU).dense(2, Activation.Kind.IDENTITY).build(1);
        Map<String, Var> p = net.parameters();
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(p.keySet()));
        assertArrayEquals(new int[] {4, 3}, p.get("0.weight").shape());
        assertArrayEquals(new int[] {2, 5, 2}, new int[] {net.forward(Var.constant(Tensor.zeros(5, 4))).shape().length,
                net.forward(Var.constant(Tensor.zeros(5, 4))).shape()[0], net.forward(Var.constant(Tensor.zeros(5, 4))).shape()[1]});
    }

    @Test
    void sameSeedSameWeightsOtherSeedOther() {
        float[] a = Mlp.input(4).dense(3, Activation.Kind.TANH).build(7).parameterList().get(0).value().toArray();
        float[] b = Mlp.input(4).dense(3, Activation.Kind.TANH).build(7).parameterList().get(0).value().toArray();
        float[] c = Mlp.input(4).dense(3, Activation.Kind.TANH).build(8).parameterList().get(0).value().toArray();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void heInitHasTheVarianceOfTheFormula() {
        Tensor w = Init.HE_NORMAL.weight(500, 400, new Rng(3));
        double s = 0;
        for (int i = 0; i < w.size(); i++) s += (double) w.at(i) * w.at(i);
        assertEquals(2.0 / 500, s / w.size(), 0.03 * 2.0 / 500);
        Tensor x = Init.XAVIER_UNIFORM.weight(30, 70, new Rng(3));
        double bound = Math.sqrt(6.0 / 100);
        for (int i = 0; i < x.size(); i++) assertTrue(Math.abs(x.at(i)) <= bound);
    }

    @Test
    void dropoutIsSeededScaledAndOffInEvaluation() {
        Dropout d = new Dropout(0.5f, new Rng(4));
        Tensor ones = Tensor.ones(50, 40);
        Tensor y = d.forward(Var.constant(ones)).value();
        int kept = 0;
        for (int i = 0; i < y.size(); i++) {
            assertTrue(y.at(i) == 0f || y.at(i) == 2f);
            if (y.at(i) != 0f) kept++;
        }
        assertEquals(1000, kept, 100);
        assertArrayEquals(y.toArray(), new Dropout(0.5f, new Rng(4)).forward(Var.constant(ones)).value().toArray());
        d.setTraining(false);
        assertArrayEquals(ones.toArray(), d.forward(Var.constant(ones)).value().toArray());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, new Rng(1)));
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3, Init.HE_NORMAL, new Rng(1)));
        assertTrue(e.getMessage().contains("in = 0"));
        assertThrows(IllegalArgumentException.class, () -> Mlp.input(3).build(1));
        assertThrows(IllegalArgumentException.class, () -> new Dense(Tensor.zeros(3, 2), Tensor.zeros(3)));
    }
}
