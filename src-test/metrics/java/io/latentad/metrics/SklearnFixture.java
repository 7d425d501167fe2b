package io.latentad.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads fixtures/sklearn/sklearn_metrics.txt, written by make_sklearn_metrics.py beside it
 * (scikit-learn 1.2.1). Each case has a name, a kind and keyed rows of numbers.
 */
public final class SklearnFixture {
    /** One case: rows by key; "beta" appears several times, so every key maps to a list of rows. */
    public record Case(String name, String kind, Map<String, List<String[]>> rows) {
        public String[] row(String key) {
            List<String[]> r = rows.get(key);
            if (r == null) throw new IllegalStateException(name + ": no row " + key);
            return r.get(0);
        }

        public List<String[]> all(String key) {
            return rows.getOrDefault(key, List.of());
        }

        public boolean has(String key) {
            return rows.containsKey(key);
        }

        public int[] ints(String key) {
            String[] r = row(key);
            int[] a = new int[r.length];
            for (int i = 0; i < r.length; i++) a[i] = Integer.parseInt(r[i]);
            return a;
        }

        public double[] doubles(String key) {
            String[] r = row(key);
            double[] a = new double[r.length];
            for (int i = 0; i < r.length; i++) a[i] = Double.parseDouble(r[i]);
            return a;
        }

        public double value(String key) {
            return Double.parseDouble(row(key)[0]);
        }
    }

    private SklearnFixture() {
    }

    public static List<Case> cases(String kind) {
        List<Case> out = new ArrayList<>();
        for (Case c : load()) if (c.kind().equals(kind)) out.add(c);
        if (out.isEmpty()) throw new IllegalStateException("no " + kind + " cases in the fixture");
        return out;
    }

    private static List<Case> load() {
        String path = "/fixtures/sklearn/sklearn_metrics.txt";
        try (InputStream in = SklearnFixture.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Case> cases = new ArrayList<>();
            Map<String, List<String[]>> rows = null;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] tok = line.trim().split("\\s+");
                if (tok[0].equals("case")) {
                    rows = new LinkedHashMap<>();
                    cases.add(new Case(tok[1], tok[2], rows));
                    continue;
                }
                String[] vals = new String[tok.length - 1];
                System.arraycopy(tok, 1, vals, 0, vals.length);
                rows.computeIfAbsent(tok[0], k -> new ArrayList<>()).add(vals);
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
