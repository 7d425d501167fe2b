package io.latentad.models.ae.net;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.MathOps;
import io.latentad.engine.autodiff.ShapeOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.data.SampleShape;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recurrent network on sequences of unequal length, checked whole: encoder Bi-LSTM, the mu and
 * log-variance heads, a reparameterised code with fixed noise, the decoder Bi-LSTM and the masked output
 * layer, against central differences of an independent double implementation written from the equations
 * (PyTorch's LSTM, gate order i, f, g, o; the reverse direction starting at each sequence's own end).
 * Every parameter and every input value (padding included, whose gradient must be 0) is checked.
 */
class RecurrentNetworkLengthsTest {
    static final int B = 3, T = 5, C = 2, H = 2, L = 2;
    static final int[] LENGTHS = {3, 5, 1};

    @Test
    void gradientsThroughTheWholeNetworkWithUnequalLengths() {
        RecurrentNetwork.Spec spec = new RecurrentNetwork.Spec(SampleShape.sequence(T, C), H, L);
        RecurrentNetwork net = spec.build(new Rng(7));
        Rng r = new Rng(11);
        // perturb every parameter away from its initial values (biases included)
        for (Var p : net.parameters().values()) {
            float[] a = p.value().data();
            for (int i = p.value().offset(); i < p.value().offset() + p.value().size(); i++) a[i] = (float) (0.8 * (2 * r.nextDouble() - 1));
        }
        Tensor xt = Tensor.zeros(B, T * C);
        for (int b = 0; b < B; b++) for (int j = 0; j < LENGTHS[b] * C; j++) xt.data()[b * T * C + j] = (float) (1.5 * (2 * r.nextDouble() - 1));
        double[] eps = new double[B * L];
        for (int i = 0; i < eps.length; i++) eps[i] = r.nextGaussian();

        Var x = Var.param(xt.copy(), "x");
        Var y = forward(net, x, eps);
        int n = y.value().size();
        double[] w = new double[n];
        Tensor wt = Tensor.zeros(y.shape());
        for (int i = 0; i < n; i++) wt.data()[i] = (float) (w[i] = 2 * r.nextDouble() - 1);
        y.backward(wt);

        Map<String, double[]> p = new HashMap<>();
        for (Map.Entry<String, Var> e : net.parameters().entrySet()) p.put(e.getKey(), toDouble(e.getValue().value()));
        p.put("x", toDouble(xt));
        double[] ref = reference(p, eps);
        double fwd = 0;
        for (int i = 0; i < n; i++) fwd = Math.max(fwd, err(y.value().at(i), ref[i]));
        assertTrue(fwd <= 1e-5, "forward error " + fwd);
        // the decoder's output is zero past each row's end
        int width = T * C + 2 * L;
        for (int b = 0; b < B; b++) for (int j = LENGTHS[b] * C; j < T * C; j++) assertTrue(y.value().at(b * width + j) == 0f, "padding output " + b + ", " + j);

        double worst = 0;
        String where = "";
        Map<String, Var> vars = new HashMap<>(net.parameters());
        vars.put("x", x);
        int checked = 0;
        for (Map.Entry<String, double[]> e : p.entrySet()) {
            double[] v = e.getValue();
            Tensor g = vars.get(e.getKey()).grad();
            for (int j = 0; j < v.length; j++) {
                double keep = v[j], h = 1e-6 * Math.max(1, Math.abs(keep));
                v[j] = keep + h;
                double up = dot(w, reference(p, eps));
                v[j] = keep - h;
                double down = dot(w, reference(p, eps));
                v[j] = keep;
                double numeric = (up - down) / (2 * h), analytic = g == null ? 0 : g.at(j);
                double er = err(analytic, numeric);
                if (e.getKey().equals("x") && (j % (T * C)) >= LENGTHS[j / (T * C)] * C) {
                    assertTrue(analytic == 0, "gradient of padding x[" + j + "]: " + analytic);
                    assertTrue(numeric == 0, "padding x[" + j + "] changes the output: " + numeric);
                }
                if (er > worst) {
                    worst = er;
                    where = e.getKey() + "[" + j + "]: analytic " + analytic + ", numeric " + numeric;
                }
                checked++;
            }
        }
        assertEquals(spec.parameterCount() + B * T * C, checked);
        assertTrue(worst <= 1e-4, "gradient error " + worst + " at " + where);
    }

