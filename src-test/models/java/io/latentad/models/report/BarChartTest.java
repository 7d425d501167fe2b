package io.latentad.models.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BarChartTest {
    @Test
    void groupedBarsPerClassWithOneLegendEntryPerSeries(@TempDir Path tmp) throws Exception {
        String[] classes = ScatterPlotTest.names(20);
        double[][] v = new double[3][20];
        for (int c = 0; c < 20; c++) {
            v[0][c] = 1.0 / (c + 1) / 3.6;
            v[1][c] = v[0][c] * (c % 3 == 0 ? 2 : 0.5);
            v[2][c] = v[0][c];
        }
        Plot plot = BarChart.grouped(classes, new String[] {"class share", "iforest (VAE)", "iforest (CL-VAE)"}, v,
                "Share of anomalies per trader", "trader", "share", 1000, 560);
        assertEquals(3, plot.legend().size());
        Path f = ScatterPlotTest.out(tmp).resolve("bars.png");
        plot.writePng(f);
        BufferedImage back = ImageIO.read(f.toFile());
        assertEquals(1000, back.getWidth());
        assertEquals(560, back.getHeight());
        // the first series colour fills the tallest bar (first class)
        int blue = 0;
        for (int y = 0; y < 560; y++) for (int x = 0; x < 200; x++) if ((back.getRGB(x, y) & 0xffffff) == 0x1f77b4) blue++;
        assertTrue(blue > 500, "blue pixels " + blue);
    }

    @Test
    void rejectsRaggedOrNegativeValues() {
        assertThrows(IllegalArgumentException.class, () -> BarChart.grouped(new String[] {"a"}, new String[] {"s"},
                new double[][] {{1, 2}}, "t", "x", "y", 400, 300));
        assertThrows(IllegalArgumentException.class, () -> BarChart.grouped(new String[] {"a"}, new String[] {"s"},
                new double[][] {{-1}}, "t", "x", "y", 400, 300));
        assertThrows(IllegalArgumentException.class, () -> BarChart.grouped(new String[] {"a"}, new String[] {"s", "u"},
                new double[][] {{1}}, "t", "x", "y", 400, 300));
    }
}
