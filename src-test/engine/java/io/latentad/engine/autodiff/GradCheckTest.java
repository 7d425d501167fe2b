package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every op's backward rule against central differences of an independent double reference
 * ({@link GradCheck}), on shapes with broadcasting and size-1 axes. Forward to 1e-5, gradients to
 * 1e-4 (|a - b| / max(1, |b|)): the analytic side runs in float32.
 */
class GradCheckTest {
    private final List<DynamicTest> tests = new ArrayList<>();
    private final Rng rng = new Rng(11);

    private Tensor u(int... shape) {
        return Tensor.uniform(rng, -1.5f, 1.5f, shape);
    }

    private Tensor pos(int... shape) {
        return Tensor.uniform(rng, 0.3f, 2f, shape);
    }

    private void add(String name, Tensor[] in, GradCheck.FloatFn f, GradCheck.DoubleFn ref) {
        tests.add(DynamicTest.dynamicTest(name, () -> {
            GradCheck.Result r = GradCheck.check(in, f, ref, 5);
            assertTrue(r.forwardError() <= 1e-5, name + ": forward error " + r.forwardError());
            assertTrue(r.gradientError() <= 1e-4, name + ": gradient error " + r.gradientError() + " at " + r.worst());
        }));
    }

    private void unary(String name, Tensor x, java.util.function.Function<Var, Var> f, DoubleUnaryOperator ref) {
        add(name, new Tensor[] {x}, v -> f.apply(v[0]), d -> {
            double[] o = new double[d[0].length];
            for (int i = 0; i < o.length; i++) o[i] = ref.applyAsDouble(d[0][i]);
            return o;
        });
    }

    private void binary(String name, Tensor a, Tensor b, java.util.function.BiFunction<Var, Var, Var> f,
                        DoubleBinaryOperator ref) {
        int[] as = a.shape(), bs = b.shape(), os = Broadcast.shape(name, as, bs);
        add(name + Shape.of(as) + Shape.of(bs), new Tensor[] {a, b}, v -> f.apply(v[0], v[1]), d -> {
            int n = io.latentad.engine.tensor.Shapes.size(os);
            double[] o = new double[n];
            for (int i = 0; i < n; i++) o[i] = ref.applyAsDouble(d[0][Shape.source(i, os, as)], d[1][Shape.source(i, os, bs)]);
            return o;
        });
    }

