package io.latentad.models.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files as spreadsheets and other tools write them outside the comma-and-point convention: the separator found
 * from the first line, decimal commas, and the usual missing-value markers in numeric columns.
 */
class CsvLocaleTest {
    @TempDir
    Path dir;

    private static CsvTable parse(String text) {
        return CsvTable.parse("s.csv", text, CsvFormat.defaults());
    }

    @Test
    void aFirstLineWithoutACommaChoosesItsSeparatorAndSaysSo() {
        CsvTable t = parse("a;b;c\n1;2;3\n4;5;6\n");
        assertArrayEquals(new String[] {"a", "b", "c"}, t.header());
        assertArrayEquals(new String[] {"4", "5", "6"}, t.row(1));
        assertEquals(1, t.notes().size(), t.notes().toString());
        assertTrue(t.notes().get(0).contains("fields separated by ';'"), t.notes().get(0));
        assertArrayEquals(new String[] {"x", "y"}, parse("x\ty\n1\t2\n").header());
        assertArrayEquals(new String[] {"x", "y"}, parse("x|y\n1|2\n").header());
        // the most frequent candidate wins: two tabs against one semicolon
        assertArrayEquals(new String[] {"p;q", "r", "s"}, parse("p;q\tr\ts\n1\t2\t3\n").header());
    }

    @Test
    void aCommaOnTheFirstLineKeepsTheCommaAndNothingIsNoted() {
        CsvTable t = parse("a,b;c\n1,2;3\n");
        assertArrayEquals(new String[] {"a", "b;c"}, t.header());
        assertTrue(t.notes().isEmpty(), t.notes().toString());
        // a one-column file stays one column; separators inside quotes do not count
        assertArrayEquals(new String[] {"only"}, parse("only\n1\n2\n").header());
        assertArrayEquals(new String[] {"a;b", "c"}, parse("\"a;b\",c\n1,2\n").header());
        assertArrayEquals(new String[] {"a,b", "c"}, parse("\"a,b\";c\n1;2\n").header());
    }

    @Test
    void theFirstLineIsFoundPastBomBlankLinesAndComments() {
        CsvFormat f = CsvFormat.defaults().withComment('#');
        CsvTable t = CsvTable.parse("s.csv", "\uFEFF# made by a tool, with commas\n\n\r\nx;y\r\n1;2\r\n", f);
        assertArrayEquals(new String[] {"x", "y"}, t.header());
        assertArrayEquals(new String[] {"1", "2"}, t.row(0));
        // without a header the first data line decides the same way
        CsvTable u = CsvTable.parse("s.csv", "1;2;3\n4;5;6\n", CsvFormat.defaults().withHeader(false));
        assertArrayEquals(new String[] {"c0", "c1", "c2"}, u.header());
    }

