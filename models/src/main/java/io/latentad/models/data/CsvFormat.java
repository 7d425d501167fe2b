package io.latentad.models.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is laid out (as opposed to {@link CsvOptions}, how its columns become features).
 * A gzipped file ({@code .csv.gz}, found by its magic bytes) is always read through gzip, and a file
 * that starts with a UTF-16 byte-order mark is read as UTF-16 whatever {@code encoding} says.
 *
 * @param separator       the field separator (default {@code ,}; {@code \t} and {@code ;} are common)
 * @param encoding        the text encoding (default UTF-8)
 * @param comment         lines starting with this character are skipped, or null for none (the default)
 * @param header          whether the first row names the columns (default true); without one the
 *                        columns are named {@code c0, c1, ...}
 * @param detectSeparator whether the file's first line may choose another separator (the default, until a
 *                        separator is given): a first line with no comma outside quotes but a semicolon, tab or
 *                        pipe is split at the most frequent of those, and the table's notes say so (as
 *                        spreadsheets in many locales write semicolons, and R's {@code write.csv2} does)
 * @param decimalComma    whether numbers are written with a decimal comma ({@code 20,5} for 20.5; default
 *                        false): a cell that is a number with one comma as its decimal mark is read with a point
 *                        instead; text cells are kept as they are. Needs a separator other than the comma
 */
public record CsvFormat(char separator, Charset encoding, Character comment, boolean header, boolean detectSeparator,
                        boolean decimalComma) {
    /** The separators a first line without a comma is tried for, in this order of preference on a tie. */
    static final char[] DETECTED = {';', '\t', '|'};

    public CsvFormat {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("separator " + printable(separator) + ": expected a character other than a quote or a line end");
        }
        if (decimalComma && separator == ',' && !detectSeparator) {
            throw new IllegalArgumentException("a decimal comma with the comma as separator: expected another separator "
                    + "(--sep semicolon, tab, ...)");
        }
        if (encoding == null) throw new IllegalArgumentException("encoding is null: expected a charset such as UTF-8");
        if (comment != null && (comment == '"' || comment == separator || comment == '\n' || comment == '\r')) {
            throw new IllegalArgumentException("comment character " + printable(comment)
                    + ": expected a character other than the quote, the separator or a line end");
        }
    }

    /**
     * Comma separated unless the first line says otherwise (see {@code detectSeparator}), decimal points, UTF-8,
     * no comments, a header row.
     */
    public static CsvFormat defaults() {
        return new CsvFormat(',', StandardCharsets.UTF_8, null, true, true, false);
    }

    /** This layout with separator {@code s}, used as given (no detection). */
    public CsvFormat withSeparator(char s) {
        return new CsvFormat(s, encoding, comment, header, false, decimalComma);
    }

    public CsvFormat withEncoding(Charset e) {
        return new CsvFormat(separator, e, comment, header, detectSeparator, decimalComma);
    }

    public CsvFormat withComment(Character c) {
        return new CsvFormat(separator, encoding, c, header, detectSeparator, decimalComma);
    }

    public CsvFormat withHeader(boolean h) {
        return new CsvFormat(separator, encoding, comment, h, detectSeparator, decimalComma);
    }

    /** This layout with decimal commas ({@code true}) or points. */
    public CsvFormat withDecimalComma(boolean d) {
        return new CsvFormat(separator, encoding, comment, header, detectSeparator, d);
    }

    /** Parses a decimal mark as written on a command line: {@code .} / {@code point} or {@code ,} / {@code comma}. */
    public static boolean parseDecimalComma(String s) {
        String l = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (l) {
            case ",", "comma" -> true;
            case ".", "point", "dot" -> false;
            default -> throw new IllegalArgumentException("--decimal '" + s + "': expected , (comma) or . (point)");
        };
    }

    /**
     * Parses a separator as written on a command line: one character, or {@code tab} / {@code \t},
     * {@code semicolon}, {@code comma}, {@code pipe}, {@code space}.
     */
    public static char parseSeparator(String s) {
        if (s == null) throw new IllegalArgumentException("--sep: expected a character such as , ; tab");
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "tab", "\\t", "\t" -> { return '\t'; }
            case "semicolon" -> { return ';'; }
            case "comma" -> { return ','; }
            case "pipe" -> { return '|'; }
            case "space" -> { return ' '; }
            default -> {
                if (s.length() == 1) return s.charAt(0);
                throw new IllegalArgumentException("--sep '" + s + "': expected one character, or tab, semicolon, comma, pipe, space");
            }
        }
    }

    /** Parses an encoding name ({@code UTF-8}, {@code ISO-8859-1}, {@code UTF-16}, {@code windows-1252}, ...). */
    public static Charset parseEncoding(String s) {
        try {
            return Charset.forName(s.trim());
        } catch (IllegalArgumentException e) { // IllegalCharsetNameException, UnsupportedCharsetException, null
            throw new IllegalArgumentException("--encoding '" + s + "': unknown encoding: expected e.g. UTF-8, ISO-8859-1, UTF-16, windows-1252");
        }
    }

    static String printable(char c) {
        return switch (c) {
            case '\t' -> "tab";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> "'" + c + "'";
        };
    }
}
