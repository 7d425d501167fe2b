package io.latentad.models.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Scatter plots of 2-D points (latent codes), as in the CL-VAE paper's figures: coloured by a
 * class or cluster label with a legend (Fig. 2, 3), two such panels side by side (VAE beside
 * CL-VAE, Fig. 2), and coloured by a continuous anomaly score with a colour bar and the top-N
 * points starred (Fig. 5).
 *
 * <p>Points are drawn as small translucent discs so that dense regions stay readable with
 * thousands of points; in the score plot the points are drawn in increasing score order, so the
 * most anomalous are on top.
 */
public final class ScatterPlot {
    private static final int RADIUS = 3;

    private ScatterPlot() {
    }

    /** One panel: points coloured by {@code labels} (codes into {@code names}). */
    public static Plot byLabel(double[][] points, int[] labels, String[] names, String title, String xLabel,
                               String yLabel, int width, int height) {
        check(points, labels.length, "labels");
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        List<String> legend = panel(g, new Rectangle(0, 0, width, height), points, labels, names, title, xLabel, yLabel, true);
        return Plot.of(img, g, legend);
    }

    /**
     * Two panels side by side sharing one legend (right panel): e.g. the VAE's latent space
     * beside the CL-VAE's, both coloured by class.
     */
    public static Plot sideBySide(double[][] left, double[][] right, int[] labels, String[] names, String leftTitle,
                                  String rightTitle, String xLabel, String yLabel, int width, int height) {
        check(left, labels.length, "labels");
        check(right, labels.length, "labels");
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        int legendW = PlotArea.legendWidth(g, usedNames(labels, names), null) + 14;
        int panelW = (width - legendW) / 2;
        panel(g, new Rectangle(0, 0, panelW, height), left, labels, names, leftTitle, xLabel, yLabel, false);
        List<String> legend = panel(g, new Rectangle(panelW, 0, width - panelW, height), right, labels, names,
                rightTitle, xLabel, yLabel, true);
        return Plot.of(img, g, legend);
    }

