package io.latentad.models.cli;

import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.io.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.latentad.models.cli.MainTest.assertUserError;
import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** train aemlp / dagmm with a stored threshold, score --labels, eval at the threshold, detect --contamination, and the bad values. */
class NoveltyCommandsTest {
    @TempDir
    Path tmp;

    private Path train() throws IOException {
        Path p = tmp.resolve("train.csv");
        Files.writeString(p, AeCommandsTest.csv(100, 1, ""));
        return p;
    }

    private MainTest.Run trainModel(Path data, Path model, String kind, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--model", kind, "--data", "csv:" + data, "--exclude", "cls",
                "--epochs", "3", "--batch", "16", "--seed", "5", "--param", "hidden=8", "--quiet", "--save", model.toString()));
        a.addAll(List.of(extra));
        return run(a.toArray(new String[0]));
    }

    @Test
    void aemlpStoresAThresholdThatFlagsTheTrainingShareAndEvalReadsTheLabels() throws IOException {
        Path data = train(), model = tmp.resolve("m.lam"), out = tmp.resolve("s.csv"), truth = tmp.resolve("t.csv");
        MainTest.Run r = trainModel(data, model, "aemlp", "--contamination", "0.1");
        assertEquals(0, r.code(), r.err());
        TrainedAutoencoder m = ModelFile.read(model);
        assertEquals("predictor", m.threshold().scorer());
        assertEquals(0.1, m.threshold().contamination());
        r = run("score", "--model", model.toString(), "--data", "csv:" + data, "--exclude", "cls", "--scorer", "predictor",
                "--labels", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals("index,score,label", lines.get(0));
        assertEquals(101, lines.size());
        int flagged = 0;
        StringBuilder t = new StringBuilder("index,label\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            flagged += Integer.parseInt(f[2]);
            assertEquals(Double.parseDouble(f[1]) > m.threshold().value() ? 1 : 0, Integer.parseInt(f[2]));
            t.append(i - 1).append(',').append(i <= 10 ? 1 : 0).append('\n');
        }
        assertEquals(10, flagged); // the 0.9 quantile of 100 distinct scores leaves exactly 10 above it
        Files.writeString(truth, t.toString());
        r = run("eval", "--scores", out.toString(), "--truth", truth.toString(), "--metrics", "roc_auc");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("threshold_precision=") && r.out().contains("threshold_recall=")
                && r.out().contains("threshold_f1="), r.out());
        // another scorer cannot borrow the stored threshold
        assertUserError(run("score", "--model", model.toString(), "--data", "csv:" + data, "--exclude", "cls", "--scorer", "recon",
                "--labels"), "predictor", "recon");
    }

    @Test
    void evalAtTheThresholdCountsTheLabels() throws IOException {
        Path s = tmp.resolve("s.csv"), t = tmp.resolve("t.csv");
        // flagged rows 0, 1, 2; anomalies 0, 3: tp 1, fp 2, fn 1 -> precision 1/3, recall 1/2, F1 2/5
        Files.writeString(s, "index,score,label\n0,9,1\n1,8,1\n2,7,1\n3,1,0\n4,0.5,0\n");
        Files.writeString(t, "index,label\n0,1\n1,0\n2,0\n3,1\n4,0\n");
        MainTest.Run r = run("eval", "--scores", s.toString(), "--truth", t.toString(), "--metrics", "roc_auc");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("threshold_precision=0.3333333333"), r.out());
        assertTrue(r.out().contains("threshold_recall=0.5000000000"), r.out());
        assertTrue(r.out().contains("threshold_f1=0.4000000000"), r.out());
        Files.writeString(s, "index,score,label\n0,9,2\n1,8,1\n2,7,1\n3,1,0\n4,0.5,0\n");
        assertUserError(run("eval", "--scores", s.toString(), "--truth", t.toString()), "label '2'");
    }

    @Test
    void dagmmTrainsWithItsEnergyThresholdAndScores() throws IOException {
        Path data = train(), model = tmp.resolve("d.lam");
        MainTest.Run r = trainModel(data, model, "dagmm", "--param", "gmm_k=2", "--percentile", "95");
        assertEquals(0, r.code(), r.err());
        assertEquals("energy", ModelFile.read(model).threshold().scorer());
        assertEquals(0.05, ModelFile.read(model).threshold().contamination(), 1e-12);
        r = run("score", "--model", model.toString(), "--data", "csv:" + data, "--exclude", "cls", "--scorer", "energy", "--labels");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("index,score,label\n0,"), r.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--contamination=0.6", "--contamination=0", "--contamination=1.5", "--percentile=30", "--percentile=100",
            "--param=gmm_k=0", "--threshold-scorer=nosuch"})
    void badThresholdsAndComponentsExitTwoNamingTheValue(String arg) throws IOException {
        String[] kv = arg.split("=", 2);
        Path model = tmp.resolve("x.lam");
        MainTest.Run r = trainModel(train(), model, "dagmm", kv[0], kv[1]);
        String value = kv[1].contains("=") ? kv[1].split("=")[0] : kv[1];
        assertUserError(r, value);
        assertTrue(!Files.exists(model), "nothing saved");
    }

    @Test
    void aModelWithoutAStoredThresholdCannotLabel() throws IOException {
        Path v1 = Path.of(System.getProperty("user.dir")).resolve("../src-test/models/resources/fixtures/model-v1/ae.lam").normalize();
        if (!Files.exists(v1)) v1 = Path.of("src-test/models/resources/fixtures/model-v1/ae.lam");
        assertUserError(run("score", "--model", v1.toString(), "--data", "csv:" + train(), "--scorer", "recon", "--labels"),
                "no threshold");
    }

    @Test
    void aThresholdScorerThatCannotReadTheModelIsRefusedBeforeTraining() throws IOException {
        Path data = train();
        // without --quiet a training run would print progress lines: exactly one line means it never started
        for (String[] c : new String[][] {{"ae", "predictor", "aemlp"}, {"aemlp", "energy", "dagmm"}, {"dae", "recon-prob", "variational"}}) {
            MainTest.Run r = run("train", "--model", c[0], "--data", "csv:" + data, "--exclude", "cls", "--epochs", "1",
                    "--threshold-scorer", c[1], "--save", tmp.resolve("y.lam").toString());
            assertUserError(r, c[1], c[2]);
        }
    }

    @Test
    void bothContaminationAndPercentileAreRefused() throws IOException {
        assertUserError(trainModel(train(), tmp.resolve("x.lam"), "ae", "--contamination", "0.1", "--percentile", "90"),
                "--contamination", "--percentile");
    }

    @Test
    void detectWithContaminationWritesLabelsAboveTheFittedRowsQuantile() throws IOException {
        Path data = train();
        MainTest.Run r = run("detect", "--detector", "gaussian", "--data", "csv:" + data, "--exclude", "cls", "--contamination", "0.05");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("index,score,label", lines[0]);
        int flagged = 0;
        for (int i = 1; i < lines.length; i++) flagged += Integer.parseInt(lines[i].split(",")[2]);
        assertEquals(5, flagged);
        assertUserError(run("detect", "--detector", "gaussian", "--data", "csv:" + data, "--exclude", "cls", "--contamination", "0.7"),
                "0.7");
    }
}
