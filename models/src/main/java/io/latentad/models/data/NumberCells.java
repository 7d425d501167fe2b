package io.latentad.models.data;

import java.util.function.Supplier;

/**
 * How a cell's text becomes a number, the same for CSV tables, UCR files, long series and Spark rows: blank is
 * missing (NaN), and so is one of the usual missing-value markers ({@link #missingText}: {@code NA}, {@code N/A},
 * {@code null}, {@code ?}, ...), a finite number is itself, anything else (text, {@code NaN}, {@code Inf}, a number
 * beyond the range of a double) is an error naming the cell.
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
        if (s.isEmpty() || missingText(s)) return Double.NaN;
        if (nonFiniteText(s)) {
            throw new IllegalArgumentException(where.get() + ": '" + s + "' is not a finite number: expected a finite number or an empty cell for missing");
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            StringBuilder b = new StringBuilder(s);
            CsvTable.decimalPoint(b);
            String hint = b.indexOf(".") >= 0 && !b.toString().equals(s) ? " (written with a decimal comma? then add --decimal ,)" : "";
            throw new IllegalArgumentException(where.get() + ": '" + s + "' is not a number: expected a number in this numeric column" + hint);
        }
        if (Double.isInfinite(v)) {
            throw new IllegalArgumentException(where.get() + ": '" + s + "' is beyond the range of a double (about 1.8e308): expected a finite number");
        }
        return v;
    }

    /**
     * Whether trimmed text is a missing-value marker in a numeric column: {@code NA}, {@code N/A}, {@code #N/A},
     * {@code NULL}, {@code None} (in any case; as R, spreadsheets, databases and Python write a missing value) or
     * {@code ?} (as the UCI repository's files do). {@code NaN} is not one: it is refused as a number that is not
     * finite, since it is as often the trace of a failed computation as a gap in the data.
     */
    public static boolean missingText(String s) {
        if (s.length() == 1) return s.charAt(0) == '?';
        if (s.length() < 2 || s.length() > 4) return false;
        return switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "na", "n/a", "#n/a", "null", "none" -> true;
            default -> false;
        };
    }

    /** NaN, Inf, -inf, Infinity... in any case. */
    public static boolean nonFiniteText(String s) {
        String l = s.toLowerCase(java.util.Locale.ROOT);
        if (l.startsWith("+") || l.startsWith("-")) l = l.substring(1);
        return l.equals("nan") || l.equals("inf") || l.equals("infinity");
    }
}
