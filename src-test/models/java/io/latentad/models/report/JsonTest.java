package io.latentad.models.report;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001\"", Json.write("a\"b\\c\nd\te\u0001", false));
        assertEquals("\"h\u00e9llo \u2713\"", Json.write("h\u00e9llo \u2713", false));
    }

    @Test
    void writesNumbersWholeOrShortestAndNonFiniteAsNull() {
        assertEquals("[3,-2,0.1,1.0E-7,null,null,null,0,7]",
                Json.write(new Object[] {3.0, -2.0, 0.1, 1e-7, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 7}, false));
        assertEquals("[1,2]", Json.write(new int[] {1, 2}, false));
        assertEquals("[[0.5,1],[2,null]]", Json.write(new double[][] {{0.5, 1}, {2, Double.NaN}}, false));
    }

    @Test
    void roundTripsNestedValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "CL-VAE \"gamma\"\n");
        m.put("v", 0.8123456789012345);
        m.put("k", 20);
        m.put("ok", true);
        m.put("none", null);
        m.put("scores", new double[] {1.5, Double.NaN, -3});
        m.put("rows", List.of(Map.of("trader", "T01"), List.of()));
        for (boolean pretty : new boolean[] {false, true}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> back = (Map<String, Object>) Json.parse(Json.write(m, pretty));
            assertEquals(List.of("name", "v", "k", "ok", "none", "scores", "rows"), List.copyOf(back.keySet()));
            assertEquals("CL-VAE \"gamma\"\n", back.get("name"));
            assertEquals(0.8123456789012345, back.get("v"));
            assertEquals(20.0, back.get("k"));
            assertEquals(true, back.get("ok"));
            assertNull(back.get("none"));
            assertEquals(Arrays.asList(1.5, null, -3.0), back.get("scores"));
            assertEquals(List.of(Map.of("trader", "T01"), List.of()), back.get("rows"));
        }
    }

    @Test
    void prettyOutputIndentsObjectsAndKeepsNumberArraysOnOneLine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", new int[] {1, 2});
        m.put("b", Map.of("c", "d"));
        assertEquals("{\n  \"a\": [1, 2],\n  \"b\": {\n    \"c\": \"d\"\n  }\n}\n", Json.write(m, true));
    }

    @Test
    void rejectsUnknownTypesAndBadText() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object(), false));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\" 1}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,2] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
    }
}
