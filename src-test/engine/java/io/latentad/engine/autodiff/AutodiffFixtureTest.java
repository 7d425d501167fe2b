package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.latentad.engine.autodiff.ArithmeticOps.*;
import static io.latentad.engine.autodiff.ReductionOps.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Every op against PyTorch 1.13 (fixture made by {@code fixtures/torch/make_autodiff.py}): the
 * forward value and the gradient of {@code sum(w * y)} with respect to every input, to 1e-5
 * relative (|a - b| <= 1e-5 max(1, |b|)).
 */
class AutodiffFixtureTest {
    static final double TOL = 1e-5;

    @SuppressWarnings("unchecked")
    static Map<String, Function<Var[], Var>> ops(Map<String, Object> params) {
        Map<String, Function<Var[], Var>> m = new HashMap<>();
        m.put("add", v -> add(v[0], v[1]));
        m.put("sub", v -> sub(v[0], v[1]));
        m.put("mul", v -> mul(v[0], v[1]));
        m.put("div", v -> div(v[0], v[1]));
        m.put("neg", v -> neg(v[0]));
        m.put("mulScalar", v -> mulScalar(v[0], 2.5f));
        m.put("addScalar", v -> addScalar(v[0], 0.75f));
        m.put("exp", v -> MathOps.exp(v[0]));
        m.put("log", v -> MathOps.log(v[0]));
        m.put("sqrt", v -> MathOps.sqrt(v[0]));
        m.put("pow2", v -> MathOps.pow(v[0], 2f));
        m.put("pow3", v -> MathOps.pow(v[0], 3f));
        m.put("powHalf", v -> MathOps.pow(v[0], 0.5f));
        m.put("abs", v -> MathOps.abs(v[0]));
        m.put("clamp", v -> MathOps.clamp(v[0], -0.5f, 0.5f));
        m.put("tanh", v -> ActivationOps.tanh(v[0]));
        m.put("sigmoid", v -> ActivationOps.sigmoid(v[0]));
        m.put("relu", v -> ActivationOps.relu(v[0]));
        m.put("leakyRelu", v -> ActivationOps.leakyRelu(v[0], 0.1f));
        m.put("elu", v -> ActivationOps.elu(v[0], 1f));
        m.put("softplus", v -> ActivationOps.softplus(v[0]));
        m.put("softmax", v -> ActivationOps.softmax(v[0]));
        m.put("logSoftmax", v -> ActivationOps.logSoftmax(v[0]));
        m.put("sumAll", v -> sum(v[0]));
        m.put("meanAll", v -> mean(v[0]));
        m.put("sumAxis1", v -> sum(v[0], 1, false));
        m.put("meanAxis0Keep", v -> mean(v[0], 0, true));
        m.put("concat1", v -> ShapeOps.concat(1, v[0], v[1]));
        m.put("slice1", v -> ShapeOps.slice(v[0], 1, 1, 3));
        m.put("reshape", v -> ShapeOps.reshape(v[0], 3, 4));
        m.put("transpose", v -> ShapeOps.transpose(v[0]));
        m.put("gatherRows", v -> ShapeOps.gatherRows(v[0], new int[] {2, 0, 2}));
        m.put("matmul", v -> MatmulOps.matmul(v[0], v[1]));
        m.put("linear", v -> MatmulOps.linear(v[0], v[1], v[2]));
        m.put("mse", v -> LossOps.mse(v[0], v[1], Reduction.MEAN));
        m.put("mseSum", v -> LossOps.mse(v[0], v[1], Reduction.SUM));
        m.put("l1", v -> LossOps.l1(v[0], v[1], Reduction.MEAN));
        m.put("bceWithLogits", v -> LossOps.bceWithLogits(v[0], v[1], Reduction.MEAN));
        m.put("bceWithLogitsSum", v -> LossOps.bceWithLogits(v[0], v[1], Reduction.SUM));
        m.put("gaussianNll", v -> LossOps.gaussianNll(v[0], v[1], v[2], false, 1e-6f, Reduction.MEAN));
        m.put("gaussianNllFull", v -> LossOps.gaussianNll(v[0], v[1], v[2], true, 1e-6f, Reduction.SUM));
        m.put("klStandardNormal", v -> VariationalOps.klStandardNormal(v[0], v[1], Reduction.BATCH_MEAN));
        m.put("klToMean", v -> VariationalOps.klToMean(v[0], v[1], v[2], Reduction.BATCH_MEAN));
        m.put("reparameterize", v -> VariationalOps.reparameterize(v[0], v[1], Fixture.tensor(params.get("eps"))));
        m.put("contractiveSigmoid", v -> ContractiveOps.jacobianPenalty(
                ActivationOps.sigmoid(MatmulOps.linear(v[0], v[1], v[2])), v[1],
                ContractiveOps.Activation.SIGMOID, Reduction.BATCH_MEAN));
        m.put("contractiveTanh", v -> ContractiveOps.jacobianPenalty(
                ActivationOps.tanh(MatmulOps.linear(v[0], v[1], v[2])), v[1],
                ContractiveOps.Activation.TANH, Reduction.BATCH_MEAN));
        return m;
    }

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> everyOpMatchesTorch() {
        List<Object> cases = (List<Object>) Fixture.load().get("ops");
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            String name = (String) c.get("name");
            tests.add(DynamicTest.dynamicTest(name, () -> {
                Function<Var[], Var> op = ops((Map<String, Object>) c.get("params")).get(name);
                assertNotNull(op, "no Java op mapped for fixture case " + name);
                List<Object> ins = (List<Object>) c.get("inputs");
                Var[] vars = new Var[ins.size()];
                for (int k = 0; k < vars.length; k++) vars[k] = Var.param(Fixture.tensor(ins.get(k)));
                Var y = op.apply(vars);
                assertClose(name + " forward", Fixture.tensor(c.get("y")), y.value());
                y.backward(Fixture.tensor(c.get("w")));
                List<Object> grads = (List<Object>) c.get("grads");
                for (int k = 0; k < vars.length; k++) {
                    Tensor expected = Fixture.tensor(grads.get(k));
                    Tensor actual = vars[k].grad() == null ? Tensor.zeros(expected.shape()) : vars[k].grad();
                    assertClose(name + " grad of input " + k, expected, actual);
                }
            }));
        }
        assertEquals(ops(Map.of()).size(), tests.size(), "every Java op has a fixture case");
        return tests;
    }

    @Test
    void worstFixtureErrorIsReported() {
        // not an assertion of its own: prints the tolerance actually reached, for the notes
        @SuppressWarnings("unchecked") List<Object> cases = (List<Object>) Fixture.load().get("ops");
        double worst = 0;
        for (Object o : cases) {
            @SuppressWarnings("unchecked") Map<String, Object> c = (Map<String, Object>) o;
            @SuppressWarnings("unchecked") List<Object> ins = (List<Object>) c.get("inputs");
            @SuppressWarnings("unchecked") Map<String, Object> params = (Map<String, Object>) c.get("params");
            Var[] vars = new Var[ins.size()];
            for (int k = 0; k < vars.length; k++) vars[k] = Var.param(Fixture.tensor(ins.get(k)));
            Var y = ops(params).get((String) c.get("name")).apply(vars);
            worst = Math.max(worst, maxErr(Fixture.tensor(c.get("y")), y.value()));
            y.backward(Fixture.tensor(c.get("w")));
            @SuppressWarnings("unchecked") List<Object> grads = (List<Object>) c.get("grads");
            for (int k = 0; k < vars.length; k++) {
                if (vars[k].grad() != null) worst = Math.max(worst, maxErr(Fixture.tensor(grads.get(k)), vars[k].grad()));
            }
        }
        System.out.println("autodiff fixture: worst |a - b| / max(1, |b|) = " + worst);
        assertTrue(worst <= TOL);
    }

    static double maxErr(Tensor expected, Tensor actual) {
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(actual.at(i) - expected.at(i)) / Math.max(1, Math.abs(expected.at(i))));
        }
        return worst;
    }

    static void assertClose(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.at(i), a = actual.at(i);
            assertTrue(Math.abs(a - e) <= TOL * Math.max(1, Math.abs(e)),
                    what + " element " + i + ": expected " + e + ", got " + a);
        }
    }
}