    @TestFactory
    List<DynamicTest> everyOpPassesGradCheck() {
        // ---- arithmetic with broadcasting
        binary("add", u(3, 1, 4), u(2, 4), ArithmeticOps::add, Double::sum);
        binary("add", u(2, 3), u(), ArithmeticOps::add, Double::sum);
        binary("sub", u(2, 1), u(1, 3), ArithmeticOps::sub, (x, y) -> x - y);
        binary("sub", u(4), u(3, 1, 4), ArithmeticOps::sub, (x, y) -> x - y);
        binary("mul", u(2, 3, 1), u(3, 4), ArithmeticOps::mul, (x, y) -> x * y);
        binary("mul", u(1, 1), u(2, 5), ArithmeticOps::mul, (x, y) -> x * y);
        binary("div", u(1, 4), pos(3, 1), ArithmeticOps::div, (x, y) -> x / y);
        binary("div", u(2, 3), pos(2, 3), ArithmeticOps::div, (x, y) -> x / y);
        unary("neg", u(2, 1, 3), ArithmeticOps::neg, x -> -x);
        unary("mulScalar", u(2, 1, 3), x -> ArithmeticOps.mulScalar(x, -1.7f), x -> x * (double) -1.7f);
        unary("addScalar", u(2, 1, 3), x -> ArithmeticOps.addScalar(x, 0.3f), x -> x + (double) 0.3f);
        // ---- math
        unary("exp", u(2, 1, 3), MathOps::exp, Math::exp);
        unary("log", pos(2, 1, 3), MathOps::log, Math::log);
        unary("sqrt", pos(2, 1, 3), MathOps::sqrt, Math::sqrt);
        unary("pow2", u(2, 1, 3), x -> MathOps.pow(x, 2f), x -> x * x);
        unary("pow3", u(2, 1, 3), x -> MathOps.pow(x, 3f), x -> x * x * x);
        unary("pow-1.5", pos(1, 4), x -> MathOps.pow(x, -1.5f), x -> Math.pow(x, -1.5));
        unary("abs", u(2, 1, 3), MathOps::abs, Math::abs);
        unary("clamp", u(3, 4), x -> MathOps.clamp(x, -0.5f, 0.7f), x -> Math.min(Math.max(x, -0.5), (double) 0.7f));
        // ---- activations
        unary("tanh", u(2, 1, 3), ActivationOps::tanh, Math::tanh);
        unary("sigmoid", u(2, 1, 3), ActivationOps::sigmoid, x -> 1 / (1 + Math.exp(-x)));
        unary("relu", u(3, 4), ActivationOps::relu, x -> Math.max(x, 0));
        unary("leakyRelu", u(3, 4), x -> ActivationOps.leakyRelu(x, 0.2f), x -> x > 0 ? x : (double) 0.2f * x);
        unary("elu", u(3, 4), x -> ActivationOps.elu(x, 0.8f), x -> x > 0 ? x : (double) 0.8f * Math.expm1(x));
        unary("softplus", u(3, 4), ActivationOps::softplus, x -> Math.log1p(Math.exp(x)));
        add("softmax", new Tensor[] {u(2, 1, 4)}, v -> ActivationOps.softmax(v[0]), d -> softmax(d[0], 4, false));
        add("softmax[1,1]", new Tensor[] {u(1, 1)}, v -> ActivationOps.softmax(v[0]), d -> softmax(d[0], 1, false));
        add("logSoftmax", new Tensor[] {u(3, 5)}, v -> ActivationOps.logSoftmax(v[0]), d -> softmax(d[0], 5, true));
        // ---- reductions
        add("sum", new Tensor[] {u(2, 1, 3)}, v -> ReductionOps.sum(v[0]), d -> new double[] {Ref.sum(d[0])});
        add("mean", new Tensor[] {u(2, 1, 3)}, v -> ReductionOps.mean(v[0]), d -> new double[] {Ref.sum(d[0]) / 6});
        for (int axis = -1; axis < 3; axis++) {
            for (boolean keep : new boolean[] {false, true}) {
                final int ax = axis;
                add("sum axis " + axis + (keep ? " keep" : ""), new Tensor[] {u(2, 1, 3)},
                        v -> ReductionOps.sum(v[0], ax, keep), d -> Ref.axisSum(d[0], new int[] {2, 1, 3}, ax, 1));
                add("mean axis " + axis + (keep ? " keep" : ""), new Tensor[] {u(2, 3, 4)},
                        v -> ReductionOps.mean(v[0], ax, keep), d -> Ref.axisSum(d[0], new int[] {2, 3, 4}, ax,
                                1.0 / new int[] {2, 3, 4}[ax < 0 ? ax + 3 : ax]));
            }
        }
        // ---- shape
        add("concat axis 0", new Tensor[] {u(1, 3), u(2, 3)}, v -> ShapeOps.concat(0, v[0], v[1]), d -> Ref.cat(d[0], d[1]));
        add("concat axis 1", new Tensor[] {u(2, 1), u(2, 3)}, v -> ShapeOps.concat(1, v[0], v[1]),
                d -> new double[] {d[0][0], d[1][0], d[1][1], d[1][2], d[0][1], d[1][3], d[1][4], d[1][5]});
        add("slice axis 2", new Tensor[] {u(2, 1, 4)}, v -> ShapeOps.slice(v[0], 2, 1, 3),
                d -> new double[] {d[0][1], d[0][2], d[0][5], d[0][6]});
        add("slice axis 0", new Tensor[] {u(3, 2)}, v -> ShapeOps.slice(v[0], 0, 2, 3), d -> new double[] {d[0][4], d[0][5]});
        add("reshape", new Tensor[] {u(2, 1, 3)}, v -> ShapeOps.reshape(v[0], 3, -1), d -> d[0].clone());
        add("transpose", new Tensor[] {u(2, 3)}, v -> ShapeOps.transpose(v[0]),
                d -> new double[] {d[0][0], d[0][3], d[0][1], d[0][4], d[0][2], d[0][5]});
        add("gatherRows", new Tensor[] {u(3, 2)}, v -> ShapeOps.gatherRows(v[0], new int[] {1, 1, 0, 2}),
                d -> new double[] {d[0][2], d[0][3], d[0][2], d[0][3], d[0][0], d[0][1], d[0][4], d[0][5]});
        // ---- matmul
        add("matmul k=1", new Tensor[] {u(3, 1), u(1, 4)}, v -> MatmulOps.matmul(v[0], v[1]), d -> Ref.mm(d[0], d[1], null, 3, 1, 4));
        add("matmul", new Tensor[] {u(2, 3), u(3, 4)}, v -> MatmulOps.matmul(v[0], v[1]), d -> Ref.mm(d[0], d[1], null, 2, 3, 4));
        add("linear", new Tensor[] {u(5, 3), u(3, 2), u(2)}, v -> MatmulOps.linear(v[0], v[1], v[2]), d -> Ref.mm(d[0], d[1], d[2], 5, 3, 2));
        add("linear batch 1", new Tensor[] {u(1, 3), u(3, 1), u(1)}, v -> MatmulOps.linear(v[0], v[1], v[2]), d -> Ref.mm(d[0], d[1], d[2], 1, 3, 1));
        // ---- losses
        add("mse", new Tensor[] {u(3, 2), u(3, 2)}, v -> LossOps.mse(v[0], v[1], Reduction.MEAN),
                d -> new double[] {Ref.pairSum(d[0], d[1], (p, t) -> (p - t) * (p - t)) / 6});
        add("l1", new Tensor[] {u(3, 2), u(3, 2)}, v -> LossOps.l1(v[0], v[1], Reduction.SUM),
                d -> new double[] {Ref.pairSum(d[0], d[1], (p, t) -> Math.abs(p - t))});
        add("bceWithLogits", new Tensor[] {Tensor.uniform(rng, -6, 6, 4, 3), Tensor.uniform(rng, 0, 1, 4, 3)},
                v -> LossOps.bceWithLogits(v[0], v[1], Reduction.BATCH_MEAN), d -> new double[] {Ref.pairSum(d[0], d[1],
                        (x, t) -> -(t * Math.log(1 / (1 + Math.exp(-x))) + (1 - t) * Math.log(1 / (1 + Math.exp(x))))) / 4});
        add("gaussianNll", new Tensor[] {u(3, 2), u(3, 2), pos(3, 2)}, v -> LossOps.gaussianNll(v[0], v[1], v[2], true, 1e-6f, Reduction.MEAN),
                d -> new double[] {Ref.gaussianNll(d[0], d[1], d[2]) / 6});
        add("klStandardNormal", new Tensor[] {u(3, 2), u(3, 2)}, v -> VariationalOps.klStandardNormal(v[0], v[1], Reduction.BATCH_MEAN),
                d -> new double[] {Ref.kl(d[0], d[1], new double[6]) / 3});
        add("klToMean", new Tensor[] {u(3, 2), u(3, 2), u(3, 2)}, v -> VariationalOps.klToMean(v[0], v[1], v[2], Reduction.SUM),
                d -> new double[] {Ref.kl(d[0], d[1], d[2])});
        Tensor eps = Tensor.normal(rng, 0, 1, 3, 2);
        add("reparameterize", new Tensor[] {u(3, 2), u(3, 2)}, v -> VariationalOps.reparameterize(v[0], v[1], eps), d -> {
            double[] o = new double[6];
            for (int i = 0; i < 6; i++) o[i] = d[0][i] + Math.exp(0.5 * d[1][i]) * eps.at(i);
            return o;
        });
        for (ContractiveOps.Activation act : ContractiveOps.Activation.values()) {
            add("jacobianPenalty " + act, new Tensor[] {u(4, 3), u(3, 5), u(5)}, v -> ContractiveOps.jacobianPenalty(
                    act == ContractiveOps.Activation.SIGMOID ? ActivationOps.sigmoid(MatmulOps.linear(v[0], v[1], v[2]))
                            : ActivationOps.tanh(MatmulOps.linear(v[0], v[1], v[2])), v[1], act, Reduction.BATCH_MEAN),
                    d -> new double[] {Ref.jacobianNorm(d[0], d[1], d[2], 4, 3, 5, act == ContractiveOps.Activation.SIGMOID) / 4});
        }
        return tests;
    }

    private static double[] softmax(double[] x, int cols, boolean log) {
        double[] o = new double[x.length];
        for (int r = 0; r < x.length / cols; r++) {
            double m = Double.NEGATIVE_INFINITY, s = 0;
            for (int c = 0; c < cols; c++) m = Math.max(m, x[r * cols + c]);
            for (int c = 0; c < cols; c++) s += Math.exp(x[r * cols + c] - m);
            for (int c = 0; c < cols; c++) {
                double lp = x[r * cols + c] - m - Math.log(s);
                o[r * cols + c] = log ? lp : Math.exp(lp);
            }
        }
        return o;
    }
}
