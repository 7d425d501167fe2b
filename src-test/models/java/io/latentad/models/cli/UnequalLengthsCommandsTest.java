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

/** ucr: sequences of unequal length (the 2018 archive's NaN padding) at the CLI: train, score, embed, demo, and the refusals. */
class UnequalLengthsCommandsTest {
    @TempDir
    static Path tmp;
    static Path ragged, model;
    static int[] lengths;

    /** 40 beats of 10..16 steps, tab separated, padded with NaN to 16; class 2 (every fourth) inverted in its second half. */
    @BeforeAll
    static void trainAVrae() throws IOException {
        java.util.Random r = new java.util.Random(5);
        StringBuilder b = new StringBuilder();
        lengths = new int[40];
        for (int i = 0; i < 40; i++) {
            boolean odd = i % 4 == 3;
            int len = lengths[i] = i == 0 ? 16 : 10 + r.nextInt(7);
            b.append(odd ? "2" : "1");
            for (int t = 0; t < 16; t++) {
                double v = Math.sin(2 * Math.PI * t / len) * (odd && t > len / 2 ? -1 : 1) + 0.05 * r.nextGaussian();
                b.append('\t').append(t < len ? String.format(java.util.Locale.ROOT, "%.4f", v) : "NaN");
            }
            b.append('\n');
        }
        ragged = tmp.resolve("ragged_TRAIN.tsv");
        Files.writeString(ragged, b);
        model = tmp.resolve("v.lam");
        MainTest.Run t = run("train", "--model", "vrae", "--data", "ucr:" + ragged, "--epochs", "2", "--param", "hidden=4",
                "--param", "batch=16", "--save", model.toString(), "-q");
        assertEquals(0, t.code(), t.err());
    }

    @Test
    void scoresAndStepErrorsCoverEachSequencesOwnSteps() throws IOException {
        Path errors = tmp.resolve("errors.csv");
        MainTest.Run r = run("score", "--model", model.toString(), "--data", "ucr:" + ragged, "--scorer", "recon",
                "--step-errors", errors.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        String[] scores = r.out().split("\n");
        List<String> e = Files.readAllLines(errors);
        assertEquals(41, e.size());
        assertEquals(17, e.get(0).split(",", -1).length); // index, t0..t15
        for (int i = 0; i < 40; i++) {
            String[] f = e.get(i + 1).split(",", -1);
            assertEquals(17, f.length);
            double sum = 0;
            for (int t = 1; t < f.length; t++) {
                assertEquals(t > lengths[i], f[t].isEmpty(), "row " + i + " step " + (t - 1) + " of " + lengths[i]);
                if (!f[t].isEmpty()) sum += Double.parseDouble(f[t]);
            }
            double score = Double.parseDouble(scores[i + 1].split(",")[1]);
            assertEquals(score, sum, 1e-9 * Math.max(1, score), "row " + i);
        }
        for (String s : new String[] {"recon-prob", "wasserstein", "latent:iforest"}) {
            MainTest.Run o = run("score", "--model", model.toString(), "--data", "ucr:" + ragged, "--scorer", s, "-q");
            assertEquals(0, o.code(), s + ": " + o.err());
            assertEquals(41, o.out().split("\n").length, s);
        }
        MainTest.Run ex = run("score", "--model", model.toString(), "--data", "ucr:" + ragged, "--scorer", "recon", "--explain", "2", "-q");
        assertEquals(0, ex.code(), ex.err());
        assertEquals(41, ex.out().split("\n").length);
        MainTest.Run em = run("embed", "--model", model.toString(), "--data", "ucr:" + ragged, "-q");
        assertEquals(0, em.code(), em.err());
        assertEquals(41, em.out().split("\n").length);
    }

    @Test
    void modelsOfOneWidthRefuseUnequalLengthsWithExitTwo() {
        String firstDiffering = "row 1 has " + lengths[1] + " steps where row 0 has 16";
        assertUserError(run("train", "--model", "vae", "--data", "ucr:" + ragged, "--epochs", "1", "--save", tmp.resolve("d.lam").toString(), "-q"),
                firstDiffering, "--model vrae");
        assertUserError(run("detect", "--detector", "iforest", "--data", "ucr:" + ragged), firstDiffering, "detector iforest", "--model vrae");
        assertUserError(run("cluster", "--method", "kmeans", "--k", "2", "--data", "ucr:" + ragged), firstDiffering, "--model vrae");
        assertUserError(run("detect", "--detector", "iforest", "--scale", "standard", "--data", "ucr:" + ragged), firstDiffering, "--scale standard");
        // a dense model trained on sequences of one width, asked to score unequal ones
        Path dense = tmp.resolve("dense.lam");
        assertEquals(0, run("train", "--model", "ae", "--data", "ucr:" + data("ucr-space.txt"),
                "--epochs", "1", "--save", dense.toString(), "-q").code());
        assertUserError(run("score", "--model", dense.toString(), "--data", "ucr:" + data("ucr-padded.tsv"), "--scorer", "recon"),
                "row 1 has 2 steps where row 0 has 4", "the model's dense network");
        // a NaN inside a sequence is still an error naming its line and step
        assertUserError(run("train", "--model", "vrae", "--data", "ucr:" + data("ucr-nan.txt"), "--save", tmp.resolve("n.lam").toString()),
                "line 1, column 3 (step 1)", "'NaN' is not a finite number");
    }

    @Test
    void theSeriesReportReadsThem() throws IOException {
        Path out = tmp.resolve("report");
        MainTest.Run r = run("demo", "--data", "ucr:" + ragged, "--epochs", "1", "--param", "hidden=4", "--param", "batch=16",
                "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| VRAE  | wasserstein") && !r.out().contains("dense VAE"), r.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("40 sequences of 10..16 steps x 1") && md.contains("the dense VAE baseline, which reads samples of one width, is left out"), md);
        assertTrue(Files.exists(out.resolve("top_anomalies.png")));
    }
}
