package io.latentad.models.data;

import java.util.function.Supplier;

/**
 * How a cell's text becomes a number, the same for CSV tables, UCR files, long series and Spark rows: blank is
 * missing (NaN), a finite number is itself, anything else (text, {@code NaN}, {@code Inf}, a number beyond the
 * range of a double) is an error naming the cell.
 */
public final class NumberCells {
    private NumberCells() {
    }

    /**
     * The number in a numeric cell's text as the CSV reader reads it: NaN (missing) for null or blank
     * text; an error naming {@code where} for text that is not a finite number.
     */
    public static double parseNumber(String cell, Supplier<String> where) {
        if (cell == null) return Double.NaN;
        String s = cell.trim();
        if (s.isEmpty()) return Double.NaN;
        if (nonFiniteText(s)) {
            throw new IllegalArgumentException(where.get() + ": '" + s + "' is not a finite number: expected a finite number or an empty cell for missing");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where.get() + ": '" + s + "' is not a number: expected a number in this numeric column");
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(where.get() + ": '" + s + "' is beyond the range of a double (about 1.8e308): expected a finite number");
        }
        return v;
    }

    /** NaN, Inf, -inf, Infinity... in any case. */
    public static boolean nonFiniteText(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("+") || l.startsWith("-")) l = l.substring(1);
        return l.equals("nan") || l.equals("inf") || l.equals("infinity");
    }
}
