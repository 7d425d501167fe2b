package io.latentad.models.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MarkdownTableTest {
    @Test
    void padsColumnsAlignsNumbersRightAndEscapesPipes() {
        MarkdownTable t = new MarkdownTable("model", "best V", "k").alignRight(1, 2);
        t.row("VAE", MarkdownTable.number(0.41234, 3), "12");
        t.row("CL|VAE", MarkdownTable.number(0.9, 3), "20");
        String expected = ""
                + "| model   | best V |   k |\n"
                + "| ------- | -----: | --: |\n"
                + "| VAE     |  0.412 |  12 |\n"
                + "| CL\\|VAE |  0.900 |  20 |\n";
        assertEquals(expected, t.toString());
        assertEquals(2, t.rows());
    }

    @Test
    void numbersSpellOutNonFiniteValues() {
        assertEquals("NaN", MarkdownTable.number(Double.NaN, 2));
        assertEquals("inf", MarkdownTable.number(Double.POSITIVE_INFINITY, 2));
        assertEquals("-1.50", MarkdownTable.number(-1.5, 2));
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        MarkdownTable t = new MarkdownTable("a", "b");
        assertThrows(IllegalArgumentException.class, () -> t.row("1"));
        assertThrows(IllegalArgumentException.class, () -> t.alignRight(2));
        assertThrows(IllegalArgumentException.class, () -> new MarkdownTable());
    }
}
