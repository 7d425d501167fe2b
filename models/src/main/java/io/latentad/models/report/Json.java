package io.latentad.models.report;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small dependency-free JSON writer (and a reader for checks), for {@code report.json}.
 *
 * <p>Values: {@link Map} (keys as strings, in the map's order: use a {@link LinkedHashMap}),
 * {@link Iterable} and arrays (including {@code double[]}, {@code int[]}, nested), {@link Number},
 * {@link Boolean}, {@link CharSequence}, enums (by name) and null. JSON has no NaN or infinity:
 * non-finite numbers are written as {@code null} (what Python's {@code json} would need
 * {@code allow_nan} for, and what JavaScript's {@code JSON.stringify} does). Whole doubles are
 * written without a fraction ({@code 3} not {@code 3.0}) up to 2^53; others with the shortest
 * text that reads back to the same double ({@link Double#toString}).
 *
 * <p>Strings escape {@code "}, {@code \}, and the control characters below U+0020 ({@code \n},
 * {@code \t}, ... or {@code \}{@code u00XX}); other characters are written as they are (UTF-8 file).
 */
public final class Json {
    private Json() {
    }

    /** The value as JSON; {@code pretty} indents by two spaces per level. */
    public static String write(Object value, boolean pretty) {
        StringBuilder sb = new StringBuilder();
        write(sb, value, pretty ? 0 : -1);
        if (pretty) sb.append('\n');
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence || v instanceof Character || v instanceof Enum<?>) {
            string(sb, v instanceof Enum<?> e ? e.name() : v.toString());
        } else if (v instanceof Boolean b) {
            sb.append(b);
        } else if (v instanceof Double || v instanceof Float) {
            number(sb, ((Number) v).doubleValue());
        } else if (v instanceof Number n) {
            sb.append(n); // integers and BigDecimal print as JSON numbers
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) sb.append(',');
                first = false;
                newline(sb, indent + 1);
                string(sb, String.valueOf(e.getKey()));
                sb.append(indent >= 0 ? ": " : ":");
                write(sb, e.getValue(), indent < 0 ? -1 : indent + 1);
            }
            if (!first) newline(sb, indent);
            sb.append('}');
        } else if (v instanceof Iterable<?> it) {
            List<Object> items = new ArrayList<>();
            for (Object o : it) items.add(o);
            array(sb, items, indent);
        } else if (v.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0, n = Array.getLength(v); i < n; i++) items.add(Array.get(v, i));
            array(sb, items, indent);
        } else {
            throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
                    + " as JSON: expected a map, list, array, number, boolean, string or null");
        }
    }

    /** Arrays of plain numbers stay on one line even when pretty. */
    private static void array(StringBuilder sb, List<Object> items, int indent) {
        boolean flat = indent < 0 || items.stream().allMatch(o -> o == null || o instanceof Number);
        sb.append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) sb.append(flat && indent >= 0 ? ", " : ",");
            if (!flat) newline(sb, indent + 1);
            write(sb, items.get(i), indent < 0 ? -1 : indent + 1);
        }
        if (!flat && !items.isEmpty()) newline(sb, indent);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent) {
        if (indent < 0) return;
        sb.append('\n');
        sb.append("  ".repeat(indent));
    }

    private static void number(StringBuilder sb, double d) {
        if (!Double.isFinite(d)) {
            sb.append("null"); // JSON has no NaN / Infinity
        } else if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
            sb.append((long) d); // -0.0 becomes 0
        } else {
            sb.append(Double.toString(d));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    /**
     * Parses JSON text: objects become {@link LinkedHashMap}, arrays {@link List}, numbers
     * {@link Double}, plus strings, booleans and null. Meant for tests and small files.
     */
    public static Object parse(String text) {
        Reader r = new Reader(text);
        Object v = r.value();
        r.space();
        if (r.p != text.length()) throw r.error("text after the value");
        return v;
    }

    /** A recursive-descent reader over the text. */
    private static final class Reader {
        final String s;
        int p;

        Reader(String s) {
            this.s = s;
        }

        Object value() {
            space();
            if (p >= s.length()) throw error("end of text where a value was expected");
            char c = s.charAt(p);
            if (c == '{') return object();
            if (c == '[') return list();
            if (c == '"') return str();
            if (s.startsWith("true", p)) { p += 4; return Boolean.TRUE; }
            if (s.startsWith("false", p)) { p += 5; return Boolean.FALSE; }
            if (s.startsWith("null", p)) { p += 4; return null; }
            int start = p;
            while (p < s.length() && "+-0123456789.eE".indexOf(s.charAt(p)) >= 0) p++;
            if (start == p) throw error("unexpected character '" + c + "'");
            try {
                return Double.parseDouble(s.substring(start, p));
            } catch (NumberFormatException e) {
                throw error("bad number '" + s.substring(start, p) + "'");
            }
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            p++;
            space();
            if (peek() == '}') { p++; return m; }
            while (true) {
                space();
                if (peek() != '"') throw error("expected a string key");
                String k = str();
                space();
                expect(':');
                m.put(k, value());
                space();
                if (peek() == ',') { p++; continue; }
                expect('}');
                return m;
            }
        }

        List<Object> list() {
            List<Object> l = new ArrayList<>();
            p++;
            space();
            if (peek() == ']') { p++; return l; }
            while (true) {
                l.add(value());
                space();
                if (peek() == ',') { p++; continue; }
                expect(']');
                return l;
            }
        }

        String str() {
            StringBuilder b = new StringBuilder();
            p++;
            while (true) {
                if (p >= s.length()) throw error("string not closed");
                char c = s.charAt(p++);
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                if (p >= s.length()) throw error("string not closed");
                char e = s.charAt(p++);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (p + 4 > s.length()) throw error("short \\u escape");
                        b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
                        p += 4;
                    }
                    default -> b.append(e); // \" \\ \/
                }
            }
        }

        char peek() {
            return p < s.length() ? s.charAt(p) : '\0';
        }

        void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            p++;
        }

        void space() {
            while (p < s.length() && Character.isWhitespace(s.charAt(p))) p++;
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON at offset " + p + ": " + what);
        }
    }
}
