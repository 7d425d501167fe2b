package io.latentad.models.cli;

import io.latentad.models.ae.ReconstructionError;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.SampleShape;
import io.latentad.models.report.AnomalyMaps;
import io.latentad.models.report.LinePlot;
import io.latentad.models.report.Plot;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * {@code score}'s per-value reconstruction errors (issue 15): {@code --pixel-errors FILE} writes the
 * squared error {@code (x_j - xhat_j)^2} of every value of every row as CSV {@code index,e0,e1,...}
 * (for images, value {@code j} is pixel {@code (c * H + y) * W + x}; the row sums are the {@code recon}
 * score), and {@code --maps FILE.png} draws, for the {@code --maps-top} highest-scoring rows (by the
 * chosen scorer), the input, the reconstruction and the per-pixel error map side by side
 * ({@link AnomalyMaps}; the same as SVG beside the PNG). Image samples ({@code idx:} data, or a {@code net=conv} model
 * trained with {@code image=CxHxW}) are drawn as pictures; sequences (a model of {@code Sequence(T, C)} samples, such
 * as the vrae on {@code ucr:} data or any model on windows of a series) as line panels of the sequence, its
 * reconstruction (channel 0 of each) and the squared error per step (summed over the channels).
 */
final class AnomalyMapOptions {
    @Option(names = "--pixel-errors", paramLabel = "FILE",
            description = "Also write the squared reconstruction error of every value (pixel) per row: index,e0,e1,...")
    String pixelErrors;

    @Option(names = "--maps", paramLabel = "FILE.png",
            description = "Also draw input | reconstruction | per-pixel (or per-step) error for the top-scoring rows as PNG, and SVG beside it"
                    + " (images, or sequences as line panels).")
    String maps;

    @Option(names = "--maps-top", paramLabel = "K", defaultValue = "8",
            description = "Rows drawn by --maps, highest scores first (default: ${DEFAULT-VALUE}).")
    int top;

    /** Checks the output paths and the count before any work. */
    void requireUsable(String... inputs) {
        Outputs.requireUsable("--pixel-errors", pixelErrors, inputs);
        Outputs.requireUsable("--maps", maps, inputs);
        if (maps != null && !maps.toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new IllegalArgumentException("--maps " + maps + ": expected a .png file name");
        }
        if (top < 1 || top > 100) throw new IllegalArgumentException("--maps-top " + top + ": expected 1..100");
        if (pixelErrors != null && pixelErrors.equals(maps)) {
            throw new IllegalArgumentException("--pixel-errors and --maps name the same file " + maps);
        }
    }

    /** Writes what was asked for; nothing when neither option is given. */
    void write(TrainedAutoencoder m, double[][] x, double[] scores) {
        if (pixelErrors == null && maps == null) return;
        SampleShape.Image img = image(m);
        boolean sequences = img == null && m.shape() instanceof SampleShape.Sequence;
        if (maps != null && img == null && !sequences) {
            throw new IllegalArgumentException("--maps needs image samples (idx: data, or net=conv with image=CxHxW) or sequences"
                    + " (ucr: data, or windows of a series): the model reads " + m.shape().describe());
        }
        if (pixelErrors != null) {
            double[][] e = new ReconstructionError(false).perFeature(m, x);
            CsvOut.codes(pixelErrors, null, e, m.dimension(), "e");
        }
        if (maps != null) {
            int k = Math.min(top, x.length);
            int[] idx = IntStream.range(0, x.length).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i))
                    .limit(k).mapToInt(Integer::intValue).toArray();
            double[][] in = new double[k][];
            double[] sc = new double[k];
            for (int i = 0; i < k; i++) {
                in[i] = x[idx[i]];
                sc[i] = scores[idx[i]];
            }
            double[][] recon = m.reconstruct(in);
            try {
                if (sequences) {
                    sequencePanels(m, idx, sc, in, recon).writePngAndSvg(Path.of(maps));
                    return;
                }
                AnomalyMaps.render(img, idx, sc, in, recon).writePngAndSvg(Path.of(maps));
            } catch (IOException e) {
                throw new UncheckedIOException("--maps " + maps + ": " + e.getMessage(), e);
            }
        }
    }

    /** The image shape the network reads, or null. */
    /**
     * The top rows as line panels: the channel with the largest squared error in that row (its name in the title
     * when the model knows it), its reconstruction, and the squared error per step summed over the channels.
     */
    private static Plot sequencePanels(TrainedAutoencoder m, int[] idx, double[] sc, double[][] in, double[][] recon) {
        int channels = ((SampleShape.Sequence) m.shape()).channels();
        String[] names = m.encoder() != null && m.encoder().featureNames().length == channels ? m.encoder().featureNames() : null;
        double[][] err = m.stepErrors(in);
        List<double[][]> panels = new ArrayList<>();
        String[] titles = new String[in.length];
        for (int k = 0; k < in.length; k++) {
            int worst = 0;
            double most = -1;
            for (int c = 0; c < channels; c++) {
                double e = 0;
                for (int t = c; t < in[k].length; t += channels) e += (in[k][t] - recon[k][t]) * (in[k][t] - recon[k][t]);
                if (e > most) {
                    most = e;
                    worst = c;
                }
            }
            panels.add(new double[][] {channel(in[k], channels, worst), channel(recon[k], channels, worst), err[k]});
            String which = channels == 1 ? "" : ", " + (names != null ? names[worst] : "channel " + worst);
            titles[k] = String.format(Locale.ROOT, "row %d%s, score %.4g", idx[k], which, sc[k]);
        }
        int columns = Math.min(3, in.length), rows = (in.length + columns - 1) / columns;
        return LinePlot.grid(panels, new String[] {"sequence", "reconstruction", "squared error"}, titles, columns, "step",
                channels == 1 ? "value" : "value (standardised) / error", 1500, 330 * rows);
    }

    private static double[] channel(double[] row, int channels, int c) {
        double[] v = new double[row.length / channels];
        for (int t = 0; t < v.length; t++) v[t] = row[t * channels + c];
        return v;
    }

    private static SampleShape.Image image(TrainedAutoencoder m) {
        if (m.spec().input() instanceof SampleShape.Image i) return i;
        return m.shape() instanceof SampleShape.Image i ? i : null;
    }
}
