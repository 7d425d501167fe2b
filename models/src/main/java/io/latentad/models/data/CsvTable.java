package io.latentad.models.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A CSV file as text: the header and the cells, each row with the line it starts on, parsed by
 * RFC 4180 (a field in double quotes may hold separators, line breaks and doubled quotes
 * {@code ""}; CRLF, LF or CR line ends) with the layout of a {@link CsvFormat} (separator,
 * encoding, comment lines, header or not). Blank lines are skipped, a byte-order mark is dropped,
 * a gzipped file is read through gzip (its CRC checked). Every row must have as many fields as
 * the header.
 *
 * <p>Memory: the file is read in one streaming pass and the cells are kept column by column as
 * UTF-8 bytes with an end offset each (about the file's size plus 4 bytes a cell), not as one
 * {@code String} per cell (which took some 20 times the file's size); {@link #cell} makes the
 * string when it is asked for.
 *
 * <p>Without a header row the columns are named {@code c0, c1, ...}. A first row made only of
 * numbers with a repeated value cannot be a header, so it is read as data (and {@link #notes()}
 * says so); a first row of distinct numbers stays the header, with a note suggesting
 * {@code --no-header}.
 */
public final class CsvTable {
    private final String source;
    private final String[] header;
    private final int rows;
    private final byte[][] bytes;
    private final int[][] ends;
    private final int[] lines;
    private final List<String> notes;

    private CsvTable(String source, String[] header, int rows, byte[][] bytes, int[][] ends, int[] lines, List<String> notes) {
        this.source = source;
        this.header = header;
        this.rows = rows;
        this.bytes = bytes;
        this.ends = ends;
        this.lines = lines;
        this.notes = List.copyOf(notes);
    }

    /** Reads and parses {@code path} as comma-separated UTF-8 with a header; errors name the file, line and column. */
    public static CsvTable read(Path path) {
        return read(path, CsvFormat.defaults());
    }

    /** Reads and parses {@code path} in the given layout (gzip and UTF-16 byte-order marks are detected). */
    public static CsvTable read(Path path, CsvFormat format) {
        Parser p = null;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            InputStream in = raw;
            raw.mark(2);
            boolean gz = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            if (gz) in = new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16);
            Charset cs = format.encoding();
            in.mark(2);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            if ((b0 == 0xff && b1 == 0xfe) || (b0 == 0xfe && b1 == 0xff)) cs = StandardCharsets.UTF_16; // BOM decides
            Reader r = new InputStreamReader(in, cs.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            p = new Parser(path.toString(), r, format);
            return p.table();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(path + ": file not found");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(path + ": not valid "
                    + format.encoding().name() + " text (at or after line " + (p == null ? 1 : p.line) + "): expected --encoding to name the file's encoding (e.g. ISO-8859-1, windows-1252, UTF-16)");
        } catch (ZipException e) {
            throw new IllegalArgumentException(path + ": corrupt gzip data (" + e.getMessage() + ")");
        } catch (java.io.EOFException e) {
            throw new IllegalArgumentException(path + ": truncated gzip data (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(path + ": cannot read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** Reads all of {@code in} (for tests and streams), comma separated with a header. */
    public static CsvTable read(String source, Reader in) throws IOException {
        return new Parser(source, in, CsvFormat.defaults()).table();
    }

    /** Parses CSV text, comma separated with a header. */
    public static CsvTable parse(String source, String text) {
        return parse(source, text, CsvFormat.defaults());
    }

    /** Parses CSV text in the given layout. */
    public static CsvTable parse(String source, String text, CsvFormat format) {
        try {
            return new Parser(source, new StringReader(text), format).table();
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e); // a StringReader does not fail
        }
    }

    /** The file name used in messages. */
    public String source() {
        return source;
    }

    /** Column names. */
    public String[] header() {
        return header;
    }

    /** Number of data rows. */
    public int rowCount() {
        return rows;
    }

    /** The text of the cell at data row {@code r}, column {@code c} (made on each call). */
    public String cell(int r, int c) {
        int start = r == 0 ? 0 : ends[c][r - 1];
        return new String(bytes[c], start, ends[c][r] - start, StandardCharsets.UTF_8);
    }

    /** Whether the cell at row {@code r}, column {@code c} is empty (without making a string). */
    public boolean isEmpty(int r, int c) {
        return ends[c][r] == (r == 0 ? 0 : ends[c][r - 1]);
    }

    /** The fields of data row {@code r}. */
    public String[] row(int r) {
        String[] out = new String[header.length];
        for (int c = 0; c < out.length; c++) out[c] = cell(r, c);
        return out;
    }

    /** The data rows as a list view: each {@code get} makes that row's strings. */
    public List<String[]> rows() {
        return new AbstractList<>() {
            @Override
            public String[] get(int r) {
                if (r < 0 || r >= rows) throw new IndexOutOfBoundsException("row " + r + " of " + rows);
                return row(r);
            }

            @Override
            public int size() {
                return rows;
            }
        };
    }

    /** The 1-based line each data row starts on. */
    public int[] lines() {
        return lines.clone();
    }

    /** What the reader decided on its own (e.g. a first row read as data), one sentence each. */
    public List<String> notes() {
        return notes;
    }

    /** Index of column {@code name}, or -1. */
    public int column(String name) {
        for (int c = 0; c < header.length; c++) if (header[c].equals(name)) return c;
        return -1;
    }

    /**
     * A table made in memory (e.g. a long series with its missing steps filled): {@code rows} are the
     * cells, each as wide as {@code header}; {@code lines} the line in {@code source} each row came from
     * (messages name it).
     */
    static CsvTable of(String source, String[] header, List<String[]> rows, int[] lines) {
        if (lines.length != rows.size()) throw new IllegalArgumentException("CsvTable.of: " + lines.length + " lines for " + rows.size() + " rows");
        Column[] cols = new Column[header.length];
        for (int c = 0; c < cols.length; c++) cols[c] = new Column();
        StringBuilder f = new StringBuilder();
        for (String[] r : rows) {
            if (r.length != header.length) throw new IllegalArgumentException("CsvTable.of: a row of " + r.length + " cells for " + header.length + " columns");
            for (int c = 0; c < r.length; c++) {
                f.setLength(0);
                f.append(r[c]);
                cols[c].add(f, source, header[c]);
            }
        }
        byte[][] bytes = new byte[cols.length][];
        int[][] ends = new int[cols.length][];
        for (int c = 0; c < cols.length; c++) {
            bytes[c] = cols[c].bytes;
            ends[c] = Arrays.copyOf(cols[c].ends, rows.size());
        }
        return new CsvTable(source, header.clone(), rows.size(), bytes, ends, lines.clone(), List.of());
    }

    /** "file line L, column C ('name')" for messages. */
    String where(int row, int col) {
        return source + " line " + lines[row] + ", column " + (col + 1) + " ('" + header[col] + "')";
    }

    /** One column's cells: UTF-8 bytes end to end and the end offset of each cell. */
    private static final class Column {
        byte[] bytes = new byte[256];
        int length;
        int[] ends = new int[64];
        int count;

        void add(StringBuilder f, String source, String name) {
            int n = f.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) ascii = f.charAt(i) < 0x80;
            byte[] enc = ascii ? null : f.toString().getBytes(StandardCharsets.UTF_8);
            int k = ascii ? n : enc.length;
            if ((long) length + k > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException(source + ": column '" + name + "' holds more than 2 GB of text: expected smaller files");
            }
            if (length + k > bytes.length) bytes = Arrays.copyOf(bytes, (int) Math.min(Integer.MAX_VALUE - 16, Math.max(length + k, 2L * bytes.length)));
            if (ascii) {
                for (int i = 0; i < n; i++) bytes[length + i] = (byte) f.charAt(i);
            } else {
                System.arraycopy(enc, 0, bytes, length, k);
            }
            length += k;
            if (count == ends.length) ends = Arrays.copyOf(ends, grow(ends.length));
            ends[count++] = length;
        }
    }

    static int grow(int n) {
        if (n >= Integer.MAX_VALUE - 16) throw new IllegalArgumentException("more than " + n + " rows: expected fewer");
        return (int) Math.min(Integer.MAX_VALUE - 16, 2L * n);
    }

    /** A streaming RFC 4180 record reader over a {@link Reader}. */
    private static final class Parser {
        final String source;
        final Reader in;
        char sep;
        final Character comment;
        final boolean hasHeader;
        final boolean detect;
        final boolean decimalComma;
        final char[] buf = new char[1 << 16];
        int pos, lim;
        int line = 1;
        final List<StringBuilder> fields = new ArrayList<>();
        int count, recordLine;
        boolean first = true;
        String detectedNote;

        Parser(String source, Reader in, CsvFormat f) {
            this.source = source;
            this.in = in;
            this.sep = f.separator();
            this.comment = f.comment();
            this.hasHeader = f.header();
            this.detect = f.detectSeparator();
            this.decimalComma = f.decimalComma();
        }

        /**
         * The separator the first line asks for ({@link CsvFormat#detectSeparator}): the comma if that line has
         * one outside quotes, else the most frequent of {@link CsvFormat#DETECTED} there, else the comma (one
         * column). Reads ahead into the buffer only; the parse then starts from the beginning as usual.
         */
        void detectSeparator() throws IOException {
            while (lim < buf.length) { // fill the buffer until the first data line has ended (or the input has)
                int r = in.read(buf, lim, buf.length - lim);
                if (r <= 0) break;
                lim += r;
                if (firstLineEnd() >= 0) break;
            }
            int start = firstLineStart();
            if (start < 0) return;
            int end = firstLineEnd();
            if (end < 0) end = lim;
            int[] counts = new int[CsvFormat.DETECTED.length];
            int commas = 0;
            boolean quoted = false;
            for (int i = start; i < end; i++) {
                char c = buf[i];
                if (c == '"') quoted = !quoted;
                if (quoted) continue;
                if (c == ',') commas++;
                for (int k = 0; k < counts.length; k++) if (c == CsvFormat.DETECTED[k]) counts[k]++;
            }
            if (commas > 0) return;
            int best = -1;
            for (int k = 0; k < counts.length; k++) if (counts[k] > 0 && (best < 0 || counts[k] > counts[best])) best = k;
            if (best < 0 || (comment != null && CsvFormat.DETECTED[best] == comment)) return;
            sep = CsvFormat.DETECTED[best];
            detectedNote = source + ": fields separated by " + CsvFormat.printable(sep) + " (the first line has no comma and "
                    + (counts[best] + 1) + " fields that way; --sep to choose the separator)";
        }

        /** Where the first line that is neither blank nor a comment starts in the buffer, or -1. */
        private int firstLineStart() {
            int i = lim > 0 && buf[0] == '\uFEFF' ? 1 : 0;
            while (i < lim) {
                int e = i;
                while (e < lim && buf[e] != '\n' && buf[e] != '\r') e++;
                boolean blank = e == i, commentLine = comment != null && e > i && buf[i] == comment;
                if (!blank && !commentLine) return i;
                if (e == lim) return -1;
                i = e + 1;
            }
            return -1;
        }

        /** Where that line ends (its line break, outside quotes), or -1 if the buffer holds no end of it yet. */
        private int firstLineEnd() {
            int start = firstLineStart();
            if (start < 0) return -1;
            boolean quoted = false;
            for (int i = start; i < lim; i++) {
                char c = buf[i];
                if (c == '"') quoted = !quoted;
                else if (!quoted && (c == '\n' || c == '\r')) return i;
            }
            return -1;
        }

        int peek() throws IOException {
            if (pos == lim) {
                int r = in.read(buf, 0, buf.length);
                pos = 0;
                lim = Math.max(r, 0);
                if (r <= 0) return -1;
            }
            return buf[pos];
        }

        int next() throws IOException {
            int c = peek();
            if (c >= 0) pos++;
            return c;
        }

        StringBuilder field() {
            if (count == fields.size()) fields.add(new StringBuilder());
            StringBuilder f = fields.get(count++);
            f.setLength(0);
            return f;
        }

        IllegalArgumentException error(int atLine, int column, String what) {
            return new IllegalArgumentException(source + " line " + atLine + ", column " + column + ": " + what);
        }

        /** Reads the next non-blank, non-comment record into {@link #fields}; false at the end. */
        boolean nextRecord() throws IOException {
            while (true) {
                if (first) {
                    first = false;
                    if (peek() == '\uFEFF') next();
                }
                if (peek() < 0) return false;
                recordLine = line;
                count = 0;
                if (comment != null && peek() == comment) {
                    int c = next();
                    while (c >= 0 && c != '\n' && c != '\r') c = next(); // skip the comment line
                    if (c == '\r' && peek() == '\n') next();
                    line++;
                    continue;
                }
                boolean end = false;
                while (!end) {
                    StringBuilder f = field();
                    int column = count;
                    if (peek() == '"') {
                        int openLine = line;
                        next();
                        while (true) {
                            int c = next();
                            if (c < 0) throw error(openLine, column, "quoted field not closed: expected a closing \"");
                            if (c == '"') {
                                if (peek() == '"') {
                                    f.append('"');
                                    next();
                                } else {
                                    break;
                                }
                            } else {
                                if (c == '\n') line++;
                                f.append((char) c);
                            }
                        }
                        int p = peek();
                        if (p >= 0 && p != sep && p != '\n' && p != '\r') {
                            throw error(line, column, "text after a closing quote: expected the separator "
                                    + CsvFormat.printable(sep) + " or the end of the line");
                        }
                    } else {
                        while (true) {
                            int c = peek();
                            if (c < 0 || c == sep || c == '\n' || c == '\r') break;
                            if (c == 0) {
                                throw error(line, column, "a NUL character: expected text (is the file UTF-16? then add --encoding UTF-16)");
                            }
                            f.append((char) c);
                            pos++;
                        }
                    }
                    int c = next();
                    if (c < 0) {
                        end = true;
                    } else if (c == '\r') {
                        if (peek() == '\n') next();
                        line++;
                        end = true;
                    } else if (c == '\n') {
                        line++;
                        end = true;
                    }
                }
                if (count == 1 && fields.get(0).length() == 0) continue; // blank line
                return true;
            }
        }

        CsvTable table() throws IOException {
            if (detect) detectSeparator();
            if (decimalComma && sep == ',') {
                throw new IllegalArgumentException(source + ": decimal commas, but the fields are separated by commas too: "
                        + "expected another separator (--sep semicolon, tab, ...)");
            }
            if (!nextRecord()) throw new IllegalArgumentException(source + ": empty file: expected a header row");
            List<String> notes = new ArrayList<>();
            if (detectedNote != null) notes.add(detectedNote);
            int width = count;
            String[] header = new String[width];
            boolean firstIsData = !hasHeader;
            if (hasHeader) {
                for (int c = 0; c < width; c++) header[c] = fields.get(c).toString().trim();
                int dup = duplicate(header);
                boolean numbers = allNumbers(header);
                if (dup >= 0 && numbers) {
                    firstIsData = true;
                    notes.add(source + ": the first row (" + abbreviate(header) + ") repeats the number '" + header[dup]
                            + "', so it is not a header: read as data, columns named c0..c" + (width - 1) + " (--no-header says so explicitly)");
                } else {
                    for (int c = 0; c < width; c++) {
                        if (header[c].isEmpty()) throw error(recordLine, c + 1, "empty column name in the header");
                    }
                    if (dup >= 0) {
                        throw error(recordLine, dup + 1, "duplicate column name '" + header[dup] + "'");
                    }
                    if (numbers) {
                        notes.add(source + ": the header row is all numbers (" + abbreviate(header)
                                + "): if the file has no header, add --no-header");
                    }
                }
            }
            if (firstIsData) for (int c = 0; c < width; c++) header[c] = "c" + c;
            Column[] cols = new Column[width];
            for (int c = 0; c < width; c++) cols[c] = new Column();
            int[] lines = new int[64];
            int n = 0;
            boolean have = firstIsData || nextRecord();
            while (have) {
                if (count != width) {
                    int col = Math.min(count, width) + 1;
                    throw error(recordLine, col, count + " fields where the " + (hasHeader && !firstIsData ? "header" : "first row")
                            + " has " + width + " (ragged row)" + (detectedNote == null ? "" : "; the fields were split at "
                            + CsvFormat.printable(sep) + " because the first line has no comma: --sep to choose the separator"));
                }
                for (int c = 0; c < width; c++) {
                    StringBuilder f = fields.get(c);
                    if (decimalComma) decimalPoint(f);
                    cols[c].add(f, source, header[c]);
                }
                if (n == lines.length) lines = Arrays.copyOf(lines, grow(lines.length));
                lines[n++] = recordLine;
                have = nextRecord();
            }
            if (n == 0) throw new IllegalArgumentException(source + ": no data rows after the header");
            byte[][] bytes = new byte[width][];
            int[][] ends = new int[width][];
            for (int c = 0; c < width; c++) {
                bytes[c] = Arrays.copyOf(cols[c].bytes, cols[c].length);
                ends[c] = Arrays.copyOf(cols[c].ends, n);
                cols[c] = null;
            }
            return new CsvTable(source, header, n, bytes, ends, Arrays.copyOf(lines, n), notes);
        }
    }

    /**
     * With decimal commas: a cell that is a number written with one comma as its decimal mark ({@code -20,5},
     * {@code 1,5e3}; digits on both sides, spaces around allowed) gets a point instead; any other cell is left.
     */
    static void decimalPoint(StringBuilder f) {
        int n = f.length(), i = 0, comma = -1;
        while (i < n && f.charAt(i) == ' ') i++;
        if (i < n && (f.charAt(i) == '-' || f.charAt(i) == '+')) i++;
        int intDigits = 0;
        while (i < n && Character.isDigit(f.charAt(i))) {
            i++;
            intDigits++;
        }
        if (intDigits == 0 || i >= n || f.charAt(i) != ',') return;
        comma = i++;
        int fracDigits = 0;
        while (i < n && Character.isDigit(f.charAt(i))) {
            i++;
            fracDigits++;
        }
        if (fracDigits == 0) return;
        if (i < n && (f.charAt(i) == 'e' || f.charAt(i) == 'E')) {
            i++;
            if (i < n && (f.charAt(i) == '-' || f.charAt(i) == '+')) i++;
            int expDigits = 0;
            while (i < n && Character.isDigit(f.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) return;
        }
        while (i < n && f.charAt(i) == ' ') i++;
        if (i == n) f.setCharAt(comma, '.');
    }

    private static int duplicate(String[] names) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int c = 0; c < names.length; c++) if (!seen.add(names[c])) return c;
        return -1;
    }

    private static boolean allNumbers(String[] names) {
        for (String s : names) {
            if (s.isEmpty() || NumberCells.nonFiniteText(s)) return false;
            try {
                Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String[] names) {
        int k = Math.min(names.length, 4);
        String s = String.join(", ", Arrays.copyOf(names, k));
        return names.length > k ? s + ", ..." : s;
    }
}
