package io.latentad.models.data;

import io.latentad.engine.random.Rng;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Seeded synthetic connection records of the KDDCUP99 shape, for tests and the {@code bench/}
 * scale run: the 41 feature columns of the KDD Cup 1999 data under their names (38 numeric; 3
 * categorical: {@code protocol_type} with 3 values, {@code service} with 66, {@code flag} with 11,
 * so 38 + 80 = 118 features after one-hot encoding) and a last column {@value #LABEL} with values
 * like {@code normal.}, {@code smurf.}, {@code neptune.}.
 *
 * <p>How a row is drawn: its class first (smurf 57%, neptune 22%, normal 20%, and 1% spread over
 * back, satan, ipsweep, portsweep, teardrop, warezclient), then every field from that class's own
 * habits: smurf is ICMP echo ({@code ecr_i}, flag SF) of about 1032 bytes in bursts of ~500
 * connections; neptune is a TCP SYN flood ({@code private}, flag S0, serror rates near 1); normal
 * traffic is mostly TCP to http / smtp / ftp_data / domain_u and a long tail of services, with
 * log-normal byte counts, login flags and low error rates; the rare attacks each have one
 * distinctive field (a wrong fragment, a REJ flag and rerror rates, a large hot count). Under the
 * DAGMM protocol the {@code normal.} rows (about 20%) are the anomalies, as in the real data.
 *
 * <p>This imitates the shape and the coarse class structure of KDDCUP99, not its statistics; results
 * on it are not results on KDDCUP99. Rows are written one at a time (memory O(1) in the rows).
 *
 * <p>Reference: KDD Cup 1999 data, UCI Machine Learning Repository, doi:10.24432/C51C7N (the 10%
 * subset is the one DAGMM and the poster use).
 */
public final class KddCupGenerator {
    /** The class column. */
    public static final String LABEL = "label";
    /** The 41 feature columns, in the data set's order. */
    public static final String[] FEATURES = {"duration", "protocol_type", "service", "flag", "src_bytes", "dst_bytes", "land",
        "wrong_fragment", "urgent", "hot", "num_failed_logins", "logged_in", "num_compromised", "root_shell", "su_attempted",
        "num_root", "num_file_creations", "num_shells", "num_access_files", "num_outbound_cmds", "is_host_login",
        "is_guest_login", "count", "srv_count", "serror_rate", "srv_serror_rate", "rerror_rate", "srv_rerror_rate",
        "same_srv_rate", "diff_srv_rate", "srv_diff_host_rate", "dst_host_count", "dst_host_srv_count",
        "dst_host_same_srv_rate", "dst_host_diff_srv_rate", "dst_host_same_src_port_rate", "dst_host_srv_diff_host_rate",
        "dst_host_serror_rate", "dst_host_srv_serror_rate", "dst_host_rerror_rate", "dst_host_srv_rerror_rate"};
    static final String[] PROTOCOLS = {"tcp", "udp", "icmp"};
    static final String[] FLAGS = {"SF", "S0", "REJ", "RSTR", "RSTO", "SH", "S1", "S2", "RSTOS0", "S3", "OTH"};
    static final String[] SERVICES = new String[66];
    private static final String[] NAMED = {"http", "smtp", "ftp_data", "domain_u", "ecr_i", "private", "ftp", "telnet", "finger",
        "auth", "eco_i", "other", "pop_3", "urp_i", "time", "ntp_u", "IRC", "X11", "imap4", "ssh"};
    private static final String[] CLASSES = {"smurf.", "neptune.", "normal.", "back.", "satan.", "ipsweep.", "portsweep.",
        "teardrop.", "warezclient."};
    private static final double[] CUMULATIVE = {0.57, 0.79, 0.99, 0.992, 0.994, 0.996, 0.997, 0.998, 1.0};

    static {
        for (int i = 0; i < SERVICES.length; i++) SERVICES[i] = i < NAMED.length ? NAMED[i] : "svc_" + i;
    }

    private KddCupGenerator() {
    }

    /** Writes a header and {@code rows} records drawn with {@code seed} to {@code path}. */
    public static void write(Path path, int rows, long seed) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            write(w, rows, seed);
        }
    }

    /** Writes a header and {@code rows} records drawn with {@code seed}. */
    public static void write(Writer w, int rows, long seed) throws IOException {
        if (rows < 0) throw new IllegalArgumentException("rows = " + rows + ": expected >= 0");
        w.append(String.join(",", FEATURES)).append(',').append(LABEL).append('\n');
        Rng rng = new Rng(seed);
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < rows; i++) {
            b.setLength(0);
            row(rng, b);
            w.append(b).append('\n');
        }
    }

    private static void row(Rng r, StringBuilder b) {
        double u = r.nextDouble();
        int c = 0;
        while (u >= CUMULATIVE[c]) c++;
        String cls = CLASSES[c];
        double[] v = new double[FEATURES.length];
        String protocol, service, flag;
        switch (cls) {
            case "smurf." -> {
                protocol = "icmp";
                service = "ecr_i";
                flag = "SF";
                v[4] = r.nextDouble() < 0.9 ? 1032 : 520;
                v[22] = v[23] = Math.min(511, 480 + r.nextInt(32));
                v[28] = 1;
                v[31] = v[32] = 255;
                v[33] = 1;
                v[35] = 1;
            }
            case "neptune." -> {
                protocol = "tcp";
                service = r.nextDouble() < 0.7 ? "private" : SERVICES[20 + r.nextInt(46)];
                flag = r.nextDouble() < 0.9 ? "S0" : "REJ";
                v[22] = 100 + r.nextInt(200);
                v[23] = 1 + r.nextInt(25);
                boolean s0 = flag.equals("S0");
                v[24] = v[25] = s0 ? 1 : 0;
                v[26] = v[27] = s0 ? 0 : 1;
                v[28] = round2(0.02 + 0.1 * r.nextDouble());
                v[29] = round2(0.05 + 0.05 * r.nextDouble());
                v[31] = 255;
                v[32] = 1 + r.nextInt(20);
                v[33] = round2(0.01 + 0.08 * r.nextDouble());
                v[34] = round2(0.05 + 0.05 * r.nextDouble());
                v[37] = v[38] = s0 ? 1 : 0;
                v[39] = v[40] = s0 ? 0 : 1;
            }
            case "normal." -> {
                double p = r.nextDouble();
                protocol = p < 0.77 ? "tcp" : p < 0.96 ? "udp" : "icmp";
                double s = r.nextDouble();
                service = protocol.equals("udp") ? (s < 0.7 ? "domain_u" : s < 0.85 ? "ntp_u" : "other")
                        : protocol.equals("icmp") ? (s < 0.7 ? "eco_i" : "urp_i")
                        : s < 0.65 ? "http" : s < 0.78 ? "smtp" : s < 0.88 ? "ftp_data" : SERVICES[6 + r.nextInt(60)];
                flag = r.nextDouble() < 0.97 ? "SF" : FLAGS[2 + r.nextInt(9)];
                v[0] = r.nextDouble() < 0.9 ? 0 : Math.round(Math.exp(3 * r.nextDouble() * 2));
                v[4] = Math.round(Math.exp(5.5 + 1.2 * r.nextGaussian()));
                v[5] = service.equals("http") ? Math.round(Math.exp(7.5 + 1.3 * r.nextGaussian())) : Math.round(Math.exp(4 + 2 * r.nextGaussian()));
                v[9] = r.nextDouble() < 0.05 ? 1 + r.nextInt(5) : 0;
                v[11] = protocol.equals("tcp") ? 1 : 0;
                v[22] = 1 + r.nextInt(20);
                v[23] = 1 + r.nextInt(30);
                v[26] = v[27] = r.nextDouble() < 0.03 ? 1 : 0;
                v[28] = 1;
                v[30] = round2(r.nextDouble() < 0.7 ? 0 : r.nextDouble() * 0.5);
                v[31] = 1 + r.nextInt(255);
                v[32] = 1 + r.nextInt(255);
                v[33] = round2(r.nextDouble());
                v[34] = round2(0.1 * r.nextDouble());
                v[35] = round2(0.2 * r.nextDouble());
                v[36] = round2(0.1 * r.nextDouble());
            }
            default -> { // the rare attacks: one distinctive field each
                protocol = cls.equals("teardrop.") ? "udp" : cls.equals("ipsweep.") ? "icmp" : "tcp";
                service = cls.equals("back.") ? "http" : cls.equals("warezclient.") ? "ftp_data" : SERVICES[r.nextInt(66)];
                flag = cls.equals("satan.") || cls.equals("portsweep.") ? "REJ" : "SF";
                v[4] = cls.equals("back.") ? 54540 : Math.round(Math.exp(4 + r.nextGaussian()));
                v[7] = cls.equals("teardrop.") ? 3 : 0;
                v[9] = cls.equals("back.") ? 2 : cls.equals("warezclient.") ? 20 + r.nextInt(10) : 0;
                v[22] = 1 + r.nextInt(10);
                v[23] = 1 + r.nextInt(10);
                v[26] = v[27] = flag.equals("REJ") ? 1 : 0;
                v[29] = cls.equals("satan.") || cls.equals("ipsweep.") ? round2(0.5 + 0.5 * r.nextDouble()) : 0;
                v[31] = 1 + r.nextInt(255);
                v[32] = 1 + r.nextInt(50);
            }
        }
        for (int j = 0; j < FEATURES.length; j++) {
            if (j > 0) b.append(',');
            switch (j) {
                case 1 -> b.append(protocol);
                case 2 -> b.append(service);
                case 3 -> b.append(flag);
                default -> {
                    double x = v[j];
                    if (x == Math.rint(x)) b.append((long) x);
                    else b.append(x);
                }
            }
        }
        b.append(',').append(cls);
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
