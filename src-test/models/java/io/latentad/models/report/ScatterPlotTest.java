package io.latentad.models.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScatterPlotTest {
    /** Set -Dlatentad.plots=DIR to keep the sample PNGs for a look. */
    static Path out(Path tmp) {
        String keep = System.getProperty("latentad.plots");
        return keep == null ? tmp : Path.of(keep);
    }

    static double[][] blobs(int n, int classes, int[] labels, long seed) {
        Random r = new Random(seed);
        double[][] p = new double[n][2];
        for (int i = 0; i < n; i++) {
            int c = (int) Math.min(classes - 1, Math.floor(classes * Math.pow(r.nextDouble(), 1.7)));
            labels[i] = c;
            double a = 2 * Math.PI * c / classes;
            p[i][0] = 6 * Math.cos(a) + r.nextGaussian();
            p[i][1] = 6 * Math.sin(a) + r.nextGaussian();
        }
        return p;
    }

    static String[] names(int k) {
        String[] s = new String[k];
        for (int i = 0; i < k; i++) s[i] = String.format("T%02d", i + 1);
        return s;
    }

    /** Pixels in the rectangle that are neither white nor the light grid grey. */
    static int inked(BufferedImage img, int x0, int y0, int x1, int y1) {
        int count = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (rgb != 0xffffff && rgb != 0xe6e6e6) count++;
            }
        }
        return count;
    }

    @Test
    void labelScatterWritesAPngWithOneLegendEntryPerClassAndInkInThePlot(@TempDir Path tmp) throws Exception {
        int[] labels = new int[3000];
        double[][] p = blobs(3000, 20, labels, 1);
        Plot plot = ScatterPlot.byLabel(p, labels, names(20), "Latent space by trader", "z0", "z1", 900, 640);
        assertEquals(20, plot.legend().size());
        assertEquals("T01", plot.legend().get(0));
        Path f = out(tmp).resolve("scatter_classes.png");
        plot.writePng(f);
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(900, back.getWidth());
        assertEquals(640, back.getHeight());
        // the plot area (inside the frame, left of the legend) is well inked; a blank corner is not
        assertTrue(inked(back, 120, 100, 600, 500) > 10_000, "inked " + inked(back, 120, 100, 600, 500));
        assertEquals(0, inked(back, 0, 0, 40, 20));
    }

    @Test
    void legendListsOnlyTheClassesPresent() {
        int[] labels = {0, 2, 2, 5};
        double[][] p = {{0, 0}, {1, 1}, {2, 0}, {3, 3}};
        Plot plot = ScatterPlot.byLabel(p, labels, names(6), "t", "x", "y", 400, 300);
        assertEquals(java.util.List.of("T01", "T03", "T06"), plot.legend());
    }

    @Test
    void sideBySideDrawsTwoPanels(@TempDir Path tmp) throws Exception {
        int[] labels = new int[2000];
        double[][] a = blobs(2000, 12, labels, 2);
        double[][] b = new double[a.length][];
        Random r = new Random(3);
        for (int i = 0; i < a.length; i++) b[i] = new double[] {a[i][0] * 0.3 + r.nextGaussian() * 2, a[i][1] * 0.3 + r.nextGaussian() * 2};
        Plot plot = ScatterPlot.sideBySide(b, a, labels, names(12), "VAE", "CL-VAE", "z0", "z1", 1300, 600);
        assertEquals(12, plot.legend().size());
        Path f = out(tmp).resolve("scatter_side_by_side.png");
        plot.writePng(f);
        assertTrue(Files.size(f) > 10_000);
        BufferedImage img = plot.image();
        assertTrue(inked(img, 100, 100, 500, 480) > 5_000, "left panel");
        assertTrue(inked(img, 700, 100, 1050, 480) > 5_000, "right panel");
    }

    @Test
    void scoreScatterStarsTheTopPointsAndDrawsAColourBar(@TempDir Path tmp) throws Exception {
        int[] labels = new int[2000];
        double[][] p = blobs(2000, 8, labels, 4);
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) s[i] = Math.hypot(p[i][0], p[i][1]) > 8 ? 5 + p[i][0] * 0.1 : Math.abs(p[i][1]) * 0.2;
        Plot plot = ScatterPlot.byScore(p, s, 15, "Isolation forest score (CL-VAE)", "z0", "z1", "anomaly score", 900, 640);
        assertEquals(java.util.List.of("top 15"), plot.legend());
        plot.writePng(out(tmp).resolve("scatter_scores.png"));
        // the star colour (red) appears
        int red = 0;
        for (int y = 0; y < 640; y++) for (int x = 0; x < 900; x++) if ((plot.image().getRGB(x, y) & 0xffffff) == 0xe41a1c) red++;
        assertTrue(red > 15 * 10, "red star pixels " + red);
    }

    @Test
    void aFewFarOutliersDoNotSquashTheView() {
        double[][] p = new double[1000][];
        for (int i = 0; i < p.length; i++) p[i] = new double[] {i % 10, i % 7};
        p[0] = new double[] {-1000, 3};
        p[1] = new double[] {2, 5000};
        double[] r = ScatterPlot.range(p);
        assertEquals(0, r[0], 3.0);
        assertEquals(9, r[1], 3.0);
        assertEquals(6, r[3], 2.0);
        // small sets keep the full range
        assertEquals(-1000, ScatterPlot.range(java.util.Arrays.copyOf(p, 100))[0]);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.byLabel(new double[0][], new int[0], null, "t", "x", "y", 400, 300));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.byLabel(new double[][] {{0, 1}}, new int[2], null, "t", "x", "y", 400, 300));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.byLabel(new double[][] {{0, Double.NaN}}, new int[1], null, "t", "x", "y", 400, 300));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.byLabel(new double[][] {{0, 1}}, new int[1], null, "t", "x", "y", 100, 300));
        assertThrows(IllegalArgumentException.class, () -> ScatterPlot.byScore(new double[][] {{0, 1}}, new double[] {1}, -1, "t", "x", "y", "s", 400, 300));
    }
}
