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
}
