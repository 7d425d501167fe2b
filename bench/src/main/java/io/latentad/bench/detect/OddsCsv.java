package io.latentad.bench.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An ODDS data set exported as CSV (header, numeric features, the 0/1 outlier label last), as
 * {@code ../shared/data/odds/thyroid.csv} is.
 *
 * @param x the feature rows
 * @param y 1 = outlier, 0 = normal
 */
public record OddsCsv(double[][] x, int[] y) {
    public static OddsCsv read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int n = lines.size() - 1;
        double[][] x = new double[n][];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            x[i] = new double[f.length - 1];
            for (int t = 0; t < f.length - 1; t++) x[i][t] = Double.parseDouble(f[t]);
            y[i] = (int) Double.parseDouble(f[f.length - 1]);
        }
        return new OddsCsv(x, y);
    }
}
