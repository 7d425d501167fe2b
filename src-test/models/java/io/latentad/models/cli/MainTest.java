package io.latentad.models.cli;

import io.latentad.models.detect.OneClassSvm;
import io.latentad.models.detect.OneClassSvmModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {
    @TempDir
    Path tmp;

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static String data(String name) {
        try {
            return Path.of(MainTest.class.getResource("/data/" + name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A user error: exit 2, nothing on stdout, exactly one line on stderr containing every part. */
    static void assertUserError(Run r, String... parts) {
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        for (String p : parts) assertTrue(r.err().contains(p), "'" + p + "' not in: " + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void detectOcsvmScoresEveryRowAndMatchesTheLibrary() {
        Run r = run("detect", "--detector", "ocsvm", "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier",
                "--param", "nu=0.2");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("index,score", lines[0]);
        assertEquals(12, lines.length);
        double[] s = new double[11];
        for (int i = 0; i < 11; i++) {
            String[] f = lines[i + 1].split(",");
            assertEquals(Integer.toString(i), f[0]);
            s[i] = Double.parseDouble(f[1]);
        }
        // the far point (row 10, outlier = 1) gets the highest score
        for (int i = 0; i < 10; i++) assertTrue(s[10] > s[i], "row " + i);
        // the same numbers as the library on the standardised features
        double[][] x = io.latentad.models.data.DataSpec.parse("csv:" + data("blobs.csv"))
                .load(io.latentad.models.data.CsvOptions.defaults().withExclude(java.util.Set.of("outlier"))).x();
        OneClassSvmModel m = new OneClassSvm(OneClassSvm.Options.defaults().withNu(0.2)).fit(x);
        double[] expected = m.trainingScores();
        for (int i = 0; i < 11; i++) assertEquals(expected[i], s[i], 0.0);
    }

    @Test
    void lofOnFewerRowsThanItsDefaultKUsesRowsMinusOneWithANote() {
        // blobs.csv has 11 rows, LOF's default k is 20: scikit-learn warns and uses 10 neighbours
        Run r = run("detect", "--detector", "lof", "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("lof: k = 20 but only 11 rows: using k = 10 (rows - 1), as scikit-learn does"), r.err());
        assertEquals(run("detect", "--detector", "lof", "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier",
                "--param", "k=10").out(), r.out());
        Run ten = run("detect", "--detector", "lof", "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier",
                "--param", "k=10");
        assertFalse(ten.err().contains("scikit-learn does"), ten.err());
    }

    @Test
    void detectWithTrainWritesToOutFile() throws IOException {
        Path out = tmp.resolve("scores.csv");
        Run r = run("detect", "--detector", "ocsvm", "--train", "csv:" + data("blobs.csv"),
                "--data", "csv:" + data("blobs.csv"), "--exclude", "outlier", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        List<String> lines = Files.readAllLines(out);
        assertEquals(12, lines.size());
        assertEquals("index,score", lines.get(0));
        assertTrue(lines.get(11).startsWith("10,"));
    }

    @Test
    void detectOnIdxData() {
        Run r = run("detect", "--detector", "ocsvm", "--train", "idx:" + data("idx"), "--data", "idx-test:" + data("idx"));
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.out().split("\n").length);
    }

    @Test
    void missingFileIsOneLineWithTheFile() {
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:/no/such/file.csv"),
                "/no/such/file.csv", "file not found");
    }

    @Test
    void unknownDataSpecIsOneLine() {
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "parquet:x.pq"), "data spec 'parquet:x.pq'", "csv:PATH");
    }

    @Test
    void unknownDetectorIsOneLine() {
        assertUserError(run("detect", "--detector", "svm2", "--data", "csv:" + data("blobs.csv")), "unknown detector 'svm2'");
    }

    @Test
    void badParamValueIsOneLine() {
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("blobs.csv"), "--param", "nu=abc"),
                "nu = 'abc'");
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("blobs.csv"), "--param", "nu=2"),
                "nu = 2.0");
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("blobs.csv"), "--param", "C=1"),
                "unknown param 'C'");
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("blobs.csv"), "--param", "nu"),
                "--param");
    }

    @Test
    void raggedCsvNamesFileLineAndColumn() {
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("ragged.csv")),
                "ragged.csv line 3, column 3", "ragged");
    }

    @Test
    void nanCellAndEmptyFileAreOneLine() {
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("nan.csv")),
                "nan.csv line 3, column 2 ('y')", "NaN");
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("empty.csv")), "empty.csv", "empty file");
    }

    @Test
    void unknownLabelOrExcludeColumnIsOneLine() {
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:" + data("blobs.csv"), "--exclude", "truth"),
                "--exclude column 'truth'");
    }

    @Test
    void widthMismatchBetweenTrainAndDataIsOneLine() {
        assertUserError(run("detect", "--detector", "ocsvm", "--train", "ucr:" + data("ucr-space.txt"),
                "--data", "ucr:" + data("ucr-comma.tsv")), "3 features: expected 4");
    }

    @Test
    void missingRequiredOptionsAndUnknownOptionsAreOneLine() {
        assertUserError(run("detect", "--data", "csv:x.csv"), "--detector");
        assertUserError(run("detect", "--detector", "ocsvm", "--data", "csv:x.csv", "--bogus"), "--bogus");
        assertUserError(run("cluster", "--method", "kmeans", "--k", "abc", "--data", "csv:x.csv"), "--k", "abc");
    }

    @Test
    void clusterValidatesMethodAndK() {
        assertUserError(run("cluster", "--method", "dbscan", "--k", "2", "--data", "csv:" + data("blobs.csv")), "dbscan");
        assertUserError(run("cluster", "--method", "kmeans", "--k", "0", "--data", "csv:" + data("blobs.csv")), "--k 0");
        assertUserError(run("cluster", "--method", "kmeans", "--k", "50", "--data", "csv:" + data("blobs.csv")), "--k 50", "11 rows");
        assertUserError(run("cluster", "--method", "em", "--k", "2", "--data", "csv:/no/file.csv"), "file not found");
    }

    @Test
    void unknownAndMissingCommandsAreOneLine() {
        assertUserError(run("frobnicate"), "frobnicate");
        assertUserError(run(), "missing command");
    }

    @Test
    void helpExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("detect") && r.out().contains("cluster"), r.out());
        Run d = run("detect", "--help");
        assertEquals(0, d.code());
        assertTrue(d.out().contains("--detector"), d.out());
    }

    @Test
    void demoIsRegistered() {
        // the demo itself runs in DemoCommandTest; here only its wiring is checked
        Run r = run("demo", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--data") && r.out().contains("--engine"), r.out());
        assertUserError(run("demo", "--bogus"), "--bogus");
    }
}
