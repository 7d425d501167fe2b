package io.latentad.models.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A GitHub-flavoured markdown table built row by row. Cells are text; numbers go through
 * {@link #number(double, int)} so that every table formats them alike. A pipe {@code |} in a
 * cell is escaped, a line break becomes a space.
 */
public final class MarkdownTable {
    private final List<String> header;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    /** A table with these column names; numeric columns (right-aligned) are marked with {@link #alignRight}. */
    public MarkdownTable(String... header) {
        if (header.length == 0) throw new IllegalArgumentException("a table needs at least one column");
        this.header = List.of(header);
        this.rightAligned = new boolean[header.length];
    }

    /** Right-aligns the given columns (0-based). */
    public MarkdownTable alignRight(int... columns) {
        for (int c : columns) {
            if (c < 0 || c >= rightAligned.length) throw new IllegalArgumentException("column " + c + ": expected 0.." + (rightAligned.length - 1));
            rightAligned[c] = true;
        }
        return this;
    }

    /** Adds a row of exactly as many cells as columns. */
    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException(cells.length + " cells: expected " + header.size() + " (one per column)");
        }
        List<String> r = new ArrayList<>();
        for (String c : cells) r.add(c == null ? "" : c);
        rows.add(Collections.unmodifiableList(r));
        return this;
    }

    public int rows() {
        return rows.size();
    }

    /** A number with {@code decimals} decimals ("NaN" and "inf" spelled out, "-" for none). */
    public static String number(double v, int decimals) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The table as markdown, columns padded to a common width, ending with a line break. */
    @Override
    public String toString() {
        int m = header.size();
        int[] w = new int[m];
        for (int c = 0; c < m; c++) w[c] = Math.max(3, escape(header.get(c)).length());
        for (List<String> r : rows) for (int c = 0; c < m; c++) w[c] = Math.max(w[c], escape(r.get(c)).length());
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        sb.append('|');
        for (int c = 0; c < m; c++) {
            sb.append(' ').append("-".repeat(w[c] - (rightAligned[c] ? 1 : 0))).append(rightAligned[c] ? ":" : "").append(" |");
        }
        sb.append('\n');
        for (List<String> r : rows) line(sb, r, w);
        return sb.toString();
    }

    private void line(StringBuilder sb, List<String> cells, int[] w) {
        sb.append('|');
        for (int c = 0; c < cells.size(); c++) {
            String s = escape(cells.get(c));
            String pad = " ".repeat(w[c] - s.length());
            sb.append(' ').append(rightAligned[c] ? pad + s : s + pad).append(" |");
        }
        sb.append('\n');
    }

    private static String escape(String s) {
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
    }
}
