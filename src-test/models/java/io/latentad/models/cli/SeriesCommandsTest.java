package io.latentad.models.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.data;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One long series in a CSV file, cut into windows: train, score per window and per step, embed, bad flags. */
class SeriesCommandsTest {
    @TempDir
    static Path tmp;
    static Path series, model;

    /** A sine of period 20 with a gap of two steps at t = 100 and a burst of noise at steps 300-319. */
    @BeforeAll
    static void trainOnWindows() throws IOException {
        StringBuilder b = new StringBuilder("time,value,truth\n");
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 400; i++) {
            if (i == 100 || i == 101) continue;
            boolean burst = i >= 300 && i < 320;
            double v = burst ? 1.5 * r.nextGaussian() : Math.sin(2 * Math.PI * i / 20) + 0.02 * r.nextGaussian();
            b.append(i * 60).append(',').append(i == 50 ? "" : String.format(java.util.Locale.ROOT, "%.4f", v)).append(',').append(burst ? 1 : 0).append('\n');
        }
        series = tmp.resolve("series.csv");
        Files.writeString(series, b);
        model = tmp.resolve("m.lam");
        MainTest.Run t = run("train", "--model", "ae", "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--window", "20", "--stride", "2", "--epochs", "30", "--param", "hidden=16", "--param", "latent=3",
                "--save", model.toString(), "-q");
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void scoresComeBackPerWindowAndPerStep() throws IOException {
        Path perStep = tmp.resolve("steps.csv"), errors = tmp.resolve("errors.csv");
        MainTest.Run r = run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--stride", "2", "--scorer", "recon", "--per-step", perStep.toString(), "--step-errors", errors.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("2 missing steps in 1 gap (the median step is 60)"), r.err());
        assertTrue(r.err().contains("1 missing values filled"), r.err());
        assertTrue(r.err().contains("a series of 400 steps (time: time), 191 windows of 20 steps every 2"), r.err());
        String[] windows = r.out().split("\n");
        assertEquals(1 + 191, windows.length);
        List<String> steps = Files.readAllLines(perStep);
        assertEquals("step,time,observed,score,window", steps.get(0));
        assertEquals(1 + 400, steps.size());
        assertEquals("100,6000,0,", steps.get(101).substring(0, steps.get(101).lastIndexOf(',', steps.get(101).lastIndexOf(',') - 1) + 1));
        // the burst is where the per-step score peaks: the top step lies in it or in a window overlapping it
        int top = highest(steps, 3);
        assertTrue(top >= 300 - 19 && top < 320 + 19, "top step " + top);
        // each window's step errors sum to its recon score
        List<String> e = Files.readAllLines(errors);
        assertEquals(1 + 191, e.size());
        assertEquals(21, e.get(0).split(",").length);
        for (int w = 1; w < e.size(); w += 37) {
            String[] f = e.get(w).split(",");
            double sum = 0;
            for (int t = 1; t < f.length; t++) sum += Double.parseDouble(f[t]);
            double score = Double.parseDouble(windows[w].split(",")[1]);
            assertEquals(score, sum, 1e-9 * Math.max(1, score), "window " + (w - 1));
        }
    }

