package io.latentad.models.data;

import io.latentad.engine.random.Rng;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A seeded synthetic trades table, the embedded default data of {@code demo}, modelled on the
 * trading data of the CL-VAE paper: each row is a trade booked by one of about 20 traders (the
 * class label used for conditioning), with a categorical instrument type, currency, counterparty
 * and portfolio, a heavy-tailed nominal and margin and a maturity.
 *
 * <p>The intuition: every trader has habits (a few preferred instruments, currencies,
 * counterparties and portfolios, and a typical trade size), so the trader can be learnt from the
 * features, as in the paper; the anomalies break a trader's habits.
 *
 * <p>How a row is drawn:
 * <ul>
 *   <li>trader: Zipf-like sizes, {@code P(trader r) ~ 1 / r^zipf} (the largest trader books about
 *       a fifth of the trades with the defaults, the smallest a few dozen);</li>
 *   <li>instrument, currency, counterparty, portfolio: from the trader's own preference vector,
 *       about 90% of the mass on 2-3 preferred values and the rest spread over every value;</li>
 *   <li>nominal: log-normal, {@code exp(mu_trader + m_instrument + sigma_trader * N(0,1))}, rounded to
 *       cents; margin: {@code nominal * rate_instrument * exp(0.25 * t_3)} with a Student-t (3 degrees
 *       of freedom) noise, so both are heavy-tailed; maturity in days from the instrument's range.</li>
 * </ul>
 * Then, on distinct rows: a share {@link Options#anomalyRate()} of injected anomalous trades, each
 * one of three kinds (an instrument and currency that trader almost never uses; a nominal 4-7
 * standard deviations above the trader's; a margin 15-60 times too large or too small for the
 * nominal); a share {@link Options#mislabelRate()} of mislabelled rows (the trader swapped for
 * another); and a share {@link Options#missingRate()} of empty feature cells.
 *
 * <p>The hidden ground-truth column {@value #TRUTH} is 1 for injected anomalies <b>and</b>
 * mislabelled rows, 0 otherwise; read the file with {@code --label trader --exclude is_anomaly} so
 * that it stays out of the features and serves only for evaluation.
 *
 * <p>Reference: W. Norlander, A. Sopasakis, "Latent space conditioning for improved
 * classification and anomaly detection", arXiv:1911.10599, 2019 (their data is proprietary; this
 * generator only imitates its shape).
 *
 * <p>Cost: O(rows) time, the CSV text in memory.
 */
public final class TradesGenerator {
    /** The class column. */
    public static final String LABEL = "trader";
    /** The hidden ground-truth column (1 = injected anomaly or mislabelled row). */
    public static final String TRUTH = "is_anomaly";
    /** Column names, in file order. */
    public static final String[] HEADER = {"trader", "instrument", "currency", "counterparty", "portfolio",
            "nominal", "margin", "maturity_days", "is_anomaly"};

    static final String[] INSTRUMENTS = {"FX_SPOT", "FX_FORWARD", "FX_SWAP", "IR_SWAP", "BOND", "EQUITY",
            "EQ_OPTION", "COMMODITY_FUT", "CDS", "REPO"};
    /** Offsets of log nominal per instrument. */
    private static final double[] INSTRUMENT_SIZE = {0.0, 0.3, 0.8, 1.5, 0.7, -1.0, -1.5, -0.5, 1.0, 1.2};
    /** Typical margin / nominal per instrument. */
    private static final double[] MARGIN_RATE = {0.01, 0.03, 0.02, 0.05, 0.04, 0.25, 0.15, 0.10, 0.06, 0.02};
    /** Maturity range in days [min, max] per instrument. */
    private static final int[][] MATURITY = {{2, 2}, {7, 365}, {30, 730}, {365, 10950}, {365, 10950},
            {0, 0}, {30, 720}, {30, 540}, {365, 3650}, {1, 90}};
    static final String[] CURRENCIES = {"USD", "EUR", "GBP", "JPY", "CHF", "SEK", "NOK", "AUD", "CAD"};
    static final int COUNTERPARTIES = 30, PORTFOLIOS = 40;

    /**
     * Generator settings.
     *
     * @param rows         trades (default 10,000)
     * @param traders      classes (default 20)
     * @param seed         seed of every random choice
     * @param zipf         exponent of the trader sizes (default 1.0; 0 = balanced)
     * @param missingRate  share of empty feature cells (default 0.01)
     * @param mislabelRate share of rows whose trader is swapped (default 0.005)
     * @param anomalyRate  share of injected anomalous trades (default 0.01)
     */
    public record Options(int rows, int traders, long seed, double zipf, double missingRate, double mislabelRate,
                          double anomalyRate) {
        public Options {
            if (rows < 1) throw new IllegalArgumentException("rows = " + rows + ": expected >= 1");
            if (traders < 2 || traders > 99) throw new IllegalArgumentException("traders = " + traders + ": expected 2..99");
            if (!(zipf >= 0 && zipf <= 4)) throw new IllegalArgumentException("zipf = " + zipf + ": expected 0..4");
            rate("missingRate", missingRate);
            rate("mislabelRate", mislabelRate);
            rate("anomalyRate", anomalyRate);
            if (mislabelRate + anomalyRate > 0.5) {
                throw new IllegalArgumentException("mislabelRate + anomalyRate = " + (mislabelRate + anomalyRate)
                        + ": expected at most 0.5");
            }
        }

        /** 10,000 rows, 20 traders, the given seed and the default rates. */
        public static Options defaults(long seed) {
            return new Options(10_000, 20, seed, 1.0, 0.01, 0.005, 0.01);
        }

        public Options withRows(int r) {
            return new Options(r, traders, seed, zipf, missingRate, mislabelRate, anomalyRate);
        }

        private static void rate(String name, double v) {
            if (!(v >= 0 && v <= 0.5)) throw new IllegalArgumentException(name + " = " + v + ": expected 0..0.5");
        }
    }

    private TradesGenerator() {
    }

    /** The trades as CSV text with a header row (LF line ends). */
    public static String csv(Options o) {
        Rng root = new Rng(o.seed());
        Rng habitsRng = root.split(), rowRng = root.split(), pickRng = root.split(), missRng = root.split();
        Habits[] habits = new Habits[o.traders()];
        double[] mu = new double[o.traders()], sigma = new double[o.traders()];
        for (int t = 0; t < o.traders(); t++) {
            habits[t] = new Habits(preferences(habitsRng, INSTRUMENTS.length, 2), preferences(habitsRng, CURRENCIES.length, 2),
                    preferences(habitsRng, COUNTERPARTIES, 3), preferences(habitsRng, PORTFOLIOS, 2));
            mu[t] = Math.log(10) * (5 + 2 * habitsRng.nextDouble()); // typical nominal 1e5 .. 1e7
            sigma[t] = 0.4 + 0.5 * habitsRng.nextDouble();
        }
        double[] size = new double[o.traders()];
        for (int t = 0; t < size.length; t++) size[t] = 1 / Math.pow(t + 1, o.zipf());
        double[] sizeCdf = cdf(size);

        int n = o.rows();
        int anomalies = (int) Math.round(n * o.anomalyRate()), mislabels = (int) Math.round(n * o.mislabelRate());
        int[] perm = pickRng.permutation(n);
        byte[] kind = new byte[n]; // 0 normal, 1 anomaly, 2 mislabelled
        for (int i = 0; i < anomalies; i++) kind[perm[i]] = 1;
        for (int i = anomalies; i < anomalies + mislabels; i++) kind[perm[i]] = 2;

        StringBuilder sb = new StringBuilder(n * 80);
        sb.append(String.join(",", HEADER)).append('\n');
        String[] cells = new String[HEADER.length];
        for (int r = 0; r < n; r++) {
            int t = sample(sizeCdf, rowRng.nextDouble());
            Habits h = habits[t];
            int ins = sample(h.instrument, rowRng.nextDouble());
            int cur = sample(h.currency, rowRng.nextDouble());
            int cp = sample(h.counterparty, rowRng.nextDouble());
            int pf = sample(h.portfolio, rowRng.nextDouble());
            double z = rowRng.nextGaussian();
            double rateNoise = Math.exp(0.25 * studentT3(rowRng));
            int[] mat = MATURITY[ins];
            int maturity = mat[0] + rowRng.nextInt(mat[1] - mat[0] + 1);
            double nominalShift = 0, marginFactor = 1;
            int label = t;
            if (kind[r] == 1) {
                switch (rowRng.nextInt(3)) {
                    case 0 -> { // an instrument and a currency this trader almost never uses
                        ins = leastLikely(h.instrument, rowRng);
                        cur = leastLikely(h.currency, rowRng);
                        mat = MATURITY[ins];
                        maturity = mat[0] + rowRng.nextInt(mat[1] - mat[0] + 1);
                    }
                    case 1 -> nominalShift = (4 + 3 * rowRng.nextDouble()) * sigma[t]; // extreme nominal
                    default -> marginFactor = rowRng.nextDouble() < 0.5 ? 15 + 45 * rowRng.nextDouble()
                            : 1 / (15 + 45 * rowRng.nextDouble()); // margin inconsistent with nominal
                }
            } else if (kind[r] == 2) {
                label = (t + 1 + rowRng.nextInt(o.traders() - 1)) % o.traders(); // another trader
            }
            double nominal = Math.exp(mu[t] + INSTRUMENT_SIZE[ins] + sigma[t] * z + nominalShift);
            double margin = nominal * MARGIN_RATE[ins] * rateNoise * marginFactor;
            cells[0] = String.format(Locale.ROOT, "T%02d", label + 1);
            cells[1] = INSTRUMENTS[ins];
            cells[2] = CURRENCIES[cur];
            cells[3] = String.format(Locale.ROOT, "CP%02d", cp + 1);
            cells[4] = String.format(Locale.ROOT, "PF%02d", pf + 1);
            cells[5] = String.format(Locale.ROOT, "%.2f", nominal);
            cells[6] = String.format(Locale.ROOT, "%.2f", margin);
            cells[7] = Integer.toString(maturity);
            cells[8] = kind[r] == 0 ? "0" : "1";
            for (int c = 1; c <= 7; c++) if (missRng.nextDouble() < o.missingRate()) cells[c] = "";
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    /** The trades parsed as a {@link CsvTable} named {@code source}. */
    public static CsvTable table(String source, Options o) {
        return CsvTable.parse(source, csv(o));
    }

    /** Writes the trades CSV to {@code path} (UTF-8). */
    public static void write(Path path, Options o) throws IOException {
        Files.writeString(path, csv(o), StandardCharsets.UTF_8);
    }

    /** Cumulative preference distributions of one trader. */
    private record Habits(double[] instrument, double[] currency, double[] counterparty, double[] portfolio) {
    }

    /**
     * A cumulative distribution over {@code m} values: {@code preferred} or {@code preferred + 1}
     * distinct favourites share 90% of the mass with random weights, 10% is spread evenly.
     */
    private static double[] preferences(Rng rng, int m, int preferred) {
        int count = Math.min(m, preferred + rng.nextInt(2));
        int[] perm = rng.permutation(m);
        double[] w = new double[m];
        double favWeight = 0;
        double[] fav = new double[count];
        for (int i = 0; i < count; i++) {
            fav[i] = 0.5 + rng.nextDouble();
            favWeight += fav[i];
        }
        for (int j = 0; j < m; j++) w[j] = 0.10 / m;
        for (int i = 0; i < count; i++) w[perm[i]] += 0.90 * fav[i] / favWeight;
        return cdf(w);
    }

    private static double[] cdf(double[] w) {
        double total = 0;
        for (double v : w) total += v;
        double[] c = new double[w.length];
        double acc = 0;
        for (int i = 0; i < w.length; i++) {
            acc += w[i] / total;
            c[i] = acc;
        }
        c[w.length - 1] = 1.0; // guard against rounding: u < 1 always lands
        return c;
    }

    private static int sample(double[] cdf, double u) {
        for (int i = 0; i < cdf.length; i++) if (u < cdf[i]) return i;
        return cdf.length - 1;
    }

    /** One of the values with the smallest probability under {@code cdf}, uniformly. */
    private static int leastLikely(double[] cdf, Rng rng) {
        double min = Double.MAX_VALUE;
        for (int i = 0; i < cdf.length; i++) min = Math.min(min, cdf[i] - (i == 0 ? 0 : cdf[i - 1]));
        int[] ties = new int[cdf.length];
        int count = 0;
        for (int i = 0; i < cdf.length; i++) {
            double p = cdf[i] - (i == 0 ? 0 : cdf[i - 1]);
            if (p <= min * 1.000001) ties[count++] = i;
        }
        return ties[rng.nextInt(count)];
    }

    /** A Student-t draw with 3 degrees of freedom: {@code Z / sqrt(chi2_3 / 3)}. */
    private static double studentT3(Rng rng) {
        double chi2 = 0;
        for (int i = 0; i < 3; i++) {
            double g = rng.nextGaussian();
            chi2 += g * g;
        }
        return rng.nextGaussian() / Math.sqrt(chi2 / 3);
    }
}
