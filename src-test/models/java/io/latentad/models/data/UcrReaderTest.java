package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UcrReaderTest {
    @Test
    void readsWhitespaceSeparatedSeries() {
        Dataset d = DataSpec.parse("ucr:" + TestData.path("ucr-space.txt")).load(CsvOptions.defaults());
        assertEquals(3, d.rows());
        assertEquals(4, d.dimension());
        assertArrayEquals(new double[] {1.0, 1.1, 1.2, 1.3}, d.x()[1], 0.0);
        assertArrayEquals(new String[] {"1", "2"}, d.classes());
        assertArrayEquals(new int[] {0, 1, 0}, d.labels());
    }

    @Test
    void readsCommaSeparatedSeriesWithScientificLabels() {
        Dataset d = UcrReader.read(TestData.path("ucr-comma.tsv"));
        assertArrayEquals(new String[] {"-1", "1"}, d.classes());
        assertArrayEquals(new int[] {0, 1}, d.labels());
        assertArrayEquals(new double[] {0.1, 0.2, 0.3}, d.x()[0], 0.0);
    }

    @Test
    void seriesOfUnequalLengthKeepTheirOwnSteps() {
        // a line that stops early (whitespace), and the 2018 archive's padding: trailing NaN or empty cells (tabs)
        Dataset d = UcrReader.read(TestData.path("ucr-ragged.txt"));
        assertEquals(SampleShape.sequence(3, 1), d.shape());
        assertArrayEquals(new int[] {3, 2}, d.lengths());
        assertArrayEquals(new double[] {1.0, 1.1}, d.x()[1], 0.0);
        assertEquals(3, d.dimension());
        Dataset p = UcrReader.read(TestData.path("ucr-padded.tsv"));
        assertEquals(SampleShape.sequence(4, 1), p.shape());
        assertArrayEquals(new int[] {4, 2, 1}, p.lengths());
        assertArrayEquals(new double[] {1.0, 1.1}, p.x()[1], 0.0);
        assertArrayEquals(new double[] {0.5}, p.x()[2], 0.0);
        assertArrayEquals(new int[] {0, 1, 0}, p.labels());
        // equal lengths: no lengths, as before
        assertEquals(null, UcrReader.read(TestData.path("ucr-space.txt")).lengths());
        // fixed-width models are told which row differs and what reads them
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.requireOneWidth("detector iforest"));
        assertTrue(e.getMessage().contains("row 1 has 2 steps where row 0 has 4") && e.getMessage().contains("detector iforest")
                && e.getMessage().contains("--model vrae"), e.getMessage());
    }

    @Test
    void aGapInsideASeriesIsAnErrorWithLineColumnAndStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UcrReader.read(TestData.path("ucr-nan.txt")));
        assertTrue(e.getMessage().contains("line 1, column 3 (step 1): 'NaN' is not a finite number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UcrReader.read(TestData.path("ucr-gap.csv")));
        assertTrue(e.getMessage().contains("line 1, column 3 (step 1): an empty cell inside the series"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UcrReader.read(TestData.path("empty.csv")));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
    }

    @Test
    void aSeriesLongerThanTheMaximumIsRefusedNamingItsLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws java.io.IOException {
        StringBuilder b = new StringBuilder("1 0.5 0.25\n2");
        for (int t = 0; t <= UcrReader.MAX_STEPS; t++) b.append(" 0");
        java.nio.file.Path f = tmp.resolve("long.txt");
        java.nio.file.Files.writeString(f, b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UcrReader.read(f));
        assertTrue(e.getMessage().contains("line 2: a series of 100001 steps: expected at most 100000"), e.getMessage());
    }
}
