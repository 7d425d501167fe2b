package io.latentad.models.cli;

import io.latentad.models.ae.ReconstructionError;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.SampleShape;
import io.latentad.models.report.AnomalyMaps;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * {@code score}'s per-value reconstruction errors (issue 15): {@code --pixel-errors FILE} writes the
 * squared error {@code (x_j - xhat_j)^2} of every value of every row as CSV {@code index,e0,e1,...}
 * (for images, value {@code j} is pixel {@code (c * H + y) * W + x}; the row sums are the {@code recon}
 * score), and {@code --maps FILE.png} draws, for the {@code --maps-top} highest-scoring rows (by the
 * chosen scorer), the input, the reconstruction and the per-pixel error map side by side
 * ({@link AnomalyMaps}; the same as SVG beside the PNG). The maps need image samples: {@code idx:} data, or a {@code net=conv} model
 * trained with {@code image=CxHxW}.
 */
final class AnomalyMapOptions {
    @Option(names = "--pixel-errors", paramLabel = "FILE",
            description = "Also write the squared reconstruction error of every value (pixel) per row: index,e0,e1,...")
    String pixelErrors;

    @Option(names = "--maps", paramLabel = "FILE.png",
            description = "Also draw input | reconstruction | per-pixel error for the top-scoring rows as PNG, and SVG beside it (image data).")
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
        if (maps != null && img == null) {
            throw new IllegalArgumentException("--maps needs image samples (idx: data, or net=conv with image=CxHxW): the model reads "
                    + m.shape().describe());
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
                AnomalyMaps.render(img, idx, sc, in, recon).writePngAndSvg(Path.of(maps));
            } catch (IOException e) {
                throw new UncheckedIOException("--maps " + maps + ": " + e.getMessage(), e);
            }
        }
    }

    /** The image shape the network reads, or null. */
    private static SampleShape.Image image(TrainedAutoencoder m) {
        if (m.spec().input() instanceof SampleShape.Image i) return i;
        return m.shape() instanceof SampleShape.Image i ? i : null;
    }
}
