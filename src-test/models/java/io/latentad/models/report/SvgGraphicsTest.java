package io.latentad.models.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The SVG twin of each chart: well-formed, and the same marks as the PNG's drawing calls. */
class SvgGraphicsTest {
    static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> texts(Document d) {
        NodeList t = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.getLength(); i++) out.add(t.item(i).getTextContent());
        return out;
    }

    @Test
    void aScatterPlotHasOneCircleAPointItsTitleAndLegend(@TempDir Path tmp) throws Exception {
        int n = 57;
        int[] labels = new int[n];
        double[][] p = ScatterPlotTest.blobs(n, 3, labels, 1);
        Plot plot = ScatterPlot.byLabel(p, labels, ScatterPlotTest.names(3), "Latent <codes> & classes", "z0", "z1", 800, 600);
        Document d = parse(plot.svg());
        assertEquals("800", d.getDocumentElement().getAttribute("width"));
        assertEquals(n, d.getElementsByTagName("circle").getLength());
        List<String> texts = texts(d);
        assertTrue(texts.contains("Latent <codes> & classes"), texts.toString()); // escaped, read back
        for (String name : plot.legend()) assertTrue(texts.contains(name), name + " in " + texts);
        assertTrue(texts.contains("z1"), "the rotated y label");
        Path f = tmp.resolve("sub/plot.svg");
        plot.writeSvg(f);
        assertEquals(plot.svg(), Files.readString(f));
    }

    @Test
    void aBarChartHasOneRectABarAndScoresCarryTheirStars() throws Exception {
        Plot bars = BarChart.grouped(new String[] {"a", "b", "c"}, new String[] {"x", "y"}, new double[][] {{1, 2, 3}, {3, 2, 1}},
                "Bars", "class", "share", 700, 400);
        Document d = parse(bars.svg());
        // the background, 6 bars, 2 legend squares (grid and frame are lines)
        int rects = d.getElementsByTagName("rect").getLength();
        assertTrue(rects >= 9, rects + " rects");
        int n = 40;
        double[][] p = ScatterPlotTest.blobs(n, 2, new int[n], 2);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = i;
        Plot scores = ScatterPlot.byScore(p, s, 5, "Scores", "z0", "z1", "score", 800, 600);
        Document ds = parse(scores.svg());
        assertEquals(n, ds.getElementsByTagName("circle").getLength());
        int stars = 0;
        NodeList paths = ds.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            String dd = paths.item(i).getAttributes().getNamedItem("d").getNodeValue();
            if (dd.chars().filter(ch -> ch == 'L').count() == 9) stars++;
        }
        assertTrue(stars >= 5, stars + " ten-point paths (each star is filled and outlined)");
    }

    @Test
    void numbersAreShort() {
        assertEquals("3", SvgGraphics.num(3.0));
        assertEquals("3.5", SvgGraphics.num(3.5));
        assertEquals("-0.25", SvgGraphics.num(-0.251));
    }
}
