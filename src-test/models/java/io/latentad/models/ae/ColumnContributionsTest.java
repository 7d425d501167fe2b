package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.models.cli.Main;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Per-column contributions of the reconstruction error, on a model trained by the CLI on a CSV with a categorical column and missing cells. */
class ColumnContributionsTest {
    @TempDir
    static Path tmp;
    static Path train, rows, model;

    @BeforeAll
    static void trainOne() throws IOException {
        train = tmp.resolve("train.csv");
        rows = tmp.resolve("rows.csv");
        Files.writeString(train, csv(300, 1, ""));
        // row 40: 'amount' far off; row 41: a category training never saw; row 42: a missing 'rate' (every column's path)
        Files.writeString(rows, csv(40, 2, "9000,0.5,c,1\n1,0.5,zzz,1\n1,,a,1\n"));
        model = tmp.resolve("m.lam");
        assertEquals(0, cli("train", "--model", "ae", "--data", "csv:" + train, "--latent", "2", "--epochs", "30", "--batch", "32",
                "--seed", "3", "--param", "hidden=8", "--save", model.toString()).code);
    }

    /** amount ~ N(10 k, 1), rate ~ N(0.5, 0.1) with a few missing, kind in {a, b, c}, flag = k % 2. */
    static String csv(int n, long seed, String extra) {
        StringBuilder b = new StringBuilder("amount,rate,kind,flag\n");
        Rng r = new Rng(seed);
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            b.append(10 * k + r.nextGaussian()).append(',');
            if (i % 20 != 5) b.append(0.5 + 0.1 * r.nextGaussian());
            b.append(',').append("abc".charAt(k)).append(',').append(k % 2).append('\n');
        }
        return b.append(extra).toString();
    }

    record Run(int code, String out, String err) {
    }

    static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void contributionsSumToEachRowsReconstructionError() {
        TrainedAutoencoder m = ModelFile.read(model);
        Dataset d = DataSpec.parse("csv:" + rows).load(m.encoder());
        TrainedAutoencoder.Embedding e = m.embed(d.x());
        for (boolean l1 : new boolean[] {false, true}) {
            ColumnContributions c = ColumnContributions.of(m, d.x(), l1);
            assertArrayEquals(new String[] {"amount", "rate", "kind", "flag"}, c.columns());
            double[] score = l1 ? e.l1() : e.l2();
            for (int i = 0; i < score.length; i++) {
                double sum = 0;
                for (double v : c.values()[i]) {
                    assertTrue(v >= 0, "a contribution is a sum of squared or absolute errors");
                    sum += v;
                }
                assertEquals(score[i], sum, 1e-12 * Math.max(1, score[i]), "row " + i);
            }
        }
        // the encoding: amount | rate, rate_missing | kind=a, kind=b, kind=c, kind=<unseen> | flag
        assertArrayEquals(new String[] {"amount", "rate", "rate_missing", "kind=a", "kind=b", "kind=c", "kind=<unseen>", "flag"},
                m.encoder().featureNames());
        ColumnContributions c = ColumnContributions.of(m, d.x(), false);
        double[][] f = new ReconstructionError(false).perFeature(m, d.x());
        for (int i : new int[] {0, 40, 41, 42}) {
            assertEquals(f[i][0], c.values()[i][0], 0.0, "amount: one feature");
            assertEquals(f[i][1] + f[i][2], c.values()[i][1], 0.0, "rate: its value and its missing indicator");
            assertEquals(f[i][3] + f[i][4] + f[i][5] + f[i][6], c.values()[i][2], 0.0, "kind: its one-hot block, <unseen> included");
            assertEquals(f[i][7], c.values()[i][3], 0.0, "flag");
        }
        int[] top = c.top(40, 4);
        for (int k = 1; k < 4; k++) assertTrue(c.values()[40][top[k - 1]] >= c.values()[40][top[k]], "largest first");
    }

    @Test
    void scoreExplainWritesTheTopColumnsPerRow() throws IOException {
        Path out = tmp.resolve("explained.csv");
        Run r = cli("score", "--model", model.toString(), "--data", "csv:" + rows, "--scorer", "recon", "--explain", "2", "--labels",
                "--out", out.toString(), "-q");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("index,score,label,column_1,contribution_1,column_2,contribution_2", lines.get(0));
        assertEquals(44, lines.size());
        String[] f = lines.get(41).split(",");
        assertEquals("40", f[0]);
        ColumnContributions c = ColumnContributions.of(ModelFile.read(model),
                DataSpec.parse("csv:" + rows).load(ModelFile.read(model).encoder()).x(), false);
        assertEquals(c.columns()[c.top(40, 1)[0]], f[3]);
        assertEquals(c.values()[40][c.top(40, 1)[0]], Double.parseDouble(f[4]), 0.0);
        assertTrue(Double.parseDouble(f[4]) + Double.parseDouble(f[6]) <= Double.parseDouble(f[1]) * (1 + 1e-12));
        Run bad = cli("score", "--model", model.toString(), "--data", "csv:" + rows, "--scorer", "latent:iforest", "--explain");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--explain") && bad.err().contains("latent:iforest"), bad.err());
    }
}
