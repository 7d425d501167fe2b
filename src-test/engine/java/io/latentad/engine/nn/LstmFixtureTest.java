package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.Fixture;
import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link StackedLstm} against PyTorch's {@code nn.LSTM} (fixture {@code fixtures/lstm/lstm.json}, made
 * by {@code make_lstm_fixture.py} beside it): padded batches with unequal lengths through
 * {@code pack_padded_sequence}, one and two layers, one and two directions, with and without an
 * initial state. The output, the last state and the gradients of {@code sum(w_out out) + sum(w_h h_n)
 * + sum(w_c c_n)} with respect to the input, the initial state and every parameter match to 1e-5
 * relative (|a - b| <= 1e-5 max(1, |b|)); PyTorch ran in double on the same float32 values.
 */
class LstmFixtureTest {
    static final double TOL = 1e-5;

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> matchesPyTorch() {
        Map<String, Object> fixture = Fixture.load("fixtures/lstm/lstm.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<Object>) fixture.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
        }
        return tests;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        int layers = ((Double) c.get("layers")).intValue();
        boolean bi = (Boolean) c.get("bidirectional");
        Map<String, Object> params = (Map<String, Object>) c.get("params");
        List<Recurrent> ls = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            Lstm f = direction(params, "_l" + l);
            ls.add(bi ? new BiLstm(f, direction(params, "_l" + l + "_reverse")) : f);
        }
        StackedLstm lstm = new StackedLstm(ls);
        Var x = Var.param(Fixture.tensor(c.get("x")), "x");
        Var h0 = c.containsKey("h0") ? Var.param(Fixture.tensor(c.get("h0")), "h0") : null;
        Var c0 = c.containsKey("c0") ? Var.param(Fixture.tensor(c.get("c0")), "c0") : null;
        int[] lengths = null;
        if (c.get("lengths") != null) {
            List<Object> l = (List<Object>) c.get("lengths");
            lengths = new int[l.size()];
            for (int i = 0; i < lengths.length; i++) lengths[i] = ((Double) l.get(i)).intValue();
        }
        LstmOps.Result r = lstm.forward(x, lengths, h0, c0);
        expect("out", c.get("out"), r.output().value());
        expect("h_n", c.get("h_n"), r.lastH().value());
        expect("c_n", c.get("c_n"), r.lastC().value());
        Var loss = ArithmeticOps.add(ArithmeticOps.add(weighted(r.output(), c.get("w_out")),
                weighted(r.lastH(), c.get("w_h"))), weighted(r.lastC(), c.get("w_c")));
        loss.backward();
        Map<String, Object> grads = (Map<String, Object>) c.get("grads");
        expect("grad x", grads.get("x"), x.grad());
        if (h0 != null) {
            expect("grad h0", grads.get("h0"), h0.grad());
            expect("grad c0", grads.get("c0"), c0.grad());
        }
        Map<String, Var> ours = lstm.parameters();
        assertArrayEquals(params.keySet().toArray(), ours.keySet().toArray(), "parameter names and order");
        for (Map.Entry<String, Var> e : ours.entrySet()) expect("grad " + e.getKey(), grads.get(e.getKey()), e.getValue().grad());
    }

    private static Lstm direction(Map<String, Object> params, String suffix) {
        return new Lstm(Fixture.tensor(params.get("weight_ih" + suffix)), Fixture.tensor(params.get("weight_hh" + suffix)),
                Fixture.tensor(params.get("bias_ih" + suffix)), Fixture.tensor(params.get("bias_hh" + suffix)));
    }

    private static Var weighted(Var y, Object w) {
        return ReductionOps.sum(ArithmeticOps.mul(y, Var.constant(Fixture.tensor(w))));
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
        if (!(worst <= TOL)) fail(what + ": error " + worst + " at element " + at + " (expected " + data.get(at)
                + ", got " + actual.at(at) + ")");
    }
}
