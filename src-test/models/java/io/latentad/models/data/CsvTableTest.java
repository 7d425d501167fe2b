package io.latentad.models.data;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvTableTest {
    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        CsvTable t = CsvTable.read(TestData.path("mixed.csv"));
        assertArrayEquals(new String[] {"age", "city", "income", "note", "kind", "truth"}, t.header());
        assertEquals(4, t.rows().size());
        assertEquals("a, quoted \"note\"", t.rows().get(0)[3]);
        assertEquals("multi\nline", t.rows().get(2)[3]);
        assertEquals("", t.rows().get(1)[2]);
        // the record with a line break inside a quoted field starts on line 4; the next on line 6
        assertArrayEquals(new int[] {2, 3, 4, 6}, t.lines());
    }

    @Test
    void readsCrlfLineEndsAndSkipsBlankLinesAndBom() {
        CsvTable t = CsvTable.read(TestData.path("crlf.csv"));
        assertEquals(2, t.rows().size());
        assertArrayEquals(new String[] {"3", "4"}, t.rows().get(1));
        CsvTable u = CsvTable.parse("s", "\uFEFFa,b\n\n1,2\n\n");
        assertArrayEquals(new String[] {"a", "b"}, u.header());
        assertEquals(1, u.rows().size());
        assertArrayEquals(new int[] {3}, u.lines());
    }

    @Test
    void emptyFieldsAtTheEndOfARowCount() {
        CsvTable t = CsvTable.parse("s", "a,b,c\n1,,\n");
        assertArrayEquals(new String[] {"1", "", ""}, t.rows().get(0));
    }

    @Test
    void raggedRowNamesFileLineAndColumn() {
        Path p = TestData.path("ragged.csv");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(p));
        assertTrue(e.getMessage().startsWith(p + " line 3, column 3"), e.getMessage());
        assertTrue(e.getMessage().contains("2 fields where the header has 3"), e.getMessage());
    }

    @Test
    void emptyFileHeaderOnlyAndMissingFileAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(TestData.path("empty.csv")));
        assertTrue(e.getMessage().contains("empty file"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(TestData.path("header-only.csv")));
        assertTrue(e.getMessage().contains("no data rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(Path.of("no/such/file.csv")));
        assertTrue(e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void unclosedQuoteAndTextAfterQuoteAreErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(TestData.path("unclosed.csv")));
        assertTrue(e.getMessage().contains("line 2, column 2") && e.getMessage().contains("not closed"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("s", "a,b\n\"x\"y,1\n"));
        assertTrue(e.getMessage().contains("s line 2, column 1"), e.getMessage());
    }

    @Test
    void duplicateOrEmptyHeaderNamesAreErrors() {
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("s", "a,a\n1,2\n"));
        assertThrows(IllegalArgumentException.class, () -> CsvTable.parse("s", "a,\n1,2\n"));
    }

    @Test
    void separatorCommentsAndNoHeader() {
        CsvTable t = CsvTable.parse("s", "# made by hand\na\tb\n1\t\"x\ty\"\n# skipped\r\n2\t3\n",
                CsvFormat.defaults().withSeparator('\t').withComment('#'));
        assertArrayEquals(new String[] {"a", "b"}, t.header());
        assertArrayEquals(new String[] {"1", "x\ty"}, t.rows().get(0));
        assertArrayEquals(new int[] {3, 5}, t.lines());
        CsvTable u = CsvTable.parse("s", "1;2\n3;4\n", CsvFormat.defaults().withSeparator(';').withHeader(false));
        assertArrayEquals(new String[] {"c0", "c1"}, u.header());
        assertEquals(2, u.rowCount());
        assertEquals("3", u.cell(1, 0));
    }

    @Test
    void aFirstRowOfRepeatedNumbersIsDataAndSaidSo() {
        CsvTable t = CsvTable.parse("s", "0,0\n1,2\n");
        assertArrayEquals(new String[] {"c0", "c1"}, t.header());
        assertEquals(2, t.rowCount());
        assertEquals(1, t.notes().size());
        assertTrue(t.notes().get(0).contains("not a header"), t.notes().get(0));
        CsvTable u = CsvTable.parse("s", "1,2\n3,4\n"); // distinct numbers stay the header, with a hint
        assertArrayEquals(new String[] {"1", "2"}, u.header());
        assertTrue(u.notes().get(0).contains("--no-header"), u.notes().get(0));
    }

    @Test
    void gzipUtf16AndLatin1Files(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        String text = "name,v\nK\u00f6ln,1\n";
        Path gz = tmp.resolve("a.csv.gz");
        try (var o = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(gz))) {
            o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        assertEquals("K\u00f6ln", CsvTable.read(gz).cell(0, 0));
        Path u16 = java.nio.file.Files.write(tmp.resolve("u16.csv"), text.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertEquals("K\u00f6ln", CsvTable.read(u16).cell(0, 0)); // the byte-order mark decides
        Path l1 = java.nio.file.Files.write(tmp.resolve("l1.csv"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(l1));
        assertTrue(e.getMessage().contains("not valid UTF-8") && e.getMessage().contains("--encoding"), e.getMessage());
        assertEquals("K\u00f6ln", CsvTable.read(l1, CsvFormat.defaults().withEncoding(java.nio.charset.StandardCharsets.ISO_8859_1)).cell(0, 0));
        byte[] bad = java.nio.file.Files.readAllBytes(gz);
        bad[bad.length - 5] ^= 1; // CRC
        Path broken = java.nio.file.Files.write(tmp.resolve("broken.csv.gz"), bad);
        e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(broken));
        assertTrue(e.getMessage().contains("corrupt gzip"), e.getMessage());
    }

    @Test
    void cellsAreStoredCompactly() {
        // 20,000 rows of 5 numbers: the table keeps about the text's bytes plus one int per cell
        StringBuilder b = new StringBuilder("a,b,c,d,e\n");
        for (int i = 0; i < 20_000; i++) b.append(i).append(",1.25,-3,").append(i % 7).append(",0.001\n");
        CsvTable t = CsvTable.parse("s", b.toString());
        assertEquals(20_000, t.rowCount());
        assertEquals("19999", t.cell(19_999, 0));
        assertEquals("0.001", t.cell(123, 4));
        assertArrayEquals(new String[] {"7", "1.25", "-3", "0", "0.001"}, t.row(7));
    }
}
