package io.latentad.models.report;

import org.junit.jupiter.api.Test;

import java.awt.Rectangle;
import java.awt.geom.Rectangle2D;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesPlotTest {
    @Test
    void aOneStepSpikeInALongSeriesSurvivesTheEnvelope() {
        int steps = 100_000;
        double[] v = new double[steps];
        for (int t = 0; t < steps; t++) v[t] = Math.sin(t / 300.0);
        v[77_777] = 9;
        PlotArea a = new PlotArea(new Rectangle(0, 0, 1000, 300), 0, 0, steps - 1, -1, 9, false);
        java.awt.geom.Path2D.Double p = SeriesPlot.path(a, v, a.plot().width);
        Rectangle2D b = p.getBounds2D();
        assertEquals(a.py(9), b.getMinY(), 1e-9, "the spike is the path's top");
        int points = 0;
        for (java.awt.geom.PathIterator it = p.getPathIterator(null); !it.isDone(); it.next()) points++;
        assertTrue(points <= 2 * a.plot().width, points + " points for " + a.plot().width + " pixel columns");
        // a short series is drawn step by step
        double[] s = {0, 1, 0, -1};
        java.awt.geom.Path2D.Double q = SeriesPlot.path(a, s, a.plot().width);
        int n = 0;
        for (java.awt.geom.PathIterator it = q.getPathIterator(null); !it.isDone(); it.next()) n++;
        assertEquals(4, n);
    }

    @Test
    void drawsEveryChannelUpToTheLimitAndTheScore() {
        int steps = 500;
        double[][] ch = new double[8][steps];
        String[] names = new String[8];
        for (int c = 0; c < 8; c++) {
            names[c] = "ch" + c;
            for (int t = 0; t < steps; t++) ch[c][t] = Math.cos(t * (c + 1) / 50.0);
        }
        double[] score = new double[steps];
        boolean[] flag = new boolean[steps];
        for (int t = 200; t < 230; t++) {
            score[t] = 5;
            flag[t] = true;
        }
        Plot p = SeriesPlot.render("title", names, ch, score, "recon score", 2.0, flag, 1200);
        assertEquals(SeriesPlot.MAX_CHANNELS + 1, p.legend().size());
        assertEquals(1200, p.image().getWidth());
        assertTrue(p.svg().contains("2 more channels not drawn"), "the title says what was left out");
        assertTrue(p.svg().contains(">ch5<") && !p.svg().contains(">ch6<"));
    }

    @Test
    void badInputIsRefusedNamingIt() {
        double[][] ch = {{0, 1, 2}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SeriesPlot.render("t", new String[] {"a"}, ch, new double[] {0, Double.NaN, 1}, "s", null, null, 800));
        assertTrue(e.getMessage().contains("score at step 1 is NaN"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SeriesPlot.render("t", new String[] {"a"}, ch, new double[] {0, 1}, "s", null, null, 800));
        assertTrue(e.getMessage().contains("a channel of 3 steps beside a score of 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SeriesPlot.render("t", new String[] {"a"}, new double[][] {{0, Double.POSITIVE_INFINITY, 1}}, new double[] {0, 1, 2}, "s", null, null, 800));
        assertTrue(e.getMessage().contains("channel 'a' at step 1 is Infinity"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SeriesPlot.render("t", new String[] {"a"}, ch, new double[] {0, 1, 2}, "s", Double.NaN, null, 800));
        assertTrue(e.getMessage().contains("threshold NaN"), e.getMessage());
    }
}
