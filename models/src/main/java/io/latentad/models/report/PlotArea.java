package io.latentad.models.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.util.List;

/**
 * One panel of a chart: title, a framed plot rectangle with grid, tick labels and axis labels,
 * and the mapping from data coordinates to pixels. The charts draw their marks inside
 * {@link #plot()} and their legends in the space to its right ({@link #legendX()}).
 */
final class PlotArea {
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Color GRID = new Color(0xe6e6e6);

    private final Rectangle plot;
    private final double xMin, xMax, yMin, yMax;

    /**
     * Lays out a panel in {@code frame} with {@code rightMargin} pixels kept free for a legend.
     * The data ranges are padded by 4% so that marks do not sit on the frame; {@code bars} keeps x
     * unpadded (category slots) and y starting at its minimum (the bars' base line).
     */
    PlotArea(Rectangle frame, int rightMargin, double xMin, double xMax, double yMin, double yMax, boolean bars) {
        int left = 72, top = 44, bottom = 58;
        this.plot = new Rectangle(frame.x + left, frame.y + top, frame.width - left - rightMargin - 14,
                frame.height - top - bottom);
        if (plot.width < 40 || plot.height < 40) {
            throw new IllegalArgumentException("panel " + frame.width + "x" + frame.height + " is too small to draw a plot");
        }
        double px = bars ? 0 : pad(xMin, xMax), py = pad(yMin, yMax);
        this.xMin = xMin - px;
        this.xMax = xMax + px;
        this.yMin = bars ? yMin : yMin - py;
        this.yMax = yMax + py;
    }

    private static double pad(double lo, double hi) {
        return hi > lo ? 0.04 * (hi - lo) : Math.max(Math.abs(lo) * 0.1, 1);
    }

    Rectangle plot() {
        return plot;
    }

    int legendX() {
        return plot.x + plot.width + 14;
    }

    double px(double x) {
        return plot.x + (x - xMin) / (xMax - xMin) * plot.width;
    }

    double py(double y) {
        return plot.y + plot.height - (y - yMin) / (yMax - yMin) * plot.height;
    }

    /** White background, title, grid, frame, numeric ticks on both axes and the axis labels. */
    void drawAxes(Graphics2D g, Rectangle frame, String title, String xLabel, String yLabel, boolean xTicks) {
        g.setColor(Color.WHITE);
        g.fillRect(frame.x, frame.y, frame.width, frame.height);
        g.setColor(Color.BLACK);
        g.setFont(TITLE);
        centred(g, title, plot.x + plot.width / 2, frame.y + 28);
        g.setFont(TICK);
        FontMetrics fm = g.getFontMetrics();
        double[] yt = Ticks.of(yMin, yMax, 6);
        double ys = yt.length > 1 ? yt[1] - yt[0] : Ticks.step(yMin, yMax, 6);
        for (double v : yt) {
            int y = (int) Math.round(py(v));
            g.setColor(GRID);
            g.drawLine(plot.x + 1, y, plot.x + plot.width - 1, y);
            g.setColor(Color.BLACK);
            g.drawLine(plot.x - 5, y, plot.x, y);
            String s = Ticks.label(v, ys);
            g.drawString(s, plot.x - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        if (xTicks) {
            double[] xt = Ticks.of(xMin, xMax, 7);
            double xs = xt.length > 1 ? xt[1] - xt[0] : Ticks.step(xMin, xMax, 7);
            for (double v : xt) {
                int x = (int) Math.round(px(v));
                g.setColor(GRID);
                g.drawLine(x, plot.y + 1, x, plot.y + plot.height - 1);
                g.setColor(Color.BLACK);
                g.drawLine(x, plot.y + plot.height, x, plot.y + plot.height + 5);
                centred(g, Ticks.label(v, xs), x, plot.y + plot.height + 8 + fm.getAscent());
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(plot.x, plot.y, plot.width, plot.height);
        g.setFont(LABEL);
        centred(g, xLabel, plot.x + plot.width / 2, plot.y + plot.height + 46);
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, frame.x + 18, plot.y + plot.height / 2.0);
        centred(g, yLabel, frame.x + 18, plot.y + plot.height / 2 + g.getFontMetrics().getAscent() / 2);
        g.setTransform(saved);
    }

    /** Text centred horizontally on x with its baseline at y. */
    static void centred(Graphics2D g, String s, int x, int y) {
        if (s == null || s.isEmpty()) return;
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }

    /** A legend of coloured squares and names, top-aligned at y; returns the entries drawn. */
    static int legend(Graphics2D g, int x, int y, List<String> names, List<Color> colours, String heading) {
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int row = Math.max(18, fm.getHeight() + 2);
        if (heading != null) {
            g.setColor(Color.BLACK);
            g.drawString(heading, x, y + fm.getAscent());
            y += row + 2;
        }
        for (int i = 0; i < names.size(); i++) {
            g.setColor(colours.get(i));
            g.fillRect(x, y + (row - 12) / 2, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(names.get(i), x + 18, y + (row + fm.getAscent()) / 2 - 2);
            y += row;
        }
        return names.size();
    }

    /** Legend width needed for these names (with heading). */
    static int legendWidth(Graphics2D g, List<String> names, String heading) {
        g.setFont(LABEL);
        FontMetrics fm = g.getFontMetrics();
        int w = heading == null ? 0 : fm.stringWidth(heading);
        for (String s : names) w = Math.max(w, 18 + fm.stringWidth(s));
        return w + 6;
    }
}
