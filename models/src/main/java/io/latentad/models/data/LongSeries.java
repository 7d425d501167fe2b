package io.latentad.models.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One long series in a CSV file: an optional time column and one or more numeric value columns, one
 * row a step, ready to be cut into {@link Windows}. Missing data is filled before anything is learned
 * from it, and said:
 * <ul>
 *   <li><b>missing steps</b> (with a time column): the spacing of the series is the (lower) median time step;
 *       a gap of about {@code m} steps ({@code m >= 1.5}) gets {@code round(m) - 1} steps inserted,
 *       evenly spaced, whose values are missing (at most {@link #MAX_GAP_STEPS} in one gap, and no more
 *       than the series had rows);</li>
 *   <li><b>missing values</b> (an empty cell or NaN, observed or inserted): linear interpolation in time
 *       between the nearest observed values of the column before and after; before the first or after
 *       the last observed value, that value.</li>
 * </ul>
 * The time column is a number (any unit) or an ISO-8601 date / date-time ({@code 2024-01-31},
 * {@code 2024-01-31T12:00:00}, {@code 2024-01-31 12:00:00}, with or without an offset; no offset means
 * UTC), and must increase strictly from row to row. Columns kept out ({@code --label},
 * {@code --exclude}) are carried as they are (empty on an inserted step) and need not be numbers.
 */
public final class LongSeries {
    /** Most steps inserted into one gap. */
    public static final int MAX_GAP_STEPS = 1000;

    private final CsvTable table;
    private final String timeColumn;
    private final String[] time;
    private final boolean[] observed;
    private final List<String> notes;

    private LongSeries(CsvTable table, String timeColumn, String[] time, boolean[] observed, List<String> notes) {
        this.table = table;
        this.timeColumn = timeColumn;
        this.time = time;
        this.observed = observed;
        this.notes = List.copyOf(notes);
    }

    /**
     * Reads the series in {@code t}: {@code timeColumn} (null: the rows are the steps, in file order) and
     * every column not in {@code keptOut} as values.
     */
    public static LongSeries of(CsvTable t, String timeColumn, Set<String> keptOut) {
        int n = t.rowCount();
        if (n == 0) throw new IllegalArgumentException(t.source() + ": no rows: expected a series of at least one step");
        int tc = -1;
        if (timeColumn != null) {
            tc = t.column(timeColumn);
            if (tc < 0) {
                throw new IllegalArgumentException(t.source() + ": --time '" + timeColumn + "' is not a column: expected one of "
                        + String.join(", ", t.header()));
            }
            if (keptOut.contains(timeColumn)) {
                throw new IllegalArgumentException("--time '" + timeColumn + "' is also kept out (--label / --exclude): name it once");
            }
        }
        String[] header = t.header();
        List<Integer> values = new ArrayList<>();
        for (int c = 0; c < header.length; c++) if (c != tc && !keptOut.contains(header[c])) values.add(c);
        if (values.isEmpty()) throw new IllegalArgumentException(t.source() + ": no value column: every column is the time or kept out");
        int[] lines = t.lines();

        // the steps: observed rows and, with a time column, inserted ones
        double[] tv = null;
        boolean iso = false;
        int[] fill = new int[n];
        List<String> notes = new ArrayList<>();
        double step = 1;
        int inserted = 0, gaps = 0;
        if (tc >= 0) {
            tv = new double[n];
            iso = !isNumber(t.cell(0, tc).trim());
            for (int r = 0; r < n; r++) {
                tv[r] = parseTime(t, r, tc, iso);
                if (r > 0 && !(tv[r] > tv[r - 1])) {
                    throw new IllegalArgumentException(t.source() + " line " + lines[r] + ": time '" + t.cell(r, tc).trim()
                            + "' does not come after '" + t.cell(r - 1, tc).trim() + "' (line " + lines[r - 1]
                            + "): expected the time column '" + timeColumn + "' to increase strictly (sort the file by time)");
                }
            }
            if (n > 1) {
                double[] d = new double[n - 1];
                for (int r = 1; r < n; r++) d[r - 1] = tv[r] - tv[r - 1];
                Arrays.sort(d);
                step = d[(n - 2) / 2]; // the lower median: with two spacings, the smaller is the step
                for (int r = 1; r < n; r++) {
                    double m = (tv[r] - tv[r - 1]) / step;
                    if (m < 1.5) continue;
                    long k = Math.round(m) - 1;
                    if (k > MAX_GAP_STEPS) {
                        throw new IllegalArgumentException(t.source() + " line " + lines[r] + ": a gap of about " + Math.round(m)
                                + " steps after line " + lines[r - 1] + " (the median step is " + fmt(step) + "): expected at most "
                                + MAX_GAP_STEPS + " missing steps in a row (split the file there)");
                    }
                    fill[r] = (int) k;
                    inserted += (int) k;
                    gaps++;
                }
                if (inserted > n) {
                    throw new IllegalArgumentException(t.source() + ": " + inserted + " missing steps in " + gaps + " gaps for "
                            + n + " rows (the median step is " + fmt(step) + "): expected no more missing steps than rows");
                }
            }
        }
        int steps = n + inserted;
        double[] at = new double[steps];
        boolean[] obs = new boolean[steps];
        int[] src = new int[steps];      // the row of an observed step, or -1
        int[] stepLine = new int[steps];
        String[] timeText = new String[steps];
        int s = 0;
        for (int r = 0; r < n; r++) {
            for (int k = 1; k <= fill[r]; k++) {
                at[s] = tv[r - 1] + (tv[r] - tv[r - 1]) * k / (fill[r] + 1);
                src[s] = -1;
                stepLine[s] = lines[r];
                timeText[s] = iso ? Instant.ofEpochMilli(Math.round(at[s] * 1000)).toString() : fmt(at[s]);
                s++;
            }
            at[s] = tv == null ? r : tv[r];
            obs[s] = true;
            src[s] = r;
            stepLine[s] = lines[r];
            timeText[s] = tc >= 0 ? t.cell(r, tc).trim() : Integer.toString(r);
            s++;
        }

        // the values, missing ones interpolated in time
        String[][] cells = new String[steps][header.length - (tc >= 0 ? 1 : 0)];
        String[] outHeader = new String[cells[0].length];
        int missing = 0;
        for (int c = 0, o = 0; c < header.length; c++) {
            if (c == tc) continue;
            outHeader[o] = header[c];
            if (!values.contains(c)) {
                for (int i = 0; i < steps; i++) cells[i][o] = src[i] < 0 ? "" : t.cell(src[i], c);
                o++;
                continue;
            }
            double[] v = new double[steps];
            int seen = 0;
            for (int i = 0; i < steps; i++) {
                v[i] = src[i] < 0 ? Double.NaN : value(t, src[i], c);
                if (!Double.isNaN(v[i])) seen++;
                else if (src[i] >= 0) missing++;
            }
            if (seen == 0) {
                throw new IllegalArgumentException(t.source() + ": value column '" + header[c]
                        + "' has no value: expected numbers (or keep the column out with --exclude)");
            }
            if (tc < 0 && seen == steps && steps >= 3 && increasesStrictly(v)) {
                notes.add("value column '" + header[c] + "' increases strictly at every step, like a time column: it is read as a "
                        + "value; name it with --time " + header[c] + " if it is the time (or keep it out with --exclude)");
            }
            interpolate(v, at);
            for (int i = 0; i < steps; i++) {
                String raw = src[i] < 0 ? "" : t.cell(src[i], c).trim();
                cells[i][o] = raw.isEmpty() || NumberCells.nonFiniteText(raw) || NumberCells.missingText(raw) ? Double.toString(v[i]) : raw;
            }
            o++;
        }
        if (inserted > 0) {
            notes.add(inserted + " missing steps in " + gaps + (gaps == 1 ? " gap" : " gaps") + " (the median step is " + fmt(step)
                    + ") filled by linear interpolation in time");
        }
        if (missing > 0) notes.add(missing + " missing values filled by linear interpolation in time");
        CsvTable filled = CsvTable.of(t.source(), outHeader, Arrays.asList(cells), stepLine);
        return new LongSeries(filled, timeColumn, timeText, obs, notes);
    }

    /** The steps as a table without the time column, missing steps and values filled. */
    public CsvTable table() {
        return table;
    }

    /** The time column's name, or null when the rows are the steps. */
    public String timeColumn() {
        return timeColumn;
    }

    /** Number of steps (observed and inserted). */
    public int steps() {
        return time.length;
    }

    /** The time of step {@code i} as text (the file's own for an observed step; the row number without a time column). */
    public String time(int i) {
        return time[i];
    }

    /** Whether step {@code i} is a row of the file (false for an inserted step). */
    public boolean observed(int i) {
        return observed[i];
    }

    /** What was filled, one sentence each. */
    public List<String> notes() {
        return notes;
    }

    /** Fills the NaNs of {@code v} linearly in {@code at} between the nearest values; the ends take the nearest value. */
    static void interpolate(double[] v, double[] at) {
        int prev = -1;
        for (int i = 0; i <= v.length; i++) {
            if (i < v.length && Double.isNaN(v[i])) continue;
            for (int j = prev + 1; j < i; j++) {
                if (prev < 0) v[j] = v[i];
                else if (i == v.length) v[j] = v[prev];
                else v[j] = v[prev] + (v[i] - v[prev]) * (at[j] - at[prev]) / (at[i] - at[prev]);
            }
            prev = i;
        }
    }

    private static double value(CsvTable t, int r, int c) {
        String raw = t.cell(r, c).trim();
        if (raw.isEmpty() || NumberCells.missingText(raw)) return Double.NaN;
        if (NumberCells.nonFiniteText(raw)) {
            if (raw.toLowerCase(java.util.Locale.ROOT).endsWith("nan")) return Double.NaN;
            throw new IllegalArgumentException(t.where(r, c) + ": '" + raw + "' is not finite: expected a number or an empty cell for a missing value");
        }
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(t.where(r, c) + ": '" + raw
                    + "' is not a number: expected numbers in the value columns of a series (or keep the column out with --exclude)");
        }
        if (Double.isInfinite(v)) throw new IllegalArgumentException(t.where(r, c) + ": '" + raw + "' is beyond the range of a double");
        return v;
    }

    private static boolean increasesStrictly(double[] v) {
        for (int i = 1; i < v.length; i++) if (!(v[i] > v[i - 1])) return false;
        return true;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Seconds since the epoch for ISO text, the number itself otherwise. */
    private static double parseTime(CsvTable t, int r, int c, boolean iso) {
        String s = t.cell(r, c).trim();
        if (s.isEmpty()) throw new IllegalArgumentException(t.where(r, c) + ": empty time: expected a time on every row");
        if (!iso) {
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(t.where(r, c) + ": time '" + s + "' is not a number, as the first row's is");
            }
            if (!Double.isFinite(v)) throw new IllegalArgumentException(t.where(r, c) + ": time '" + s + "' is not finite");
            return v;
        }
        Instant when = isoInstant(s);
        if (when == null) {
            throw new IllegalArgumentException(t.where(r, c) + ": time '" + s
                    + "' is neither a number nor an ISO-8601 date / date-time (e.g. 2024-01-31T12:00:00)");
        }
        return when.getEpochSecond() + when.getNano() * 1e-9;
    }

    /**
     * The instant of ISO-8601 text (an instant, a date-time with or without an offset, a space allowed for the
     * {@code T}, or a date; times without an offset in UTC), or null when the text is none of these.
     */
    static Instant isoInstant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e1) {
            String u = s.replace(' ', 'T');
            try {
                return OffsetDateTime.parse(u).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(u).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    try {
                        return LocalDate.parse(u).atStartOfDay().toInstant(ZoneOffset.UTC);
                    } catch (DateTimeParseException e4) {
                        return null;
                    }
                }
            }
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
