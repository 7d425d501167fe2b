package io.latentad.engine.autodiff;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused LSTM pass ({@link LstmOps#lstm}, stacked as {@code nn.StackedLstm} stacks it) against
 * central differences of an independent double implementation written step by step from the
 * equations ({@link GradCheck}): T up to 6, one and two layers, one and two directions, unequal
 * lengths, with and without an initial state. The checked output is the concatenation of every
 * step's output and the last state {@code (h_n, c_n)}, so the gradients arriving through the last
 * state are checked too. Forward to 1e-5, gradients to 1e-4 (|a - b| / max(1, |b|)), as
 * {@code GradCheckTest}.
 */
class LstmGradCheckTest {
    /** One case: sizes, lengths (null = all T), whether an initial state is given. */
    private record Spec(String name, int batch, int steps, int in, int hidden, int layers, int dirs,
                        int[] lengths, boolean initial) {
        int len(int b) {
            return lengths == null ? steps : lengths[b];
        }
    }

    @TestFactory
    List<DynamicTest> lstmPassesGradCheck() {
        List<Spec> specs = List.of(
                new Spec("one layer, unequal lengths, initial state", 3, 6, 2, 3, 1, 1, new int[] {4, 6, 1}, true),
                new Spec("bidirectional, unequal lengths, initial state", 3, 5, 2, 3, 1, 2, new int[] {2, 5, 3}, true),
                new Spec("bidirectional, full lengths", 2, 4, 3, 2, 1, 2, null, false),
                new Spec("two layers, unequal lengths", 2, 6, 2, 3, 2, 1, new int[] {6, 3}, true),
                new Spec("two bidirectional layers, unequal lengths", 3, 4, 2, 2, 2, 2, new int[] {1, 4, 3}, false),
                new Spec("batch of one, T = 1, bidirectional", 1, 1, 2, 3, 1, 2, new int[] {1}, true),
                new Spec("one feature", 2, 5, 1, 4, 1, 2, new int[] {5, 2}, true));
        List<DynamicTest> tests = new ArrayList<>();
        Rng rng = new Rng(31);
        for (Spec s : specs) {
            Tensor[] inputs = inputs(s, rng);
            tests.add(DynamicTest.dynamicTest(s.name(), () -> {
                GradCheck.Result r = GradCheck.check(inputs, v -> op(s, v), d -> reference(s, d), 9);
                assertTrue(r.forwardError() <= 1e-5, s.name() + ": forward error " + r.forwardError());
                assertTrue(r.gradientError() <= 1e-4, s.name() + ": gradient error " + r.gradientError() + " at " + r.worst());
            }));
        }
        return tests;
    }

    /** x, then h0 and c0 if given, then per layer and direction W_ih, W_hh, b_ih, b_hh. */
    private static Tensor[] inputs(Spec s, Rng rng) {
        List<Tensor> t = new ArrayList<>();
        t.add(Tensor.uniform(rng, -1.5f, 1.5f, s.batch(), s.steps(), s.in()));
        if (s.initial()) {
            t.add(Tensor.uniform(rng, -1f, 1f, s.layers() * s.dirs(), s.batch(), s.hidden()));
            t.add(Tensor.uniform(rng, -1f, 1f, s.layers() * s.dirs(), s.batch(), s.hidden()));
        }
        for (int l = 0; l < s.layers(); l++) {
            int in = l == 0 ? s.in() : s.dirs() * s.hidden();
            for (int d = 0; d < s.dirs(); d++) {
                t.add(Tensor.uniform(rng, -0.8f, 0.8f, 4 * s.hidden(), in));
                t.add(Tensor.uniform(rng, -0.8f, 0.8f, 4 * s.hidden(), s.hidden()));
                t.add(Tensor.uniform(rng, -0.5f, 0.5f, 4 * s.hidden()));
                t.add(Tensor.uniform(rng, -0.5f, 0.5f, 4 * s.hidden()));
            }
        }
        return t.toArray(new Tensor[0]);
    }

    private static Var op(Spec s, Var[] v) {
        int k = 0;
        Var y = v[k++];
        Var h0 = s.initial() ? v[k++] : null, c0 = s.initial() ? v[k++] : null;
        List<Var> hs = new ArrayList<>(), cs = new ArrayList<>();
        int per = s.dirs();
        for (int l = 0; l < s.layers(); l++) {
            LstmOps.Weights[] w = new LstmOps.Weights[per];
            for (int d = 0; d < per; d++, k += 4) w[d] = new LstmOps.Weights(v[k], v[k + 1], v[k + 2], v[k + 3]);
            Var lh = h0 == null ? null : ShapeOps.slice(h0, 0, l * per, (l + 1) * per);
            Var lc = c0 == null ? null : ShapeOps.slice(c0, 0, l * per, (l + 1) * per);
            LstmOps.Result r = LstmOps.lstm(y, s.lengths(), lh, lc, w);
            y = r.output();
            hs.add(ShapeOps.reshape(r.lastH(), -1));
            cs.add(ShapeOps.reshape(r.lastC(), -1));
        }
        List<Var> all = new ArrayList<>();
        all.add(ShapeOps.reshape(y, -1));
        all.addAll(hs);
        all.addAll(cs);
        return ShapeOps.concat(0, all.toArray(new Var[0]));
    }

    /** The same stack in double, one step at a time, straight from the equations. */
    private static double[] reference(Spec s, double[][] in) {
        int nb = s.batch(), nt = s.steps(), nh = s.hidden(), per = s.dirs(), k = 0;
        double[] x = in[k++];
        double[] h0 = s.initial() ? in[k++] : null, c0 = s.initial() ? in[k++] : null;
        int width = s.in();
        double[] hn = new double[s.layers() * per * nb * nh], cn = new double[hn.length];
        for (int l = 0; l < s.layers(); l++) {
            double[] out = new double[nb * nt * per * nh];
            for (int d = 0; d < per; d++) {
                double[] wi = in[k], wh = in[k + 1], bi = in[k + 2], bh = in[k + 3];
                k += 4;
                int state = (l * per + d) * nb;
                for (int b = 0; b < nb; b++) {
                    double[] h = new double[nh], c = new double[nh];
                    if (h0 != null) {
                        System.arraycopy(h0, (state + b) * nh, h, 0, nh);
                        System.arraycopy(c0, (state + b) * nh, c, 0, nh);
                    }
                    int len = s.len(b);
                    for (int step = 0; step < len; step++) {
                        int t = d == 0 ? step : len - 1 - step; // reverse: from the sequence's own end
                        double[] a = new double[4 * nh];
                        for (int r = 0; r < 4 * nh; r++) {
                            double z = bi[r] + bh[r];
                            for (int f = 0; f < width; f++) z += wi[r * width + f] * x[(b * nt + t) * width + f];
                            for (int j = 0; j < nh; j++) z += wh[r * nh + j] * h[j];
                            a[r] = z;
                        }
                        for (int j = 0; j < nh; j++) {
                            double ig = sig(a[j]), fg = sig(a[nh + j]), gg = Math.tanh(a[2 * nh + j]), og = sig(a[3 * nh + j]);
                            c[j] = fg * c[j] + ig * gg;
                            h[j] = og * Math.tanh(c[j]);
                            out[(b * nt + t) * per * nh + d * nh + j] = h[j];
                        }
                    }
                    System.arraycopy(h, 0, hn, (state + b) * nh, nh);
                    System.arraycopy(c, 0, cn, (state + b) * nh, nh);
                }
            }
            x = out;
            width = per * nh;
        }
        double[] all = new double[x.length + 2 * hn.length];
        System.arraycopy(x, 0, all, 0, x.length);
        System.arraycopy(hn, 0, all, x.length, hn.length);
        System.arraycopy(cn, 0, all, x.length + hn.length, cn.length);
        return all;
    }

    private static double sig(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