    @Test
    void lengthsAreChecked() {
        RecurrentNetwork net = new RecurrentNetwork.Spec(SampleShape.sequence(T, C), H, L).build(new Rng(1));
        Var x = Var.constant(Tensor.zeros(2, T * C));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.encode(x, new int[] {2, 6}));
        assertTrue(e.getMessage().contains("row 1 has length 6: expected 1..5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> net.encode(x, new int[] {2}));
        assertTrue(e.getMessage().contains("1 lengths for 2 rows"), e.getMessage());
        DenseNetwork dense = (DenseNetwork) new DenseNetwork.Options(new int[] {3}, 2, io.latentad.engine.nn.Activation.Kind.RELU)
                .spec(SampleShape.row(4), true).build(new Rng(1));
        e = assertThrows(IllegalArgumentException.class, () -> dense.encode(Var.constant(Tensor.zeros(1, 4)), new int[] {2}));
        assertTrue(e.getMessage().contains("one width"), e.getMessage());
    }

    /** [decoder output (B x T*C, flat), mu, logVar] from the network. */
    private static Var forward(RecurrentNetwork net, Var x, double[] eps) {
        Encoding e = net.encode(x, LENGTHS);
        Tensor et = Tensor.zeros(B, L);
        for (int i = 0; i < eps.length; i++) et.data()[i] = (float) eps[i];
        Var z = ArithmeticOps.add(e.mu(), ArithmeticOps.mul(MathOps.exp(ArithmeticOps.mulScalar(e.logVar(), 0.5f)), Var.constant(et)));
        Var out = net.decode(z, LENGTHS);
        return ShapeOps.concat(1, out, e.mu(), e.logVar());
    }

    /** The same in double, from the equations. */
    private static double[] reference(Map<String, double[]> p, double[] eps) {
        double[] x = p.get("x");
        double[] y = new double[B * (T * C + 2 * L)];
        double[] out = new double[B * T * C], mus = new double[B * L], lvs = new double[B * L];
        for (int b = 0; b < B; b++) {
            int len = LENGTHS[b];
            double[][] in = new double[len][C];
            for (int t = 0; t < len; t++) for (int c = 0; c < C; c++) in[t][c] = x[b * T * C + t * C + c];
            double[][] fwd = lstm(p, "enc.", "", in, false), rev = lstm(p, "enc.", "_reverse", in, true);
            double[] e = new double[2 * H];
            System.arraycopy(fwd[len - 1], 0, e, 0, H); // the forward direction's state at the sequence's end
            System.arraycopy(rev[0], 0, e, H, H);       // the reverse direction's, having started there
            double[] mu = linear(p, "mu.", e), lv = linear(p, "logvar.", e);
            double[][] z = new double[len][L];
            for (int t = 0; t < len; t++) for (int k = 0; k < L; k++) z[t][k] = mu[k] + Math.exp(0.5 * lv[k]) * eps[b * L + k];
            double[][] df = lstm(p, "dec.", "", z, false), dr = lstm(p, "dec.", "_reverse", z, true);
            for (int t = 0; t < len; t++) {
                double[] hy = new double[2 * H];
                System.arraycopy(df[t], 0, hy, 0, H);
                System.arraycopy(dr[t], 0, hy, H, H);
                double[] o = linear(p, "out.", hy);
                for (int c = 0; c < C; c++) out[b * T * C + t * C + c] = o[c];
            }
            System.arraycopy(mu, 0, mus, b * L, L);
            System.arraycopy(lv, 0, lvs, b * L, L);
        }
        // concat along axis 1: per row [out (T*C), mu (L), logVar (L)]
        int w = T * C + 2 * L;
        for (int b = 0; b < B; b++) {
            System.arraycopy(out, b * T * C, y, b * w, T * C);
            System.arraycopy(mus, b * L, y, b * w + T * C, L);
            System.arraycopy(lvs, b * L, y, b * w + T * C + L, L);
        }
        return y;
    }

    /** One LSTM direction over {@code in}: the hidden state at every step (for the reverse one, indexed by step too). */
    private static double[][] lstm(Map<String, double[]> p, String prefix, String suffix, double[][] in, boolean reverse) {
        double[] wIh = p.get(prefix + "weight_ih" + suffix), wHh = p.get(prefix + "weight_hh" + suffix);
        double[] bIh = p.get(prefix + "bias_ih" + suffix), bHh = p.get(prefix + "bias_hh" + suffix);
        int n = in.length, ni = in[0].length;
        double[] h = new double[H], c = new double[H];
        double[][] hs = new double[n][];
        for (int s = 0; s < n; s++) {
            int t = reverse ? n - 1 - s : s;
            double[] g = new double[4 * H];
            for (int k = 0; k < 4 * H; k++) {
                double a = bIh[k] + bHh[k];
                for (int j = 0; j < ni; j++) a += wIh[k * ni + j] * in[t][j];
                for (int j = 0; j < H; j++) a += wHh[k * H + j] * h[j];
                g[k] = a;
            }
            double[] nh = new double[H];
            for (int j = 0; j < H; j++) {
                double i = sig(g[j]), f = sig(g[H + j]), gg = Math.tanh(g[2 * H + j]), o = sig(g[3 * H + j]);
                c[j] = f * c[j] + i * gg;
                nh[j] = o * Math.tanh(c[j]);
            }
            h = nh;
            hs[t] = nh;
        }
        return hs;
    }

    /** A dense layer {@code v W + b}, {@code W [in, out]}. */
    private static double[] linear(Map<String, double[]> p, String prefix, double[] v) {
        double[] wt = p.get(prefix + "weight"), bias = p.get(prefix + "bias");
        int out = bias.length;
        double[] y = new double[out];
        for (int k = 0; k < out; k++) {
            double a = bias[k];
            for (int j = 0; j < v.length; j++) a += v[j] * wt[j * out + k];
            y[k] = a;
        }
        return y;
    }

    private static double sig(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    private static double[] toDouble(Tensor t) {
        double[] d = new double[t.size()];
        for (int i = 0; i < d.length; i++) d[i] = t.at(i);
        return d;
    }

    private static double err(double a, double b) {
        return Math.abs(a - b) / Math.max(1, Math.abs(b));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
