package io.latentad.models.ae;

import io.latentad.models.data.FeatureEncoder;

import java.util.Arrays;

/**
 * Why a row's reconstruction error is high: the share of each input column in it. The score
 * {@code sum_j e_j} ({@link ReconstructionError}: {@code e_j = (x_j - x_hat_j)^2}, or {@code |x_j - x_hat_j|}
 * for L1) is split by feature and the features are summed back to the columns of the data the model
 * was trained on, through its feature encoder: the one-hot block of a categorical column (its
 * {@code <unseen>} bucket included) to that column, a missing indicator to its numeric column. So the
 * contributions of a row add up to its score (up to the rounding of a different summation order).
 * Models trained on idx or ucr data have one column per feature ({@code f0, f1, ...}).
 *
 * <p>Read it as "which columns the model reconstructs worst for this row", not as a causal account:
 * a value the model cannot place often spreads its error over the columns it correlates with.
 *
 * @param columns the column names
 * @param values  {@code [rows][columns]}, each row summing to its score
 */
public record ColumnContributions(String[] columns, double[][] values) {
    /** The contributions of rows {@code x} to their {@code recon} ({@code l1}: {@code recon-l1}) scores under {@code model}. */
    public static ColumnContributions of(TrainedAutoencoder model, double[][] x, boolean l1) {
        double[][] perFeature = new ReconstructionError(l1).perFeature(model, x);
        FeatureEncoder enc = model.encoder();
        int d = model.dimension();
        if (enc == null) for (double[] r : perFeature) d = Math.max(d, r.length); // sequences of any length (vrae)
        String[] names;
        int[] column;
        if (enc != null) {
            names = enc.columns();
            column = enc.featureColumns();
        } else {
            names = new String[d];
            column = new int[d];
            for (int j = 0; j < d; j++) {
                names[j] = "f" + j;
                column[j] = j;
            }
        }
        double[][] v = new double[x.length][names.length];
        for (int i = 0; i < x.length; i++) for (int j = 0; j < perFeature[i].length; j++) v[i][column[j]] += perFeature[i][j];
        return new ColumnContributions(names, v);
    }

    /** The indices of the {@code n} columns that contribute most to row {@code i}, largest first (ties: column order). */
    public int[] top(int i, int n) {
        Integer[] idx = new Integer[columns.length];
        for (int c = 0; c < idx.length; c++) idx[c] = c;
        double[] r = values[i];
        Arrays.sort(idx, (a, b) -> r[a] != r[b] ? Double.compare(r[b], r[a]) : Integer.compare(a, b));
        int k = Math.min(n, idx.length);
        int[] out = new int[k];
        for (int c = 0; c < k; c++) out[c] = idx[c];
        return out;
    }
}
