package io.latentad.models.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * One long series and its anomaly score step by step ({@code score --plot}): a panel per channel (the first
 * {@value #MAX_CHANNELS}) above a panel of the per-step score, the flagged steps shaded on every panel and the
 * threshold drawn on the score panel. A series longer than twice the plot's width in pixels is drawn as each pixel
 * column's lowest and highest value (the envelope), so a spike of one step stays visible and the SVG stays small.
 */
public final class SeriesPlot {
    /** Channels drawn at most; the title names how many were left out. */
    public static final int MAX_CHANNELS = 6;
    private static final Color SHADE = new Color(0xf6c9c4);
    private static final Color THRESHOLD = new Color(0xc0392b);
    private static final int CHANNEL_H = 200, SCORE_H = 240;

    private SeriesPlot() {
    }

    /**
     * Draws the series.
     *
     * @param title     the figure's title (e.g. the file and the model)
     * @param names     the channels' names, one per row of {@code channels}
     * @param channels  {@code channels[c][t]}: channel c at step t (finite), all of one length
     * @param score     the per-step score (finite), as long as a channel
     * @param scoreName the score's name, for its axis
     * @param threshold the threshold drawn on the score panel, or null for none
     * @param flagged   the steps to shade, as long as a channel, or null for none
     * @param width     the image's width in pixels
     */
    public static Plot render(String title, String[] names, double[][] channels, double[] score, String scoreName,
                              Double threshold, boolean[] flagged, int width) {
        if (channels.length == 0 || channels.length != names.length) {
            throw new IllegalArgumentException(channels.length + " channels for " + names.length + " names: expected at least one, one name each");
        }
        int steps = score.length;
        if (steps < 2) throw new IllegalArgumentException("a series of " + steps + " steps: expected at least 2");
        for (double[] c : channels) if (c.length != steps) throw new IllegalArgumentException("a channel of " + c.length + " steps beside a score of " + steps);
        if (flagged != null && flagged.length != steps) throw new IllegalArgumentException(flagged.length + " flags for " + steps + " steps");
        requireFinite(score, "score");
        if (threshold != null && !Double.isFinite(threshold)) throw new IllegalArgumentException("threshold " + threshold + ": expected a finite value");
        int shown = Math.min(channels.length, MAX_CHANNELS);
        int height = shown * CHANNEL_H + SCORE_H;
        BufferedImage img = Plot.canvas(width, height);
        Graphics2D g = Plot.graphics(img);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        for (int c = 0; c < shown; c++) {
            requireFinite(channels[c], "channel '" + names[c] + "'");
            String t = c == 0 ? title + (channels.length > shown ? " (" + (channels.length - shown) + " more channels not drawn)" : "") : "";
            panel(g, new Rectangle(0, c * CHANNEL_H, width, CHANNEL_H), t, channels[c], null, flagged, Palette.qualitative(c),
                    "", names[c]);
        }
        panel(g, new Rectangle(0, shown * CHANNEL_H, width, SCORE_H), "", score, threshold, flagged, Color.BLACK, "step", scoreName);
        List<String> legend = new ArrayList<>(List.of(names).subList(0, shown));
        legend.add(scoreName);
        return Plot.of(img, g, legend);
    }

    private static void panel(Graphics2D g, Rectangle frame, String title, double[] v, Double threshold, boolean[] flagged,
                              Color colour, String xLabel, String yLabel) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (threshold != null) {
            lo = Math.min(lo, threshold);
            hi = Math.max(hi, threshold);
        }
        int steps = v.length;
        PlotArea a = new PlotArea(frame, 0, 0, steps - 1, lo, hi, false);
        a.drawAxes(g, frame, title, xLabel, yLabel, true);
        Rectangle p = a.plot();
        g.setClip(p);
        if (flagged != null) shade(g, a, p, flagged);
        g.setColor(colour);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(path(a, v, p.width));
        if (threshold != null) {
            g.setColor(THRESHOLD);
            g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            int y = (int) Math.round(a.py(threshold));
            g.drawLine(p.x, y, p.x + p.width, y);
        }
        g.setClip(null);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(p.x, p.y, p.width, p.height);
    }

    /** The flagged runs of steps as light bands, runs closer than a pixel merged. */
    private static void shade(Graphics2D g, PlotArea a, Rectangle p, boolean[] flagged) {
        g.setColor(SHADE);
        int t = 0, n = flagged.length;
        int openX = -1, openEnd = -1;
        while (t < n) {
            if (!flagged[t]) {
                t++;
                continue;
            }
            int s = t;
            while (t < n && flagged[t]) t++;
            int x0 = (int) Math.floor(a.px(s - 0.5)), x1 = (int) Math.ceil(a.px(t - 0.5));
            if (openX >= 0 && x0 <= openEnd + 1) {
                openEnd = Math.max(openEnd, x1);
            } else {
                if (openX >= 0) g.fillRect(openX, p.y, Math.max(1, openEnd - openX), p.height);
                openX = x0;
                openEnd = x1;
            }
        }
        if (openX >= 0) g.fillRect(openX, p.y, Math.max(1, openEnd - openX), p.height);
    }

    /**
     * The line through the values, or, when there are more than twice as many steps as pixel columns, through
     * each column's lowest and highest value in the order they occur.
     */
    static Path2D.Double path(PlotArea a, double[] v, int pixels) {
        Path2D.Double path = new Path2D.Double();
        int steps = v.length;
        if (steps <= 2 * pixels) {
            for (int t = 0; t < steps; t++) {
                if (t == 0) path.moveTo(a.px(t), a.py(v[t]));
                else path.lineTo(a.px(t), a.py(v[t]));
            }
            return path;
        }
        boolean first = true;
        for (int col = 0; col < pixels; col++) {
            int s = (int) ((long) col * steps / pixels), e = (int) ((long) (col + 1) * steps / pixels);
            int lo = s, hi = s;
            for (int t = s + 1; t < e; t++) {
                if (v[t] < v[lo]) lo = t;
                if (v[t] > v[hi]) hi = t;
            }
            int p = Math.min(lo, hi), q = Math.max(lo, hi);
            if (first) path.moveTo(a.px(p), a.py(v[p]));
            else path.lineTo(a.px(p), a.py(v[p]));
            first = false;
            if (q != p) path.lineTo(a.px(q), a.py(v[q]));
        }
        return path;
    }

    private static void requireFinite(double[] v, String what) {
        for (int t = 0; t < v.length; t++) {
            if (!Double.isFinite(v[t])) throw new IllegalArgumentException(what + " at step " + t + " is " + v[t] + ": expected finite values");
        }
    }
}