    /** Points coloured by {@code scores} (viridis, with a colour bar), the {@code topN} highest starred. */
    public static Plot byScore(double[][] points, double[] scores, int topN, String title, String xLabel, String yLabel,
                               String scoreLabel, int width, int height) {
        check(points, scores.length, "scores");
        if (topN < 0) throw new IllegalArgumentException("topN = " + topN + ": expected >= 0");
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double s : scores) {
            if (!Double.isFinite(s)) throw new IllegalArgumentException("score " + s + ": expected finite scores");
            lo = Math.min(lo, s);
            hi = Math.max(hi, s);
        }
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        Rectangle frame = new Rectangle(0, 0, width, height);
        String starLabel = "top " + topN;
        String barLabel = scoreLabel == null ? "score" : scoreLabel;
        int right = Math.max(90, PlotArea.legendWidth(g, List.of(starLabel, barLabel), null) + 10);
        double[] r = range(points);
        PlotArea a = new PlotArea(frame, right, r[0], r[1], r[2], r[3], false);
        a.drawAxes(g, frame, title, xLabel, yLabel, true);
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, (p, q) -> Double.compare(scores[p], scores[q]));
        g.setClip(a.plot());
        for (int i : order) {
            Color c = Palette.viridis(hi > lo ? (scores[i] - lo) / (hi - lo) : 0.5);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 190));
            double[] q = clamped(a, points[i]);
            dot(g, q[0], q[1]);
        }
        int stars = Math.min(topN, scores.length);
        for (int k = 0; k < stars; k++) {
            int i = order[order.length - 1 - k];
            double[] q = clamped(a, points[i]);
            star(g, q[0], q[1], 9);
        }
        g.setClip(null);
        outsideNote(g, a, points);
        colourBar(g, a, lo, hi, barLabel);
        List<String> legend = new ArrayList<>();
        if (stars > 0) {
            int y = a.plot().y + a.plot().height - 24;
            star(g, a.legendX() + 8, y + 8, 8);
            g.setColor(Color.BLACK);
            g.setFont(PlotArea.LABEL);
            g.drawString(starLabel, a.legendX() + 22, y + 13);
            legend.add(starLabel);
        }
        return Plot.of(img, g, legend);
    }

    private static List<String> panel(Graphics2D g, Rectangle frame, double[][] points, int[] labels, String[] names,
                                      String title, String xLabel, String yLabel, boolean withLegend) {
        List<String> used = usedNames(labels, names);
        int right = withLegend ? PlotArea.legendWidth(g, used, null) : 0;
        double[] r = range(points);
        PlotArea a = new PlotArea(frame, right, r[0], r[1], r[2], r[3], false);
        a.drawAxes(g, frame, title, xLabel, yLabel, true);
        g.setClip(a.plot());
        for (int i = 0; i < points.length; i++) {
            Color c = Palette.qualitative(labels[i]);
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 150));
            double[] q = clamped(a, points[i]);
            dot(g, q[0], q[1]);
        }
        g.setClip(null);
        outsideNote(g, a, points);
        if (!withLegend) return List.of();
        List<Color> colours = new ArrayList<>();
        for (int code : usedCodes(labels)) colours.add(Palette.qualitative(code));
        PlotArea.legend(g, a.legendX(), a.plot().y, used, colours, null);
        return used;
    }

    /** The colour bar: a vertical viridis gradient with the score range as ticks. */
    private static void colourBar(Graphics2D g, PlotArea a, double lo, double hi, String label) {
        int x = a.legendX(), y0 = a.plot().y, h = Math.min(a.plot().height - 60, 260), w = 16;
        for (int i = 0; i < h; i++) {
            g.setColor(Palette.viridis(1 - i / (double) (h - 1)));
            g.drawLine(x, y0 + i, x + w, y0 + i);
        }
        g.setColor(Color.BLACK);
        g.drawRect(x, y0, w, h);
        g.setFont(PlotArea.TICK);
        FontMetrics fm = g.getFontMetrics();
        double[] t = Ticks.of(lo, hi, 5);
        double step = t.length > 1 ? t[1] - t[0] : Ticks.step(lo, hi, 5);
        for (double v : t) {
            int y = hi > lo ? (int) Math.round(y0 + h - (v - lo) / (hi - lo) * h) : y0 + h / 2;
            g.drawLine(x + w, y, x + w + 4, y);
            g.drawString(Ticks.label(v, step), x + w + 7, y + fm.getAscent() / 2 - 1);
        }
        g.setFont(PlotArea.LABEL);
        g.drawString(label, x, y0 + h + 20);
    }

    private static void dot(Graphics2D g, double x, double y) {
        g.fill(new Ellipse2D.Double(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS));
    }

    /** A five-pointed star, red with a black outline. */
    private static void star(Graphics2D g, double cx, double cy, double r) {
        Path2D.Double p = new Path2D.Double();
        for (int k = 0; k < 10; k++) {
            double rad = k % 2 == 0 ? r : r * 0.45, ang = -Math.PI / 2 + k * Math.PI / 5;
            double x = cx + rad * Math.cos(ang), y = cy + rad * Math.sin(ang);
            if (k == 0) p.moveTo(x, y);
            else p.lineTo(x, y);
        }
        p.closePath();
        g.setColor(new Color(0xe41a1c));
        g.fill(p);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.draw(p);
    }

    /**
     * {minX, maxX, minY, maxY}: the 0.5% and 99.5% quantiles widened by a quarter of their
     * spread (never beyond the data), so that a few far outliers do not squash the view; points
     * beyond are drawn on the frame ({@link #clamped}). Small sets (under 200 points) use the full range.
     */
    static double[] range(double[][] p) {
        double[] r = new double[4];
        for (int j = 0; j < 2; j++) {
            double[] v = new double[p.length];
            for (int i = 0; i < p.length; i++) v[i] = p[i][j];
            Arrays.sort(v);
            double min = v[0], max = v[v.length - 1];
            if (v.length < 200) {
                r[2 * j] = min;
                r[2 * j + 1] = max;
                continue;
            }
            double lo = v[(int) Math.floor(0.005 * (v.length - 1))], hi = v[(int) Math.ceil(0.995 * (v.length - 1))];
            double w = hi - lo;
            r[2 * j] = Math.max(min, lo - 0.25 * w);
            r[2 * j + 1] = Math.min(max, hi + 0.25 * w);
        }
        return r;
    }

    /** Pixel position of point p, moved onto the plot frame when it lies outside. */
    private static double[] clamped(PlotArea a, double[] p) {
        java.awt.Rectangle b = a.plot();
        double x = Math.max(b.x + 2, Math.min(b.x + b.width - 2, a.px(p[0])));
        double y = Math.max(b.y + 2, Math.min(b.y + b.height - 2, a.py(p[1])));
        return new double[] {x, y};
    }

    /** Counts points outside the view and notes them under the plot's lower left corner. */
    private static void outsideNote(Graphics2D g, PlotArea a, double[][] points) {
        java.awt.Rectangle b = a.plot();
        int out = 0;
        for (double[] p : points) {
            double x = a.px(p[0]), y = a.py(p[1]);
            if (x < b.x || x > b.x + b.width || y < b.y || y > b.y + b.height) out++;
        }
        if (out == 0) return;
        g.setColor(Color.DARK_GRAY);
        g.setFont(PlotArea.TICK);
        String note = out + (out == 1 ? " point" : " points") + " beyond the axes, drawn on the frame";
        g.drawString(note, b.x + b.width - g.getFontMetrics().stringWidth(note), b.y + b.height + 46);
    }

    private static int[] usedCodes(int[] labels) {
        return Arrays.stream(labels).distinct().sorted().toArray();
    }

    private static List<String> usedNames(int[] labels, String[] names) {
        List<String> out = new ArrayList<>();
        for (int c : usedCodes(labels)) out.add(names != null && c < names.length ? names[c] : Integer.toString(c));
        return out;
    }

    private static void check(double[][] points, int n, String what) {
        if (points == null || points.length == 0) throw new IllegalArgumentException("no points: expected at least one");
        if (points.length != n) throw new IllegalArgumentException(points.length + " points and " + n + " " + what + ": expected as many");
        for (double[] p : points) {
            if (p.length < 2) throw new IllegalArgumentException("a point of width " + p.length + ": expected 2 coordinates");
            if (!Double.isFinite(p[0]) || !Double.isFinite(p[1])) {
                throw new IllegalArgumentException("point (" + p[0] + ", " + p[1] + "): expected finite coordinates");
            }
        }
    }
}
