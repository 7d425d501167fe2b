package io.latentad.models.cli;

import io.latentad.engine.random.Rng;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train, embed and score on small CSV files written here (and the idx fixture of the data tests). */
class AeCommandsTest {
    @TempDir
    Path tmp;
    Path train, model;

    /** Two classes of 4-feature rows; {@code extra} appends rows with a given class and value. */
    static String csv(int rows, long seed, String extra) {
        StringBuilder b = new StringBuilder("f0,f1,f2,f3,cls\n");
        Rng r = new Rng(seed);
        for (int i = 0; i < rows; i++) {
            double c = i % 2 == 0 ? -2 : 2;
            for (int j = 0; j < 4; j++) b.append(c + r.nextGaussian() * 0.5).append(',');
            b.append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        return b.append(extra).toString();
    }

    @BeforeEach
    void trainOne() throws IOException {
        train = tmp.resolve("train.csv");
        Files.writeString(train, csv(120, 1, ""));
        model = tmp.resolve("m.lam");
        MainTest.Run r = run("train", "--model", "clvae", "--data", "csv:" + train, "--label", "cls", "--epochs", "4",
                "--batch", "16", "--seed", "5", "--param", "hidden=8", "--save", model.toString());
        assertEquals(0, r.code(), r.err());
        // the feature columns, what the clvae's auto options became, then one progress line per epoch
        assertEquals(6, r.errLines().size(), r.err());
        assertEquals("latentad train: " + train + ": 120 rows, 4 feature columns (4 encoded): f0, f1, f2, f3; label: cls",
                r.errLines().get(0));
        assertEquals("auto on Gaussian output: lr=0.001 lr_schedule=constant input_dropout=0.0 separation=6.0", r.errLines().get(1));
        assertTrue(r.errLines().get(2).startsWith("epoch 1/4") && r.err().contains("samples/s"), r.err());
        assertTrue(Files.size(model) > 100);
    }

    @Test
    void embedWritesOneCodePerRow() throws IOException {
        Path out = tmp.resolve("z.csv");
        MainTest.Run r = run("embed", "--model", model.toString(), "--data", "csv:" + train, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("index,z0,z1", lines.get(0));
        assertEquals(121, lines.size());
        TrainedAutoencoder m = ModelFile.read(model);
        Dataset d = DataSpec.parse("csv:" + train).load(m.encoder());
        double[][] z = m.encode(d.x()).mu();
        String[] f = lines.get(7).split(",");
        assertEquals("6", f[0]);
        assertEquals(z[6][0], Double.parseDouble(f[1]), 0.0);
        assertEquals(z[6][1], Double.parseDouble(f[2]), 0.0);
    }

    @Test
    void scoreWritesTheLibraryScoresForEveryScorer() {
        TrainedAutoencoder m = ModelFile.read(model);
        Dataset d = DataSpec.parse("csv:" + train).load(m.encoder());
        for (String s : new String[] {"recon", "recon-l1", "recon-prob", "prior", "misclass", "wasserstein", "latent:ocsvm"}) {
            MainTest.Run r = run("score", "--model", model.toString(), "--data", "csv:" + train, "--scorer", s);
            assertEquals(0, r.code(), s + ": " + r.err());
            String[] lines = r.out().split("\n");
            assertEquals("index,score", lines[0]);
            assertEquals(121, lines.length);
            double[] expected = AeScorers.create(s, Map.of(), 5).score(m, d.x(), d.labels());
            double[] got = new double[120];
            for (int i = 0; i < 120; i++) got[i] = Double.parseDouble(lines[i + 1].split(",")[1]);
            assertArrayEquals(expected, got, s);
        }
    }

    @Test
    void aFarRowScoresHighest() throws IOException {
        Path test = tmp.resolve("test.csv");
        Files.writeString(test, csv(40, 2, "40,-40,40,-40,a\n"));
        MainTest.Run r = run("score", "--model", model.toString(), "--data", "csv:" + test, "--scorer", "recon");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        double far = Double.parseDouble(lines[41].split(",")[1]);
        for (int i = 1; i <= 40; i++) assertTrue(Double.parseDouble(lines[i].split(",")[1]) < far, "row " + (i - 1));
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws IOException {
        // missing label column
        assertUserError(run("train", "--model", "clvae", "--data", "csv:" + train, "--label", "nope", "--save",
                tmp.resolve("x").toString()), "latentad train", "nope");
        // clvae without a label
        assertUserError(run("train", "--model", "clvae", "--data", "csv:" + train, "--exclude", "cls", "--save",
                tmp.resolve("x").toString()), "needs a class label");
        // gamma, beta <= 0
        assertUserError(run("train", "--model", "clvae", "--data", "csv:" + train, "--label", "cls", "--param", "gamma=0",
                "--save", tmp.resolve("x").toString()), "gamma = 0.0", "> 0");
        assertUserError(run("train", "--model", "vae", "--data", "csv:" + train, "--exclude", "cls", "--param", "beta=-1",
                "--save", tmp.resolve("x").toString()), "beta = -1.0");
        assertUserError(run("train", "--model", "gan", "--data", "csv:" + train, "--save", tmp.resolve("x").toString()), "gan");
        // unseen class at scoring time
        Path unseen = tmp.resolve("unseen.csv");
        Files.writeString(unseen, csv(4, 3, "1,1,1,1,zebra\n"));
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + unseen, "--scorer", "prior"), "zebra");
        // non-finite values
        Path nan = tmp.resolve("nan.csv");
        Files.writeString(nan, csv(4, 3, "1,NaN,1,1,a\n"));
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + nan, "--scorer", "recon"), "NaN");
        // a column of the training data missing (width mismatch for CSV)
        Path narrow = tmp.resolve("narrow.csv");
        Files.writeString(narrow, "f0,f1,f2,cls\n1,2,3,a\n");
        assertUserError(run("embed", "--model", model.toString(), "--data", "csv:" + narrow), "f3");
        // unknown scorer, missing model file, corrupted model
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + train, "--scorer", "magic"), "magic");
        assertUserError(run("score", "--model", tmp.resolve("none").toString(), "--data", "csv:" + train, "--scorer", "recon"),
                "no such model file");
        byte[] b = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(b, b.length - 9));
        assertUserError(run("embed", "--model", model.toString(), "--data", "csv:" + train), "truncated");
    }

    @Test
    void rowsOfAnUnseenClassScoreWithScorersThatDoNotReadTheClass() throws IOException {
        Path unseen = tmp.resolve("unseen.csv");
        Files.writeString(unseen, csv(6, 9, "1,1,1,1,c\n-1,-1,-1,-1,c\n"));
        for (String s : new String[] {"recon", "wasserstein", "latent:iforest"}) {
            MainTest.Run r = run("score", "--model", model.toString(), "--data", "csv:" + unseen, "--scorer", s);
            assertEquals(0, r.code(), s + ": " + r.err());
            assertEquals(9, r.out().split("\n").length, s);
        }
        for (String s : new String[] {"prior", "misclass"}) {
            assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + unseen, "--scorer", s),
                    "line 8", "unknown label 'c'", "a, b");
        }
    }

    @Test
    void demoSavesModelsThatScoreTheCsvAgain() throws IOException {
        Path dir = tmp.resolve("models"), report = tmp.resolve("report");
        MainTest.Run r = run("demo", "--data", "csv:" + train, "--label", "cls", "--epochs", "2", "--k", "2..3", "--quiet",
                "--param", "hidden=8", "--param", "latent=3", "--param", "separation=8", "--out", report.toString(),
                "--save-models", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"vae", "cl-vae", "cl-vae_gamma_0.3"}) {
            Path m = dir.resolve(name + ".lam");
            // --param latent=3 reached the models (it used to be overwritten by the demo's latent 2)
            assertEquals(3, io.latentad.models.io.ModelFile.read(m).latent(), name);
            Path out = tmp.resolve(name + ".csv");
            MainTest.Run s = run("score", "--model", m.toString(), "--data", "csv:" + train, "--scorer", "recon", "--out", out.toString());
            assertEquals(0, s.code(), s.err());
            assertEquals(121, Files.readAllLines(out).size(), name);
        }
        assertUserError(run("demo", "--data", "csv:" + train, "--label", "cls", "--epochs", "2", "--param", "epochs=3",
                "--out", report.toString()), "epochs", "once");
        assertUserError(run("demo", "--data", "csv:" + train, "--label", "cls", "--param", "noise=3",
                "--out", report.toString()), "unknown parameter 'noise'");
    }

    @Test
    void idxModelRefusesRowsOfAnotherWidth() throws IOException {
        Path idxModel = tmp.resolve("idx.lam");
        String dir = MainTest.data("idx");
        MainTest.Run r = run("train", "--model", "vae", "--data", "idx:" + dir, "--epochs", "2", "--quiet", "--param",
                "hidden=4", "--save", idxModel.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(0, run("score", "--model", idxModel.toString(), "--data", "idx-test:" + dir, "--scorer", "prior").code());
        assertUserError(run("score", "--model", idxModel.toString(), "--data", "csv:" + train, "--scorer", "recon"),
                "features", "expected 6");
        Dataset d = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        assertEquals(6, d.dimension());
    }
}
