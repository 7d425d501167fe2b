package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.Fixture;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.Var;
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
 * {@link Conv2d}, {@link ConvTranspose2d} and {@link Pool2d} against PyTorch's {@code nn.Conv2d},
 * {@code nn.ConvTranspose2d}, {@code nn.MaxPool2d} and {@code nn.AvgPool2d} (fixture
 * {@code fixtures/conv/conv.json}, made by {@code make_conv_fixture.py} beside it): strides 1-3,
 * padding, output padding, odd and non-square images, with and without bias. The output and the
 * gradients of {@code sum(w_out out)} with respect to the input, the weight and the bias match to
 * 1e-5 relative (|a - b| <= 1e-5 max(1, |b|)); PyTorch ran in double on the same float32 values.
 */
class ConvFixtureTest {
    static final double TOL = 1e-5;

    @SuppressWarnings("unchecked")
    @TestFactory
    List<DynamicTest> matchesPyTorch() {
        Map<String, Object> fixture = Fixture.load("fixtures/conv/conv.json");
        List<DynamicTest> tests = new ArrayList<>();
        for (Object o : (List<Object>) fixture.get("cases")) {
            Map<String, Object> c = (Map<String, Object>) o;
            tests.add(DynamicTest.dynamicTest((String) c.get("name"), () -> check(c)));
        }
        assertEquals(20, tests.size(), "cases in the fixture");
        return tests;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> c) {
        String kind = (String) c.get("kind");
        int stride = integer(c, "stride"), padding = integer(c, "padding");
        Tensor weight = c.containsKey("weight") ? Fixture.tensor(c.get("weight")) : null;
        Tensor bias = c.containsKey("bias") ? Fixture.tensor(c.get("bias")) : null;
        Layer layer = switch (kind) {
            case "conv2d" -> new Conv2d(weight, bias, stride, padding);
            case "convTranspose2d" -> new ConvTranspose2d(weight, bias, stride, padding, integer(c, "output_padding"));
            case "maxPool2d" -> new Pool2d(true, integer(c, "kernel"), stride, padding);
            case "avgPool2d" -> new Pool2d(false, integer(c, "kernel"), stride, padding);
            default -> throw new IllegalStateException("unknown kind " + kind);
        };
        Var x = Var.param(Fixture.tensor(c.get("x")), "x");
        Var out = layer.forward(x);
        expect("out", c.get("out"), out.value());
        ReductionOps.sum(ArithmeticOps.mul(out, Var.constant(Fixture.tensor(c.get("w_out"))))).backward();
        Map<String, Object> grads = (Map<String, Object>) c.get("grads");
        expect("grad x", grads.get("x"), x.grad());
        Map<String, Var> params = new java.util.LinkedHashMap<>();
        layer.collectParameters("", params);
        for (Map.Entry<String, Var> e : params.entrySet()) expect("grad " + e.getKey(), grads.get(e.getKey()), e.getValue().grad());
        assertEquals(grads.size() - 1, params.size(), "parameters with gradients");
    }

    private static int integer(Map<String, Object> c, String key) {
        return ((Double) c.get(key)).intValue();
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
