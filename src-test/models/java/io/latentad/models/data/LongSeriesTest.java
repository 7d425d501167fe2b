package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LongSeriesTest {
    private static LongSeries series(String csv, String time, String... keptOut) {
        return LongSeries.of(CsvTable.parse("s.csv", csv), time, Set.of(keptOut));
    }

    private static String[] column(CsvTable t, int c) {
        String[] v = new String[t.rowCount()];
        for (int r = 0; r < v.length; r++) v[r] = t.cell(r, c);
        return v;
    }

    @Test
    void aGapBecomesMissingStepsFilledLinearlyInTime() {
        // step 10; 30 -> 60 is a gap of 3 steps: 40 and 50 are inserted, their values on the line from 3 to 6
        LongSeries s = series("t,v,truth\n10,1,0\n20,2,0\n30,3,1\n60,6,0\n70,7,0\n", "t", "truth");
        assertEquals(7, s.steps());
        assertArrayEquals(new String[] {"v", "truth"}, s.table().header());
        assertArrayEquals(new String[] {"1", "2", "3", "4.0", "5.0", "6", "7"}, column(s.table(), 0));
        assertArrayEquals(new String[] {"0", "0", "1", "", "", "0", "0"}, column(s.table(), 1));
        assertEquals("40", s.time(3));
        assertEquals("60", s.time(5));
        assertFalse(s.observed(3));
        assertTrue(s.observed(5));
        assertTrue(s.notes().get(0).startsWith("2 missing steps in 1 gap (the median step is 10)"), s.notes().toString());
    }

    @Test
    void missingValuesAreInterpolatedAndTheEndsTakeTheNearestValue() {
        LongSeries s = series("v,w\n,1\n2,NaN\n,\n6,4\n,5\n", null);
        assertArrayEquals(new String[] {"2.0", "2", "4.0", "6", "6.0"}, column(s.table(), 0));
        assertArrayEquals(new String[] {"1", "2.0", "3.0", "4", "5"}, column(s.table(), 1));
        assertEquals("0", s.time(0));
        assertEquals("5 missing values filled by linear interpolation in time", s.notes().get(0));
    }

    @Test
    void aValueColumnThatLooksLikeTimeIsNamedWithoutATimeColumn() {
        LongSeries s = series("t,v\n1,5\n2,3\n4,4\n", null);
        assertEquals(1, s.notes().size(), s.notes().toString());
        assertTrue(s.notes().get(0).startsWith("value column 't' increases strictly"), s.notes().toString());
        assertTrue(s.notes().get(0).contains("--time t"), s.notes().toString());
        // a series that only rises for a while, a repeat, a missing cell or a named time column: no such note
        assertTrue(series("t,v\n1,5\n2,3\n2,4\n", null).notes().isEmpty());
        assertTrue(series("v\n1\n2\n", null).notes().isEmpty());
        assertTrue(series("v\n1\n3\n2\n", null).notes().isEmpty());
        assertFalse(series("t,v\n1,5\n,3\n4,4\n", null).notes().stream().anyMatch(n -> n.startsWith("value column")));
        assertTrue(series("t,v\n1,5\n2,6\n3,7\n", "t").notes().isEmpty());
    }

    @Test
    void interpolationFollowsTimeNotRowNumbers() {
        // irregular times without a gap (1.2 < 1.5 steps): t = 1 lies 1 / 2.2 of the way from t = 0 (0) to t = 2.2 (22),
        // so 10 (by row numbers it would be 11)
        LongSeries s = series("t,v\n0,0\n1,\n2.2,22\n3.2,5\n", "t");
        assertEquals(4, s.steps());
        assertEquals(10.0, Double.parseDouble(s.table().cell(1, 0)), 1e-12);
    }

    @Test
    void isoTimesAreReadAndGapsFilledWithIsoTimes() {
        LongSeries s = series("when,v\n2024-01-01T00:00:00Z,1\n2024-01-01 01:00:00,2\n2024-01-01T03:00:00+00:00,4\n", "when");
        assertEquals(4, s.steps());
        assertEquals("2024-01-01T02:00:00Z", s.time(2));
        assertEquals("3.0", s.table().cell(2, 0));
        assertEquals(5, series("d,v\n2024-01-01,1\n2024-01-02,1\n2024-01-05,1\n", "d").steps());
    }

    @Test
    void badSeriesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n3,2\n2,3\n", "t"));
        assertTrue(e.getMessage().contains("line 4: time '2' does not come after '3' (line 3)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n1,2\n", "t"));
        assertTrue(e.getMessage().contains("increase strictly"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n2,x\n", "t"));
        assertTrue(e.getMessage().contains("'x' is not a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n2,inf\n", "t"));
        assertTrue(e.getMessage().contains("'inf' is not finite"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,\n2,\n", "t"));
        assertTrue(e.getMessage().contains("value column 'v' has no value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n2,1\n3,1\n5000,1\n", "t"));
        assertTrue(e.getMessage().contains("a gap of about 4997 steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n2,1\n", "time"));
        assertTrue(e.getMessage().contains("--time 'time' is not a column: expected one of t, v"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\nmonday,1\n", "t"));
        assertTrue(e.getMessage().contains("neither a number nor an ISO-8601"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> series("t,v\n1,1\n2,1\n", "t", "v"));
        assertTrue(e.getMessage().contains("no value column"), e.getMessage());
    }

    @Test
    void windowsCoverEveryStepAndMapScoresBackByTheMaximum() {
        Windows w = Windows.cut(10, 4, 3);
        assertArrayEquals(new int[] {0, 3, 6}, w.starts());
        Windows w2 = Windows.cut(11, 4, 3);
        assertArrayEquals(new int[] {0, 3, 6, 7}, w2.starts());
        assertArrayEquals(new double[] {1, 1, 1, 5, 5, 5, 5, 2, 2, 2, 2}, w2.perStep(new double[] {1, 5, 0, 2}));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 3}, w2.bestWindow(new double[] {1, 5, 5, 5}));
        double[][] x = new double[5][];
        for (int t = 0; t < 5; t++) x[t] = new double[] {t, 10 * t};
        Dataset d = Windows.cut(5, 2, 2).apply(new Dataset("s", x, new String[] {"a", "b"}, null, null, null, null));
        assertEquals(SampleShape.sequence(2, 2), d.shape());
        assertArrayEquals(new double[] {2, 20, 3, 30}, d.x()[1]);
        assertArrayEquals(new double[] {3, 30, 4, 40}, d.x()[2]);
        assertEquals("t1:b", d.featureNames()[3]);
    }

    @Test
    void badWindowsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Windows.cut(10, 11, 1));
        assertTrue(e.getMessage().contains("--window 11 is longer than the series (10 steps"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.cut(10, 5, 0));
        assertTrue(e.getMessage().contains("--stride 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Windows.cut(10, 0, 1));
        assertTrue(e.getMessage().contains("--window 0"), e.getMessage());
    }
}
