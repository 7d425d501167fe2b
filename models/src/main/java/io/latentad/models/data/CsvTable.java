package io.latentad.models.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file as text: the header and the rows, each with the line it starts on, parsed by
 * RFC 4180 (comma separated; a field in double quotes may hold commas, line breaks and doubled
 * quotes {@code ""}; CRLF or LF line ends). Blank lines are skipped, a UTF-8 byte-order mark is
 * dropped. Every row must have as many fields as the header.
 *
 * @param source the file name used in messages
 * @param header column names
 * @param rows   fields of each data row
 * @param lines  the 1-based line each data row starts on
 */
public record CsvTable(String source, String[] header, List<String[]> rows, int[] lines) {

    /** Reads and parses {@code path}; errors name the file, line and column. */
    public static CsvTable read(Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    /** Reads all of {@code in} (for tests and streams). */
    public static CsvTable read(String source, Reader in) throws IOException {
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[8192];
        for (int r; (r = in.read(buf)) > 0; ) sb.append(buf, 0, r);
        return parse(source, sb.toString());
    }

    /** Parses CSV text. */
    public static CsvTable parse(String source, String text) {
        List<String[]> records = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int p = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length(), line = 1;
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        while (p < n) {
            // one record
            int recordLine = line;
            fields.clear();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                f.setLength(0);
                int column = fields.size() + 1;
                if (p < n && text.charAt(p) == '"') {
                    int openLine = line;
                    p++;
                    while (true) {
                        if (p >= n) {
                            throw new IllegalArgumentException(source + " line " + openLine + ", column " + column
                                    + ": quoted field not closed: expected a closing \"");
                        }
                        char c = text.charAt(p++);
                        if (c == '"') {
                            if (p < n && text.charAt(p) == '"') {
                                f.append('"');
                                p++;
                            } else break;
                        } else {
                            if (c == '\n') line++;
                            f.append(c);
                        }
                    }
                    if (p < n && text.charAt(p) != ',' && text.charAt(p) != '\n' && text.charAt(p) != '\r') {
                        throw new IllegalArgumentException(source + " line " + line + ", column " + column
                                + ": text after a closing quote: expected a comma or the end of the line");
                    }
                } else {
                    while (p < n) {
                        char c = text.charAt(p);
                        if (c == ',' || c == '\n' || c == '\r') break;
                        f.append(c);
                        p++;
                    }
                }
                fields.add(f.toString());
                if (p >= n) {
                    endOfRecord = true;
                } else {
                    char c = text.charAt(p++);
                    if (c == '\r') {
                        if (p < n && text.charAt(p) == '\n') p++;
                        line++;
                        endOfRecord = true;
                    } else if (c == '\n') {
                        line++;
                        endOfRecord = true;
                    }
                }
            }
            boolean blank = fields.size() == 1 && fields.get(0).isEmpty();
            if (!blank) {
                records.add(fields.toArray(new String[0]));
                starts.add(recordLine);
            }
        }
        if (records.isEmpty()) throw new IllegalArgumentException(source + ": empty file: expected a header row");
        String[] header = records.get(0);
        for (int c = 0; c < header.length; c++) {
            header[c] = header[c].trim();
            if (header[c].isEmpty()) {
                throw new IllegalArgumentException(source + " line " + starts.get(0) + ", column " + (c + 1)
                        + ": empty column name in the header");
            }
            for (int e = 0; e < c; e++) {
                if (header[e].equals(header[c])) {
                    throw new IllegalArgumentException(source + " line " + starts.get(0) + ", column " + (c + 1)
                            + ": duplicate column name '" + header[c] + "'");
                }
            }
        }
        List<String[]> rows = records.subList(1, records.size());
        int[] lines = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            lines[r] = starts.get(r + 1);
            int got = rows.get(r).length;
            if (got != header.length) {
                int col = Math.min(got, header.length) + 1;
                throw new IllegalArgumentException(source + " line " + lines[r] + ", column " + col + ": "
                        + got + " fields where the header has " + header.length + " (ragged row)");
            }
        }
        if (rows.isEmpty()) throw new IllegalArgumentException(source + ": no data rows after the header");
        return new CsvTable(source, header, new ArrayList<>(rows), lines);
    }

    /** Index of column {@code name}, or -1. */
    public int column(String name) {
        for (int c = 0; c < header.length; c++) if (header[c].equals(name)) return c;
        return -1;
    }

    /** "file line L, column C ('name')" for messages. */
    String where(int row, int col) {
        return source + " line " + lines[row] + ", column " + (col + 1) + " ('" + header[col] + "')";
    }
}
