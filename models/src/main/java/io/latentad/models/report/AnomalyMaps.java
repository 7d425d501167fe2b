package io.latentad.models.report;

import io.latentad.models.data.SampleShape;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Per-pixel anomaly maps for images: for each of the given samples (the top anomalies, in order),
 * one row of three panels side by side: the input, its reconstruction and the squared reconstruction
 * error per pixel (summed over channels), the map the brain-lesion VAE work reads to localise what is
 * anomalous. Inputs and reconstructions are drawn as they are, clamped to [0, 1] (grey for one channel,
 * RGB for three, the first channel's grey otherwise); the error maps use viridis on one scale shared by
 * every row (0 to the largest pixel error shown), so rows can be compared; each row is captioned with
 * the sample's index and score. Every pixel is a filled square, so the SVG of the plot holds the same maps.
 */
public final class AnomalyMaps {
    private AnomalyMaps() {
    }

    /**
     * Renders the panels.
     *
     * @param shape  the image shape of every row
     * @param index  the row numbers of the samples (for the captions)
     * @param score  their scores
     * @param input  their values (flat, channel-major)
     * @param recon  their reconstructions, same layout
     */
    public static Plot render(SampleShape.Image shape, int[] index, double[] score, double[][] input, double[][] recon) {
        int n = index.length;
        if (n < 1) throw new IllegalArgumentException("anomaly maps: no samples to draw");
        if (score.length != n || input.length != n || recon.length != n) {
            throw new IllegalArgumentException("anomaly maps: " + n + " indices but " + score.length + " scores, " + input.length
                    + " inputs and " + recon.length + " reconstructions");
        }
        int c = shape.channels(), h = shape.height(), w = shape.width();
        double[][] err = new double[n][h * w];
        double top = 0;
        for (int i = 0; i < n; i++) {
            if (input[i].length != shape.size() || recon[i].length != shape.size()) {
                throw new IllegalArgumentException("anomaly maps: sample " + index[i] + " has " + input[i].length + " values: expected "
                        + shape.size() + " (" + shape.describe() + ")");
            }
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < h * w; p++) {
                    double e = input[i][ch * h * w + p] - recon[i][ch * h * w + p];
                    err[i][p] += e * e;
                }
            }
            for (double e : err[i]) top = Math.max(top, e);
        }
        int scale = Math.max(1, Math.min(8, 112 / Math.max(h, w))), pw = w * scale, ph = h * scale;
        int gap = 12, caption = 18, header = 24, left = 12;
        int width = Math.max(200, left + 2 * (pw + gap) + Math.max(pw, 170) + left), height = Math.max(150, header + n * (ph + caption + gap));
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(PlotArea.TICK);
        FontMetrics fm = g.getFontMetrics();
        String[] titles = {"input", "reconstruction", String.format(Locale.ROOT, "squared error (0..%.3g)", top)};
        for (int k = 0; k < 3; k++) g.drawString(titles[k], left + k * (pw + gap), 4 + fm.getAscent());
        for (int i = 0; i < n; i++) {
            int y0 = header + i * (ph + caption + gap);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "#%d  score %.4g", index[i], score[i]), left, y0 + fm.getAscent());
            int yImg = y0 + caption;
            for (int py = 0; py < h; py++) {
                for (int px = 0; px < w; px++) {
                    int p = py * w + px;
                    fill(g, left + px * scale, yImg + py * scale, scale, pixel(input[i], c, h * w, p));
                    fill(g, left + pw + gap + px * scale, yImg + py * scale, scale, pixel(recon[i], c, h * w, p));
                    fill(g, left + 2 * (pw + gap) + px * scale, yImg + py * scale, scale,
                            Palette.viridis(top > 0 ? err[i][p] / top : 0).getRGB());
                }
            }
        }
        List<String> legend = new ArrayList<>(Arrays.asList(titles));
        return Plot.of(img, g, legend);
    }

    private static int pixel(double[] v, int channels, int plane, int p) {
        if (channels == 3) return rgb(v[p], v[plane + p], v[2 * plane + p]);
        return rgb(v[p], v[p], v[p]);
    }

    private static int rgb(double r, double g, double b) {
        return (byte8(r) << 16) | (byte8(g) << 8) | byte8(b);
    }

    private static int byte8(double v) {
        if (!(v > 0)) return 0; // NaN and negatives black
        return (int) Math.round(Math.min(1, v) * 255);
    }

    /** One pixel as an {@code s x s} square, drawn through {@code g} so the SVG records it too. */
    private static void fill(Graphics2D g, int x, int y, int s, int rgb) {
        g.setColor(new Color(rgb));
        g.fillRect(x, y, s, s);
    }
}
