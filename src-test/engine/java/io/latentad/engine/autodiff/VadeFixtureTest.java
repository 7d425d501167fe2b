package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link VariationalOps#klToMixture} against VaDE's KL term written out term by term in PyTorch 1.13
 * (fixture {@code fixtures/vade/vade.json}, made by {@code make_vade_fixture.py} beside it): eq. 12 of
 * Jiang et al. (IJCAI 2017) without the reconstruction, with the gmvae's parameterisation (weights
 * {@code softmax(logits)}, variances {@code floor + exp(rho)}) and its responsibilities
 * {@code g ~ pi exp(-KL_c)} computed inside the graph; the value of every row and the gradients of
 * {@code sum_r w_r L_r} with respect to mu, logvar, the logits, the means and rho match to 1e-5
 * relative (|a - b| <= 1e-5 max(1, |b|)). Cases: latent 3 / 10, K 3-10, overlapping components, a
 * component at the variance floor, labelled rows, tight posteriors far from every mean.
 */
class VadeFixtureTest {
    static final double TOL = 1e-5;

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> matchesVadeInPyTorch() {
        Map<String, Object> fixture = Fixture.load("fixtures/vade/vade.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<Object>) fixture.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
        }
        assertEquals(6, tests.size(), "cases in the fixture");
        return tests;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String[] names = {"mu", "logvar", "logits", "means", "rho"};
        Var[] v = new Var[names.length];
        for (int i = 0; i < names.length; i++) v[i] = Var.param(Fixture.tensor(c.get(names[i])), names[i]);
        int[] labels = null;
        if (c.get("labels") != null) {
            List<Object> l = (List<Object>) c.get("labels");
            labels = new int[l.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = ((Double) l.get(i)).intValue();
        }
        Var out = VariationalOps.klToMixture(v[0], v[1], v[2], v[3], v[4], (Double) c.get("floor"), labels);
        expect("value", c.get("out"), out.value());
        ReductionOps.sum(ArithmeticOps.mul(out, Var.constant(Fixture.tensor(c.get("w"))))).backward();
        Map<String, Object> grads = (Map<String, Object>) c.get("grads");
        for (int i = 0; i < names.length; i++) expect("grad " + names[i], grads.get(names[i]), v[i].grad());
    }

    @SuppressWarnings("unchecked")
    private static void expect(String what, Object expected, Tensor actual) {
        Map<String, Object> m = (Map<String, Object>) expected;
        List<Object> shape = (List<Object>) m.get("shape");
        int[] sh = new int[shape.size()];
        for (int k = 0; k < sh.length; k++) sh[k] = ((Double) shape.get(k)).intValue();
        assertArrayEquals(sh, actual.shape(), what + " shape");
        List<Object> data = (List<Object>) m.get("data");
        double worst = 0;
        int at = -1;
        for (int i = 0; i < data.size(); i++) {
            double b = (Double) data.get(i), e = Math.abs(actual.at(i) - b) / Math.max(1, Math.abs(b));
            if (!(e <= worst)) {
                worst = e;
                at = i;
            }
        }
        if (!(worst <= TOL)) fail(what + ": error " + worst + " at element " + at + " (expected " + data.get(at) + ", got " + actual.at(at) + ")");
    }
}
