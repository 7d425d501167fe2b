package io.latentad.engine.autodiff;

import io.latentad.engine.tensor.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the PyTorch fixture {@code fixtures/torch/autodiff.json} (written by
 * {@code make_autodiff.py} beside it) with a minimal JSON parser: objects become maps, arrays
 * lists, numbers doubles. Shared by the autodiff and optim fixture tests.
 */
public final class Fixture {
    private final String s;
    private int i;

    private Fixture(String s) {
        this.s = s;
    }

    public static Map<String, Object> load() {
        return load("fixtures/torch/autodiff.json");
    }

    /** Another fixture on the test class path, e.g. {@code fixtures/lstm/lstm.json}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(String resource) {
        try (InputStream in = Fixture.class.getResourceAsStream("/" + resource)) {
            if (in == null) throw new IllegalStateException("fixture " + resource + " not on the class path");
            return (Map<String, Object>) new Fixture(new String(in.readAllBytes(), StandardCharsets.UTF_8)).value();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code {"shape": [...], "data": [...]}} object as a tensor. */
    @SuppressWarnings("unchecked")
    public static Tensor tensor(Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        List<Object> shape = (List<Object>) m.get("shape");
        int[] sh = new int[shape.size()];
        for (int k = 0; k < sh.length; k++) sh[k] = ((Double) shape.get(k)).intValue();
        return Tensor.wrap(floats(m.get("data")), sh);
    }

    @SuppressWarnings("unchecked")
    public static float[] floats(Object o) {
        List<Object> l = (List<Object>) o;
        float[] f = new float[l.size()];
        for (int k = 0; k < f.length; k++) f[k] = ((Double) l.get(k)).floatValue();
        return f;
    }

    private Object value() {
        skip();
        char c = s.charAt(i);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            i++;
            skip();
            if (s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                skip();
                String k = (String) value();
                skip();
                i++; // ':'
                m.put(k, value());
                skip();
                if (s.charAt(i++) == '}') return m;
            }
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            i++;
            skip();
            if (s.charAt(i) == ']') {
                i++;
                return l;
            }
            while (true) {
                l.add(value());
                skip();
                if (s.charAt(i++) == ']') return l;
            }
        }
        if (c == '"') {
            int end = s.indexOf('"', i + 1);
            String str = s.substring(i + 1, end);
            i = end + 1;
            return str;
        }
        if (s.startsWith("true", i)) {
            i += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("null", i)) {
            i += 4;
            return null;
        }
        if (s.startsWith("false", i)) {
            i += 5;
            return Boolean.FALSE;
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
        String num = s.substring(start, i);
        if (num.isEmpty()) throw new IllegalStateException("bad JSON at " + start);
        return Double.parseDouble(num);
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
}
