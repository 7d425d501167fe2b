package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneClassSvmTest {

    /**
     * scikit-learn 1.2.1 OneClassSVM on the data of fixtures/ocsvm/make_ocsvm.py: the decision
     * function on the training rows and on held-out rows within 1e-6 relative (to the largest
     * |decision| of the case, since single values near 0 have no relative scale), the same
     * number of support vectors, and rho to 1e-3 relative.
     */
    @Test
    @SuppressWarnings("unchecked")
    void decisionFunctionMatchesScikitLearn() throws IOException {
        Map<String, Object> fx = (Map<String, Object>) Json.parse(resource("/fixtures/ocsvm/ocsvm.json"));
        Map<String, Object> data = (Map<String, Object>) fx.get("data");
        List<Object> cases = (List<Object>) fx.get("cases");
        assertEquals(9, cases.size());
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            String name = (String) c.get("name");
            Map<String, Object> ds = (Map<String, Object>) data.get(c.get("data"));
            double[][] x = matrix(ds.get("x")), test = matrix(ds.get("test"));
            Map<String, String> params = new LinkedHashMap<>();
            ((Map<String, Object>) c.get("params")).forEach((k, v) -> params.put(k, v.toString()));
            OneClassSvmModel m = OneClassSvm.fromParams(params).fit(x);
            assertEquals((double) c.get("gamma"), m.gamma(), 1e-12 * m.gamma(), name + " gamma");
            assertEquals(((Double) c.get("n_support")).intValue(), m.supportVectorCount(), name + " support vectors");
            double rho = (double) c.get("rho");
            assertEquals(rho, m.rho(), 1e-3 * Math.abs(rho), name + " rho");
            assertClose(name + " train", vector(c.get("decision")), m.decisionFunction(x));
            assertClose(name + " test", vector(c.get("decision_test")), m.decisionFunction(test));
            if (name.contains("gamma5") || name.contains("gamma20")) {
                assertTrue(m.iterations() > x.length, name + ": " + m.iterations() + " steps: expected > n, so that shrinking ran");
            }
            // training scores are the negated decision function on the training rows
            double[] ts = m.trainingScores(), dec = m.decisionFunction(x);
            for (int i = 0; i < ts.length; i++) assertEquals(-dec[i], ts[i], 0.0);
        }
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            // the issue asks 1e-3; the solver takes libsvm's steps, so what is left is the float
            // rounding of kernel values in scoring: the worst case found is 2.4e-7 (gamma20)
            double tol = 1e-6 * Math.max(Math.abs(expected[i]), scale);
            assertEquals(expected[i], actual[i], tol, what + " row " + i);
        }
    }

    @Test
    void solverWithoutShrinkingGivesTheSameSolution() {
        double[][] x = blobs(300, 2, 300);
        OneClassSvm.Options o = OneClassSvm.Options.defaults().withNu(0.3).withGamma(5);
        OneClassSvmModel a = new OneClassSvm(o).fit(x);
        assertTrue(a.iterations() > 600, a.iterations() + " steps: expected several shrinking rounds");
        OneClassSvmModel b = new OneClassSvm(new OneClassSvm.Options(o.kernel(), o.nu(), o.gamma(), o.degree(),
                o.coef0(), o.tolerance(), o.cacheMb(), false)).fit(x);
        assertEquals(a.rho(), b.rho(), 1e-3 * Math.abs(a.rho()));
        double[] sa = a.trainingScores(), sb = b.trainingScores();
        for (int i = 0; i < sa.length; i++) assertEquals(sa[i], sb[i], 2e-3 * Math.abs(a.rho()));
    }

    @Test
    void aTinyCacheGivesTheSameSolution() {
        OneClassSvm.Options o = OneClassSvm.Options.defaults().withNu(0.2).withGamma(5);
        double[][] big = blobs(1200, 2, 13);
        OneClassSvmModel c = new OneClassSvm(o).fit(big);
        OneClassSvmModel d = new OneClassSvm(new OneClassSvm.Options(o.kernel(), o.nu(), o.gamma(), o.degree(),
                o.coef0(), o.tolerance(), 1, true)).fit(big); // 1 MB holds ~218 rows of 1200: evictions
        assertEquals(c.supportVectorCount(), d.supportVectorCount());
        // the cache only changes what is recomputed, never a value: the same steps, the same rho
        assertEquals(c.rho(), d.rho(), 0.0);
        assertEquals(c.iterations(), d.iterations());
        assertTrue(c.iterations() > 1000, c.iterations() + " steps: expected shrinking to run");
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        // n >= OneClassSvmKernel.PARALLEL_ROW so that kernel rows are split too
        double[][] x = blobs(OneClassSvmKernel.PARALLEL_ROW + 101, 2, 21);
        OneClassSvm svm = new OneClassSvm(OneClassSvm.Options.defaults().withNu(0.02));
        int before = io.latentad.engine.kernel.Parallel.threads();
        try {
            io.latentad.engine.kernel.Parallel.setThreads(1);
            OneClassSvmModel one = svm.fit(x);
            io.latentad.engine.kernel.Parallel.setThreads(3);
            OneClassSvmModel three = svm.fit(x);
            assertEquals(one.rho(), three.rho(), 0.0);
            assertEquals(one.iterations(), three.iterations());
            org.junit.jupiter.api.Assertions.assertArrayEquals(one.trainingScores(), three.trainingScores(), 0.0);
            org.junit.jupiter.api.Assertions.assertArrayEquals(one.score(x), three.score(x), 0.0);
        } finally {
            io.latentad.engine.kernel.Parallel.setThreads(before);
        }
    }

    @Test
    void scoreIsHigherForPointsFarFromTheData() {
        double[][] x = blobs(200, 2, 3);
        OneClassSvmModel m = new OneClassSvm(OneClassSvm.Options.defaults().withNu(0.1)).fit(x);
        double[] s = m.score(new double[][] {{0, 0}, {40, 40}, {-30, 25}});
        double[] train = m.trainingScores();
        double median = quantile(train, 0.5);
        assertTrue(s[1] > 0 && s[2] > 0, "far points are outside the support");
        assertTrue(s[1] > median && s[2] > median);
    }

    @Test
    void aboutNuOfTheTrainingRowsAreOutside() {
        double[][] x = blobs(500, 2, 4);
        for (double nu : new double[] {0.05, 0.2, 0.5}) {
            OneClassSvmModel m = new OneClassSvm(OneClassSvm.Options.defaults().withNu(nu)).fit(x);
            int outside = 0;
            for (double s : m.trainingScores()) if (s > 1e-9) outside++;
            // nu-property: share outside <= nu <= share of support vectors (up to tolerance)
            assertTrue(outside <= nu * x.length + 2, "nu = " + nu + ": " + outside + " outside");
            assertTrue(m.supportVectorCount() >= nu * x.length - 1, "nu = " + nu + ": " + m.supportVectorCount() + " SVs");
        }
    }

    @Test
    void nuOneMakesEveryRowASupportVector() {
        double[][] x = blobs(50, 2, 5);
        OneClassSvmModel m = new OneClassSvm(OneClassSvm.Options.defaults().withNu(1.0)).fit(x);
        assertEquals(50, m.supportVectorCount());
    }

    @Test
    void powiMatchesMathPow() {
        for (int k = 1; k <= 7; k++) assertEquals(Math.pow(1.3, k), OneClassSvmKernel.powi(1.3, k), 1e-12);
    }

    @Test
    void rejectsBadInput() {
        OneClassSvm svm = new OneClassSvm();
        assertThrows(IllegalArgumentException.class, () -> svm.fit(new double[0][]));
        assertThrows(IllegalArgumentException.class, () -> svm.fit(null));
        assertThrows(IllegalArgumentException.class, () -> svm.fit(new double[][] {{1, 2}, {3}}));
        assertThrows(IllegalArgumentException.class, () -> svm.fit(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertThrows(IllegalArgumentException.class, () -> svm.fit(new double[][] {{1, Double.POSITIVE_INFINITY}}));
        OneClassSvmModel m = svm.fit(blobs(30, 2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2, 3}}));
        assertTrue(e.getMessage().contains("3 columns") && e.getMessage().contains("expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.threshold(0.0));
        assertThrows(IllegalArgumentException.class, () -> m.threshold(0.6));
    }

    @Test
    void rejectsBadOptions() {
        OneClassSvm.Options d = OneClassSvm.Options.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withNu(0));
        assertThrows(IllegalArgumentException.class, () -> d.withNu(1.5));
        assertThrows(IllegalArgumentException.class, () -> d.withNu(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> d.withGamma(-1));
        assertThrows(IllegalArgumentException.class, () -> d.withGamma(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> d.withKernel(null));
        assertThrows(IllegalArgumentException.class, () -> new OneClassSvm.Options(OneClassSvm.Kernel.POLY, 0.5, 1, 0, 0, 1e-3, 200, true));
        assertThrows(IllegalArgumentException.class, () -> new OneClassSvm.Options(OneClassSvm.Kernel.RBF, 0.5, 1, 3, 0, 0, 200, true));
        assertThrows(IllegalArgumentException.class, () -> new OneClassSvm.Options(OneClassSvm.Kernel.RBF, 0.5, 1, 3, 0, 1e-3, 0, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OneClassSvm.fromParams(Map.of("nu", "abc")));
        assertTrue(e.getMessage().contains("nu = 'abc'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OneClassSvm.fromParams(Map.of("kernel", "sigmoid")));
        assertThrows(IllegalArgumentException.class, () -> OneClassSvm.fromParams(Map.of("gamma", "auto")));
        assertThrows(IllegalArgumentException.class, () -> OneClassSvm.fromParams(Map.of("degree", "2.5")));
        e = assertThrows(IllegalArgumentException.class, () -> OneClassSvm.fromParams(Map.of("C", "1")));
        assertTrue(e.getMessage().contains("unknown param 'C'"), e.getMessage());
    }

    @Test
    void fromParamsReadsEveryKey() {
        OneClassSvm s = OneClassSvm.fromParams(Map.of("kernel", "poly", "nu", "0.25", "gamma", "0.5", "degree", "2", "coef0", "1.5"));
        assertEquals(new OneClassSvm.Options(OneClassSvm.Kernel.POLY, 0.25, 0.5, 2, 1.5, 1e-3, 200, true), s.options());
        assertTrue(Double.isNaN(OneClassSvm.fromParams(Map.of("gamma", "scale")).options().gamma()));
    }

    static double[][] blobs(int n, int d, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            double shift = (i % 3) * 5.0;
            for (int c = 0; c < d; c++) x[i][c] = shift + gauss(r);
        }
        return x;
    }

    private static double gauss(java.util.SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[(int) (q * (s.length - 1))];
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = OneClassSvmTest.class.getResourceAsStream(path)) {
            if (in == null) throw new IOException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private static double[][] matrix(Object o) {
        List<Object> rows = (List<Object>) o;
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) x[i] = vector(rows.get(i));
        return x;
    }

    @SuppressWarnings("unchecked")
    private static double[] vector(Object o) {
        List<Object> v = (List<Object>) o;
        double[] x = new double[v.size()];
        for (int i = 0; i < x.length; i++) x[i] = (Double) v.get(i);
        return x;
    }

    /** A minimal JSON reader for the fixture (objects, arrays, numbers as Double, strings, literals). */
    static final class Json {
        private final String s;
        private int p;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.p != s.length()) throw new IllegalStateException("trailing text at " + j.p);
            return v;
        }

        private void ws() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        }

        private Object value() {
            ws();
            char c = s.charAt(p);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                p++;
                ws();
                if (s.charAt(p) == '}') {
                    p++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = (String) value();
                    ws();
                    p++; // ':'
                    m.put(k, value());
                    ws();
                    if (s.charAt(p++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                p++;
                ws();
                if (s.charAt(p) == ']') {
                    p++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(p++) == ']') return l;
                }
            }
            if (c == '"') {
                int e = s.indexOf('"', p + 1);
                String v = s.substring(p + 1, e);
                p = e + 1;
                return v;
            }
            if (s.startsWith("true", p)) {
                p += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("false", p)) {
                p += 5;
                return Boolean.FALSE;
            }
            if (s.startsWith("null", p)) {
                p += 4;
                return null;
            }
            int start = p;
            while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
            return Double.parseDouble(s.substring(start, p));
        }
    }
}
