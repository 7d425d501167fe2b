package io.latentad.models.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.data;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void smallDemoOnTheEmbeddedTradesWritesAReport() throws Exception {
        MainTest.Run r = run("demo", "--rows", "400", "--epochs", "2", "--k", "2..4", "--quiet",
                "--param", "hidden=16", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("CL-VAE gamma=0.3") && r.out().contains("report: "), r.out());
        assertTrue(Files.exists(tmp.resolve("report.md")) && Files.exists(tmp.resolve("report.json")));
        // the reconstruction-error anomalies name the trades' own columns that contribute most, with their shares
        String md = Files.readString(tmp.resolve("report.md"));
        int at = md.indexOf("anomalies by reconstruction error: CL-VAE");
        assertTrue(at > 0, md);
        String table = md.substring(at, md.indexOf("\n## ", at + 1));
        assertTrue(table.matches("(?s).*\\| (trader|instrument|currency|counterparty|portfolio|nominal|margin|maturity_days) \\d+%, .*"), table);
        assertTrue(Files.readString(tmp.resolve("report.json")).contains("\"why\""));
    }

    /** Class 1: a sine bump; class 2: the bump inverted in its second half. */
    private Path ucr(String name, int rows, int steps, int seed) throws java.io.IOException {
        java.util.Random r = new java.util.Random(seed);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            boolean odd = i % 4 == 3;
            b.append(odd ? "2" : "1");
            for (int t = 0; t < steps; t++) {
                double v = Math.sin(Math.PI * t / steps * 2) * (odd && t > steps / 2 ? -1 : 1) + 0.05 * r.nextGaussian();
                b.append(' ').append(String.format(java.util.Locale.ROOT, "%.4f", v));
            }
            b.append('\n');
        }
        Path f = tmp.resolve(name);
        Files.writeString(f, b);
        return f;
    }

    @Test
    void ucrDataGivesTheTimeSeriesReport() throws Exception {
        Path train = ucr("s_TRAIN.txt", 60, 16, 1), test = ucr("s_TEST.txt", 40, 16, 2);
        Path out = tmp.resolve("report");
        MainTest.Run r = run("demo", "--data", "ucr:" + train, "--test", "ucr:" + test, "--epochs", "2", "--param", "hidden=8",
                "--param", "batch=16", "--quiet", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| VRAE      | wasserstein") && r.out().contains("| dense VAE | recon"), r.out());
        for (String f : new String[] {"report.md", "scores.csv", "latent_by_class.png", "top_anomalies.png"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("class 1 (the most frequent in training) is normal, the others are anomalies (10 of 40)"), md);
        java.util.List<String> scores = Files.readAllLines(out.resolve("scores.csv"));
        assertEquals(41, scores.size());
        assertTrue(scores.get(0).startsWith("index,class,anomaly,VRAE_recon,"), scores.get(0));
        assertUserError(run("demo", "--data", "ucr:" + train, "--test", "ucr:" + data("ucr-space.txt"), "--quiet", "--out", out.toString()),
                "--test", "sequence 16 x 1");
        assertUserError(run("demo", "--test", "ucr:" + test, "--quiet", "--out", out.toString()), "--test", "only the time-series report");
    }

    @Test
    void badInputIsOneLineWithExitCodeTwo() {
        assertUserError(run("demo", "--data", "csv:" + tmp.resolve("nope.csv"), "--label", "x", "--out", tmp.toString()),
                "nope.csv");
        assertUserError(run("demo", "--data", "parquet:/x", "--out", tmp.toString()), "parquet:/x");
        assertUserError(run("demo", "--data", "csv:" + data("blobs.csv"), "--out", tmp.toString()), "--label");
        assertUserError(run("demo", "--data", "csv:" + data("blobs.csv"), "--label", "nosuch", "--out", tmp.toString()),
                "nosuch");
        assertUserError(run("demo", "--k", "5..2", "--out", tmp.toString()), "--k 5..2");
        assertUserError(run("demo", "--epochs", "0", "--out", tmp.toString()), "epochs");
    }
}