    @Test
    void aRaggedRowAfterADetectedSeparatorSaysHowTheFieldsWereSplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("price|usd\n1\n"));
        assertTrue(e.getMessage().contains("1 fields where the header has 2 (ragged row); the fields were split at '|'"), e.getMessage());
        assertTrue(e.getMessage().contains("--sep"), e.getMessage());
    }

    @Test
    void aGivenSeparatorIsNeverOverruled() {
        CsvTable t = CsvTable.parse("s.csv", "a;b\n1;2\n", CsvFormat.defaults().withSeparator(','));
        assertArrayEquals(new String[] {"a;b"}, t.header());
        assertTrue(t.notes().isEmpty());
    }

    @Test
    void filesGzippedOrLongerThanTheBufferAreDetectedToo() throws IOException {
        StringBuilder b = new StringBuilder("h0");
        for (int c = 1; c < 12000; c++) b.append(';').append('h').append(c); // a first line of ~70,000 characters
        b.append('\n');
        for (int c = 0; c < 12000; c++) b.append(c == 0 ? "" : ";").append(c);
        b.append('\n');
        Path gz = dir.resolve("wide.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        CsvTable t = CsvTable.read(gz);
        assertEquals(12000, t.header().length);
        assertEquals("11999", t.cell(0, 11999));
    }

    @Test
    void decimalCommasBecomePointsInNumberCellsOnly() {
        CsvFormat f = CsvFormat.defaults().withSeparator(';').withDecimalComma(true);
        CsvTable t = CsvTable.parse("s.csv", "a;b;c;d;e;f;g\n20,5;-1,5e3; 7,25 ;warn, high;1,2,3;1,;,5\n", f);
        assertArrayEquals(new String[] {"20.5", "-1.5e3", " 7.25 ", "warn, high", "1,2,3", "1,", ",5"}, t.row(0));
        // the header is left as written
        assertArrayEquals(new String[] {"1,5", "x"}, CsvTable.parse("s.csv", "1,5;x\n2,5;y\n", f).header());
        CsvTable plain = CsvTable.parse("s.csv", "a;b\n20,5;x\n", CsvFormat.defaults());
        assertEquals("20,5", plain.cell(0, 0));
    }

    @Test
    void decimalCommasWithCommaSeparatedFieldsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CsvFormat.defaults().withSeparator(',').withDecimalComma(true));
        assertTrue(e.getMessage().contains("another separator"), e.getMessage());
        // detection on, but the first line has commas
        e = assertThrows(IllegalArgumentException.class,
                () -> CsvTable.parse("s.csv", "a,b\n1,2\n", CsvFormat.defaults().withDecimalComma(true)));
        assertTrue(e.getMessage().contains("separated by commas too"), e.getMessage());
        assertTrue(CsvFormat.parseDecimalComma("comma"));
        assertFalse(CsvFormat.parseDecimalComma("."));
        e = assertThrows(IllegalArgumentException.class, () -> CsvFormat.parseDecimalComma("x"));
        assertTrue(e.getMessage().contains("--decimal 'x'"), e.getMessage());
    }

    @Test
    void missingMarkersAreMissingInNumberCellsAndNaNIsStillRefused() {
        for (String s : new String[] {"NA", "na", "N/A", "n/a", "#N/A", "NULL", "null", "None", "?"}) {
            assertTrue(NumberCells.missingText(s), s);
            assertTrue(Double.isNaN(NumberCells.parseNumber(" " + s + " ", () -> "here")), s);
        }
        for (String s : new String[] {"NaN", "nan", "N", "NAN1", "??", "-", "0", "NA NA"}) assertFalse(NumberCells.missingText(s), s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NumberCells.parseNumber("NaN", () -> "here"));
        assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
    }

    @Test
    void aNumericColumnWithMarkersStaysNumericWithANote() {
        CsvTable t = parse("v,w,k\n1,NA,a\n?,2,b\n3,4,NA\n5,N/A,c\n");
        FeatureEncoder e = FeatureEncoder.fit(t, CsvOptions.defaults());
        assertFalse(e.isCategorical(0));
        assertFalse(e.isCategorical(1));
        assertTrue(e.isCategorical(2), "text with a marker stays text");
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains("column 'v': 1 cell '?' read as missing"), notes);
        assertTrue(notes.contains("column 'w': 2 cells 'N/A', 'NA' read as missing"), notes);
        Dataset d = e.transform(t);
        // v: 1, missing, 3, 5 -> the missing cell takes the median 3 and the indicator says so
        double[] first = d.x()[1];
        assertTrue(Double.isFinite(first[0]), java.util.Arrays.toString(first));
        // a column of markers only carries no number: it stays a category column, as before
        FeatureEncoder only = FeatureEncoder.fit(parse("m,v\nNA,1\nNA,2\n"), CsvOptions.defaults());
        assertTrue(only.isCategorical(0));
    }

    @Test
    void aTextColumnOfDecimalCommaNumbersGetsAHintAndTheFlagReadsThemAsNumbers() {
        String text = "t;s\n20,5;a\n21,25;b\nNA;c\n19;d\n";
        FeatureEncoder e = FeatureEncoder.fit(parse(text), CsvOptions.defaults());
        assertTrue(e.isCategorical(0));
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains("column 't' is read as text (categories), but its values look like numbers with a decimal comma ('20,5')"), notes);
        assertTrue(notes.contains("--decimal ,"), notes);
        CsvOptions comma = CsvOptions.defaults().withFormat(CsvFormat.defaults().withDecimalComma(true));
        CsvTable t = CsvTable.parse("s.csv", text, comma.format());
        FeatureEncoder f = FeatureEncoder.fit(t, comma);
        assertFalse(f.isCategorical(0));
        assertFalse(String.join("\n", f.notes()).contains("decimal comma"), f.notes().toString());
        // declared categorical: no hint
        FeatureEncoder g = FeatureEncoder.fit(parse(text), new CsvOptions(null, Set.of(), Set.of("t"), Set.of()));
        assertFalse(String.join("\n", g.notes()).contains("decimal comma"), g.notes().toString());
        // scoring such a file without the flag names the cure
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> f.transform(parse(text)));
        assertTrue(x.getMessage().contains("'20,5' is not a number") && x.getMessage().contains("--decimal ,"), x.getMessage());
    }

    @Test
    void aColumnOfTimeStampsGetsANoteNamingTheSeriesReading() {
        FeatureEncoder e = FeatureEncoder.fit(parse("when,v\n2024-01-01 10:00,1\n2024-01-01T11:00:00Z,2\n2024-01-02,3\n"),
                CsvOptions.defaults());
        String notes = String.join("\n", e.notes());
        assertTrue(notes.contains("column 'when' holds dates / times ('2024-01-01 10:00')"), notes);
        assertTrue(notes.contains("--exclude when") && notes.contains("--time when"), notes);
        // one repeated date, or a column with text among the dates: no note
        assertFalse(String.join("\n", FeatureEncoder.fit(parse("d,v\n2024-01-01,1\n2024-01-01,2\n"), CsvOptions.defaults()).notes())
                .contains("dates / times"));
        assertFalse(String.join("\n", FeatureEncoder.fit(parse("d,v\n2024-01-01,1\nsoon,2\n"), CsvOptions.defaults()).notes())
                .contains("dates / times"));
    }
}