    @Test
    void embedReadsTheSeriesAsTheModelWasTrained() {
        MainTest.Run r = run("embed", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--stride", "20", "-q");
        assertEquals(0, r.code(), r.err());
        assertEquals(1 + 20, r.out().split("\n").length);
    }

    @Test
    void badWindowFlagsAreNamed() {
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--window", "10", "--scorer", "recon", "-q"), "--window 10: the model was trained on windows of 20 steps");
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--stride", "0", "--scorer", "recon", "-q"), "--stride 0: expected a stride of at least 1 step");
        assertUserError(run("train", "--model", "ae", "--data", "csv:" + series, "--exclude", "truth", "--window", "500",
                "--save", tmp.resolve("x.lam").toString(), "-q"), "--window 500 is longer than the series (398 steps");
        assertUserError(run("train", "--model", "ae", "--data", "csv:" + series, "--stride", "2",
                "--save", tmp.resolve("x.lam").toString(), "-q"), "--stride needs --window T");
        assertUserError(run("train", "--model", "ae", "--data", "csv:" + series, "--label", "truth", "--window", "20",
                "--save", tmp.resolve("x.lam").toString(), "-q"), "--label with --window");
        assertUserError(run("train", "--model", "ae", "--data", "ucr:" + data("ucr-space.txt"), "--window", "2",
                "--save", tmp.resolve("x.lam").toString(), "-q"), "--window cuts one long series in a CSV file");
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + series, "--exclude", "truth,time",
                "--scorer", "recon", "--per-step", tmp.resolve("p.csv").toString(), "--window", "20", "-q", "--time", "truth"),
                "--time 'truth' is also kept out");
    }

    @Test
    void perStepNeedsWindowsAndStepErrorsNeedSequences() {
        Path blobsModel = tmp.resolve("b.lam");
        assertEquals(0, run("train", "--model", "ae", "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier", "--epochs", "1",
                "--save", blobsModel.toString(), "-q").code());
        assertUserError(run("score", "--model", blobsModel.toString(), "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier",
                "--scorer", "recon", "--per-step", tmp.resolve("p.csv").toString(), "-q"), "--per-step maps window scores back");
        assertUserError(run("score", "--model", blobsModel.toString(), "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier",
                "--scorer", "recon", "--step-errors", tmp.resolve("e.csv").toString(), "-q"), "per-step errors need a model trained on sequences");
    }

    @Test
    void plotDrawsTheSeriesAndItsScoreWithTheThresholdWhenItWasSetOnThatScorer() throws IOException {
        Path png = tmp.resolve("plot.png"), svg = tmp.resolve("plot.svg");
        MainTest.Run r = run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--scorer", "recon", "--out", tmp.resolve("s.csv").toString(), "--plot", png.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1400, img.getWidth());
        String drawn = Files.readString(svg);
        assertTrue(drawn.contains("series.csv, ae (recon), shaded: above the stored threshold"), drawn.substring(0, 400));
        assertTrue(drawn.contains(">value<") && drawn.contains(">recon score<"), "channel and score axes named");
        assertTrue(drawn.contains("fill=\"#f6c9c4\""), "flagged steps shaded");
        // another scorer: no threshold of its own, so nothing shaded and the title says so
        r = run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--scorer", "recon-l1", "--out", tmp.resolve("s1.csv").toString(), "--plot", png.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        drawn = Files.readString(svg);
        assertTrue(drawn.contains("no stored threshold for this scorer"), drawn.substring(0, 400));
        assertTrue(!drawn.contains("fill=\"#f6c9c4\""), "nothing shaded");
    }

    @Test
    void plotIsRefusedWithoutASeriesOrWithoutAPngName() throws IOException {
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--scorer", "recon", "--plot", tmp.resolve("p.jpg").toString()), "--plot", "expected a .png file name");
        Path rows = tmp.resolve("rows.lam");
        assertEquals(0, run("train", "--model", "ae", "--data", data("blobs.csv"), "--epochs", "1", "--save", rows.toString(), "-q").code());
        assertUserError(run("score", "--model", rows.toString(), "--data", data("blobs.csv"), "--scorer", "recon",
                "--plot", tmp.resolve("p.png").toString()), "--plot draws a series", "--window");
        assertTrue(!Files.exists(tmp.resolve("p.png")));
    }

    @Test
    void mapsDrawTheTopWindowsAsLinePanels() throws IOException {
        Path png = tmp.resolve("top.png"), svg = tmp.resolve("top.svg");
        MainTest.Run r = run("score", "--model", model.toString(), "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--scorer", "recon", "--out", tmp.resolve("s2.csv").toString(), "--maps", png.toString(), "--maps-top", "4", "-q");
        assertEquals(0, r.code(), r.err());
        String drawn = Files.readString(svg);
        // the four highest window scores, highest first, each a panel titled by its row and score
        List<String> out = Files.readAllLines(tmp.resolve("s2.csv"));
        int best = highest(out, 1);
        double top = Double.parseDouble(out.get(best + 1).split(",")[1]);
        assertTrue(drawn.contains(String.format(java.util.Locale.ROOT, ">row %d, score %.4g<", best, top)), "top window " + best);
        assertEquals(4, drawn.split(">row ").length - 1, "four panels");
        assertTrue(drawn.contains(">squared error<") && drawn.contains(">reconstruction<"));
        assertEquals(1500, javax.imageio.ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void detectOnWindowsWritesPerStepScoresAndAPlot() throws IOException {
        Path steps = tmp.resolve("dsteps.csv"), png = tmp.resolve("d.png");
        MainTest.Run r = run("detect", "--detector", "knn", "--data", "csv:" + series, "--time", "time", "--exclude", "truth",
                "--window", "20", "--stride", "2", "--contamination", "0.05", "--per-step", steps.toString(), "--plot", png.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(steps);
        assertEquals(1 + 400, lines.size());
        int top = highest(lines, 3);
        assertTrue(top >= 300 - 19 && top < 320 + 19, "the burst: top step " + top);
        String drawn = Files.readString(tmp.resolve("d.svg"));
        assertTrue(drawn.contains("series.csv, knn, shaded: above the --contamination threshold"), drawn.substring(0, 300));
        assertTrue(drawn.contains("fill=\"#f6c9c4\""));
        assertUserError(run("detect", "--detector", "knn", "--data", data("blobs.csv"), "--plot", tmp.resolve("e.png").toString()),
                "--plot draws a series and its per-step score", "--window");
        assertTrue(!Files.exists(tmp.resolve("e.png")));
    }

    /** The data row (0-based, after the header) with the highest number in CSV column {@code column}; the first of equals. */
    private static int highest(List<String> csv, int column) {
        int at = -1;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 1; i < csv.size(); i++) {
            double v = Double.parseDouble(csv.get(i).split(",")[column]);
            if (v > best) {
                best = v;
                at = i - 1;
            }
        }
        return at;
    }
}
