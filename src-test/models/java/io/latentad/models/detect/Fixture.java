package io.latentad.models.detect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the reference fixtures under {@code src-test/models/resources/fixtures}: a flat JSON object
 * whose values are numbers, arrays of numbers, or arrays of arrays of numbers (all that the
 * committed generator scripts write).
 */
public final class Fixture {
    private final Map<String, Object> values;

    private Fixture(Map<String, Object> values) {
        this.values = values;
    }

    /** Loads a class-path resource such as {@code /fixtures/detect/lof.json}. */
    public static Fixture load(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("missing fixture " + resource);
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Parser p = new Parser(s);
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) p.value();
            return new Fixture(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object get(String key) {
        Object v = values.get(key);
        if (v == null) throw new IllegalStateException("fixture has no key " + key);
        return v;
    }

    public double number(String key) {
        return (Double) get(key);
    }

    public double[] vector(String key) {
        List<?> l = (List<?>) get(key);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = (Double) l.get(i);
        return out;
    }

    public int[] ints(String key) {
        double[] v = vector(key);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    public double[][] matrix(String key) {
        List<?> l = (List<?>) get(key);
        double[][] out = new double[l.size()][];
        for (int i = 0; i < out.length; i++) {
            List<?> r = (List<?>) l.get(i);
            out[i] = new double[r.size()];
            for (int j = 0; j < out[i].length; j++) out[i][j] = (Double) r.get(j);
        }
        return out;
    }

    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            skip();
            char c = s.charAt(pos);
            if (c == '{') {
                pos++;
                Map<String, Object> m = new HashMap<>();
                skip();
                if (s.charAt(pos) == '}') {
                    pos++;
                    return m;
                }
                while (true) {
                    skip();
                    String key = string();
                    skip();
                    expect(':');
                    m.put(key, value());
                    skip();
                    if (s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect('}');
                    return m;
                }
            }
            if (c == '[') {
                pos++;
                List<Object> l = new ArrayList<>();
                skip();
                if (s.charAt(pos) == ']') {
                    pos++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    skip();
                    if (s.charAt(pos) == ',') {
                        pos++;
                        continue;
                    }
                    expect(']');
                    return l;
                }
            }
            if (c == '"') return string();
            int start = pos;
            while (pos < s.length() && "+-0123456789.eEInfinityNa".indexOf(s.charAt(pos)) >= 0) pos++;
            String t = s.substring(start, pos);
            if (t.equals("Infinity")) return Double.POSITIVE_INFINITY;
            if (t.equals("-Infinity")) return Double.NEGATIVE_INFINITY;
            if (t.equals("NaN")) return Double.NaN;
            return Double.parseDouble(t);
        }

        private String string() {
            expect('"');
            int start = pos;
            while (s.charAt(pos) != '"') pos++;
            return s.substring(start, pos++);
        }

        private void expect(char c) {
            if (s.charAt(pos) != c) throw new IllegalStateException("expected '" + c + "' at " + pos);
            pos++;
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
        }
    }
}
