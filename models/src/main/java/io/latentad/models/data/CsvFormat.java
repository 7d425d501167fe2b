package io.latentad.models.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is laid out (as opposed to {@link CsvOptions}, how its columns become features).
 * A gzipped file ({@code .csv.gz}, found by its magic bytes) is always read through gzip, and a file
 * that starts with a UTF-16 byte-order mark is read as UTF-16 whatever {@code encoding} says.
 *
 * @param separator the field separator (default {@code ,}; {@code \t} and {@code ;} are common)
 * @param encoding  the text encoding (default UTF-8)
 * @param comment   lines starting with this character are skipped, or null for none (the default)
 * @param header    whether the first row names the columns (default true); without one the
 *                  columns are named {@code c0, c1, ...}
 */
public record CsvFormat(char separator, Charset encoding, Character comment, boolean header) {
    public CsvFormat {
        if (separator == '"' || separator == '\n' || separator == '\r') {
            throw new IllegalArgumentException("separator " + printable(separator) + ": expected a character other than a quote or a line end");
        }
        if (encoding == null) throw new IllegalArgumentException("encoding is null: expected a charset such as UTF-8");
        if (comment != null && (comment == '"' || comment == separator || comment == '\n' || comment == '\r')) {
            throw new IllegalArgumentException("comment character " + printable(comment)
                    + ": expected a character other than the quote, the separator or a line end");
        }
    }

    /** Comma separated, UTF-8, no comments, a header row. */
    public static CsvFormat defaults() {
        return new CsvFormat(',', StandardCharsets.UTF_8, null, true);
    }

    public CsvFormat withSeparator(char s) {
        return new CsvFormat(s, encoding, comment, header);
    }

    public CsvFormat withEncoding(Charset e) {
        return new CsvFormat(separator, e, comment, header);
    }

    public CsvFormat withComment(Character c) {
        return new CsvFormat(separator, encoding, c, header);
    }

    public CsvFormat withHeader(boolean h) {
        return new CsvFormat(separator, encoding, comment, h);
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
