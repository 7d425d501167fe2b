package io.latentad.models.cli;

import io.latentad.models.detect.LocalOutlierFactor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import static io.latentad.models.cli.MainTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and merely unlucky inputs through the command line, one table row each, named by the
 * class of failure of issue 18 it guards (c2 memory, c3 huge values, c4 NaN scores, c5 stdout,
 * c7 gaussian hang, c8 gzip CRC, c9 atomic outputs, c10 stack traces and sizes, c12 idx headers,
 * c13 one-line errors, c15 scaling, csv reading, newcomer points). Every case ends either in exit
 * 0 with sound output (every row, finite numbers) or in exit 2 with exactly one line on stderr
 * that names the bad value, and no output file.
 */
class BadInputTest {
    @TempDir
    static Path dir;

    static Path blobs, huge, ucrHuge, ids, idxBadCrc, idxHugeCount, idxHugePixels, latin1, tabs, semis, euro, gz, headerless,
            comments, model, train, extra, reordered, truth;

    /** One case: the arguments, then either {@code ok} (exit 0, output check) or the message parts of exit 2. */
    record Case(String name, String[] args, boolean ok, String[] parts, Consumer<String> check) {
    }

    static Case ok(String name, Consumer<String> check, String... args) {
        return new Case(name, args, true, new String[0], check);
    }

    static Case bad(String name, String[] parts, String... args) {
        return new Case(name, args, false, parts, null);
    }

    static String[] parts(String... p) {
        return p;
    }

    @BeforeAll
    static void files() throws IOException {
        blobs = Path.of(MainTest.data("blobs.csv"));
        StringBuilder b = new StringBuilder("a,b\n");
        for (int i = 0; i < 20; i++) b.append(i % 5).append(',').append(i % 3).append('\n');
        b.append("1e300,1\n"); // row 20: a huge but finite value
        huge = write("huge.csv", b.toString());
        StringBuilder u = new StringBuilder();
        for (int i = 0; i < 12; i++) u.append(i % 2 + 1).append(' ').append(i).append(' ').append(i % 4).append('\n');
        u.append("1 1e300 -1e300\n");
        ucrHuge = write("huge.ucr", u.toString());
        StringBuilder id = new StringBuilder("id,v\n");
        for (int i = 0; i < 300; i++) id.append("u").append(i).append(',').append(String.format(Locale.ROOT, "%.3f", Math.sin(i))).append('\n');
        ids = write("ids.csv", id.toString());
        String csv = "x,y\n1,2\n2,3\n3,5\n4,4\n10,10\n";
        tabs = write("tabs.tsv", csv.replace(',', '\t'));
        semis = write("semis.csv", csv.replace(',', ';'));
        euro = write("euro.csv", "x;y\n1,5;2\n2,25;3\nNA;5\n4;4,5\n10;10\n?;1,5\n");
        gz = dir.resolve("data.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(csv.getBytes(StandardCharsets.UTF_8));
        }
        headerless = write("headerless.csv", "0,0\n1,2\n2,3\n3,5\n4,4\n");
        comments = write("comments.csv", "# exported 2024\nx,y\n1,2\n# a note\n2,3\n3,5\n4,4\n");
        latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "city,v\nK\u00f6ln,1\nNice,2\nLyon,3\n".getBytes(StandardCharsets.ISO_8859_1));

        // idx: a valid gzipped test pair with its CRC flipped; headers that claim far more than the files hold
        Path good = Path.of(MainTest.data("idx"));
        Path bad = Files.createDirectories(dir.resolve("idx-crc"));
        byte[] img = Files.readAllBytes(good.resolve("t10k-images-idx3-ubyte.gz"));
        img[img.length - 6] ^= 0x5a; // inside the CRC-32 of the trailer
        Files.write(bad.resolve("t10k-images-idx3-ubyte.gz"), img);
        Files.copy(good.resolve("t10k-labels-idx1-ubyte.gz"), bad.resolve("t10k-labels-idx1-ubyte.gz"));
        idxBadCrc = bad;
        idxHugeCount = idxWithHeader("idx-count", Integer.MAX_VALUE, 28, 28);
        idxHugePixels = idxWithHeader("idx-pixels", 1, 46_340, 46_340);

        train = write("train.csv", "f0,f1,f2\n1,2,3\n2,3,1\n3,1,2\n1,1,1\n2,2,2\n3,3,3\n1,3,2\n2,1,3\n");
        extra = write("extra.csv", "f0,f1,f2,id\n1,2,3,a\n2,3,1,b\n");
        reordered = write("reordered.csv", "f2,f0,f1\n3,1,2\n1,2,3\n");
        truth = write("truth.csv", "v,outlier\n1,0\n2,0\n3,0\n4,0\n5,0\n6,0\n7,0\n8,0\n9,0\n10,0\n100,1\n");
        model = dir.resolve("m.lam");
        MainTest.Run r = run("train", "--model", "ae", "--data", "csv:" + train, "--epochs", "2", "--param", "hidden=4",
                "--save", model.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
    }

    static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** A training pair whose image header claims n images of rows x cols, with 16 bytes of data. */
    static Path idxWithHeader(String name, int n, int rows, int cols) throws IOException {
        Path d = Files.createDirectories(dir.resolve(name));
        java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(32);
        h.putInt(0x0803).putInt(n).putInt(rows).putInt(cols);
        Files.write(d.resolve("train-images-idx3-ubyte"), h.array());
        java.nio.ByteBuffer l = java.nio.ByteBuffer.allocate(9);
        l.putInt(0x0801).putInt(1).put((byte) 3);
        Files.write(d.resolve("train-labels-idx1-ubyte"), l.array());
        return d;
    }

    /** index,score output: every row 0..n-1 once, finite scores. */
    static double[] scores(String out, int n) {
        String[] lines = out.split("\n");
        assertEquals("index,score", lines[0]);
        assertEquals(n + 1, lines.length, out);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines[i + 1].split(",");
            assertEquals(Integer.toString(i), f[0]);
            s[i] = Double.parseDouble(f[1]);
            assertTrue(Double.isFinite(s[i]), lines[i + 1]);
        }
        return s;
    }

    static int argmax(double[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) if (s[i] > s[best]) best = i;
        return best;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        String out = "{out}";
        // c2: a column of 300 ids is capped (and said so), not one-hot encoded 300 wide
        c.add(ok("c2 high-cardinality column capped", s -> scores(s, 300),
                "detect", "--detector", "iforest", "--data", "csv:" + ids, "--max-categories", "10"));
        c.add(bad("c2 category cap out of range", parts("--max-categories 0"),
                "detect", "--detector", "iforest", "--data", "csv:" + ids, "--max-categories", "0", "--out", out));
        // c3: 1e300 no longer turns the column to zeros: the huge row is the most anomalous
        c.add(ok("c3 huge finite value keeps its column", s -> assertEquals(20, argmax(scores(s, 21))),
                "detect", "--detector", "gaussian", "--data", "csv:" + huge));
        c.add(ok("c3 huge value with robust scale", s -> assertEquals(20, argmax(scores(s, 21))),
                "detect", "--detector", "iforest", "--data", "csv:" + huge, "--scale", "robust"));
        // c4: distances that overflow are refused, naming the rows, before any output
        c.add(bad("c4 lof on 1e300 gives no NaN file", parts("not finite", "rows 12", "LocalOutlierFactor"),
                "detect", "--detector", "lof", "--param", "k=3", "--data", "ucr:" + ucrHuge, "--out", out));
        c.add(bad("c4 ocsvm on 1e300 gives no NaN file", parts("not finite", "rows"),
                "detect", "--detector", "ocsvm", "--data", "ucr:" + ucrHuge, "--out", out));
        c.add(ok("c4 the same series scaled are sound", s -> scores(s, 13),
                "detect", "--detector", "lof", "--param", "k=3", "--data", "ucr:" + ucrHuge, "--scale", "standard"));
        // c7: a covariance that is not finite ends at once with the columns named
        c.add(bad("c7 gaussian on an infinite covariance", parts("covariance", "columns 0 and 0"),
                "detect", "--detector", "gaussian", "--data", "csv:" + huge, "--scale", "none", "--out", out));
        // c8: flipped CRC in a gzipped idx file
        c.add(bad("c8 gzip idx with a bad CRC", parts("t10k-images-idx3-ubyte.gz", "corrupt gzip"),
                "detect", "--detector", "iforest", "--data", "idx-test:" + idxBadCrc, "--out", out));
        // c9: outputs equal to an input, or in a missing directory
        c.add(bad("c9 --out equal to the data", parts("--out", "is also an input"),
                "detect", "--detector", "iforest", "--data", "csv:" + blobs, "--out", blobs.toString()));
        c.add(bad("c9 --save equal to the data", parts("--save", "is also an input"),
                "train", "--model", "ae", "--data", "csv:" + train, "--save", train.toString()));
        c.add(bad("c9 --out equal to the model", parts("--out", "is also an input"),
                "score", "--model", model.toString(), "--data", "csv:" + train, "--scorer", "recon", "--out", model.toString()));
        c.add(bad("c9 --out in a missing directory", parts("--out", "does not exist"),
                "detect", "--detector", "iforest", "--data", "csv:" + blobs, "--out", dir.resolve("no/such/dir/s.csv").toString()));
        // c10: absurd sizes
        c.add(bad("c10 trees=1e8", parts("trees = 100000000", "at most 10000"),
                "detect", "--detector", "iforest", "--param", "trees=100000000", "--data", "csv:" + blobs, "--out", out));
        c.add(bad("c10 hidden=5e7", parts("hidden = 50000000", "at most"),
                "train", "--model", "ae", "--data", "csv:" + train, "--param", "hidden=50000000", "--save", out));
        c.add(bad("c10 --latent 100000", parts("latent = 100000", "at most"),
                "train", "--model", "ae", "--data", "csv:" + train, "--latent", "100000", "--save", out));
        // c12: idx headers that claim more than the file holds are refused before allocating
        c.add(bad("c12 idx header claims 2^31 images", parts("truncated at item 0 of 2147483647"),
                "detect", "--detector", "iforest", "--data", "idx:" + idxHugeCount, "--out", out));
        c.add(bad("c12 idx header claims 46340 x 46340 images", parts("46340 x 46340", "at most"),
                "detect", "--detector", "iforest", "--data", "idx:" + idxHugePixels, "--out", out));
        // c13: no kernel line and nothing else with --quiet
        c.add(ok("c13 quiet detect prints only the scores", s -> scores(s, 11),
                "detect", "--detector", "iforest", "--data", "csv:" + blobs, "--quiet"));
        // c15: --scale none gives the library's LOF on the raw columns, i.e. scikit-learn's on the file
        c.add(ok("c15 --scale none is LOF on the raw values", s -> {
            double[][] x = new double[11][];
            List<String> rows = readLines(blobs);
            for (int i = 0; i < 11; i++) {
                String[] f = rows.get(i + 1).split(",");
                x[i] = new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])};
            }
            double[] expected = new LocalOutlierFactor(new LocalOutlierFactor.Options(3)).fit(x).trainingScores();
            assertArrayEquals(expected, scores(s, 11), 0.0);
        }, "detect", "--detector", "lof", "--param", "k=3", "--data", "csv:" + blobs, "--exclude", "outlier", "--scale", "none"));
        c.add(bad("c15 unknown scale", parts("--scale 'minmax'", "none, standard or robust"),
                "detect", "--detector", "lof", "--data", "csv:" + blobs, "--scale", "minmax", "--out", out));
        // csv: separators, gzip, headerless, comments, encodings
        c.add(ok("csv tab separated", s -> scores(s, 5), "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + tabs, "--sep", "tab"));
        c.add(ok("csv semicolon separated", s -> scores(s, 5), "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + semis, "--sep", ";"));
        c.add(ok("csv semicolon separated, found from the first line without --sep", s -> scores(s, 5),
                "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + semis));
        c.add(ok("csv semicolons and decimal commas with --decimal ,", s -> scores(s, 6),
                "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + euro, "--decimal", ","));
        c.add(bad("csv decimal mark not a comma or a point", parts("--decimal 'x'", "expected , (comma) or . (point)"),
                "detect", "--detector", "lof", "--data", "csv:" + euro, "--decimal", "x", "--out", out));
        c.add(bad("csv decimal commas in a comma-separated file", parts("separated by commas too", "--sep"),
                "detect", "--detector", "lof", "--data", "csv:" + blobs, "--decimal", ",", "--out", out));
        c.add(ok("csv gzipped", s -> scores(s, 5), "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + gz));
        c.add(ok("csv headerless with --no-header", s -> scores(s, 5),
                "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + headerless, "--no-header"));
        c.add(ok("csv headerless first row 0,0 read as data", s -> scores(s, 5),
                "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + headerless));
        c.add(ok("csv comment lines", s -> scores(s, 4), "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + comments, "--comment", "#"));
        c.add(bad("csv comment lines without --comment", parts("comments.csv line 2", "2 fields where the header has 1"),
                "detect", "--detector", "lof", "--param", "k=2", "--data", "csv:" + comments, "--out", out));
        c.add(ok("csv latin-1 with --encoding", s -> scores(s, 3),
                "detect", "--detector", "lof", "--param", "k=1", "--data", "csv:" + latin1, "--encoding", "ISO-8859-1"));
        c.add(bad("csv latin-1 without --encoding", parts("latin1.csv", "not valid UTF-8", "--encoding"),
                "detect", "--detector", "lof", "--param", "k=1", "--data", "csv:" + latin1, "--out", out));
        c.add(bad("csv unknown encoding", parts("--encoding 'klingon'"),
                "detect", "--detector", "lof", "--data", "csv:" + latin1, "--encoding", "klingon", "--out", out));
        c.add(bad("csv separator of two characters", parts("--sep '::'"),
                "detect", "--detector", "lof", "--data", "csv:" + semis, "--sep", "::", "--out", out));
        // newcomer: columns checked by name against the model
        c.add(bad("score with a column the model never saw", parts("extra.csv", "'id'", "not in the training data", "--exclude id"),
                "score", "--model", model.toString(), "--data", "csv:" + extra, "--scorer", "recon", "--out", out));
        c.add(ok("score with that column excluded", s -> scores(s, 2),
                "score", "--model", model.toString(), "--data", "csv:" + extra, "--scorer", "recon", "--exclude", "id"));
        c.add(bad("embed with a training column missing", parts("column 'f0'", "missing"),
                "embed", "--model", model.toString(), "--data", "csv:" + tabs, "--out", out));
        c.add(ok("eval --truth-col reads the truth from the data", s -> assertTrue(s.contains("roc_auc=1.000000000"), s),
                "eval", "--scores", "{scores}", "--truth", truth.toString(), "--truth-col", "outlier"));
        c.add(bad("eval --truth-col naming no column", parts("--truth-col column 'nope'", "expected one of v, outlier"),
                "eval", "--scores", "{scores}", "--truth", truth.toString(), "--truth-col", "nope"));
        return c;
    }

    static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCaseEndsInSoundOutputOrOneLine() throws IOException {
        Path scores = dir.resolve("truth-scores.csv");
        StringBuilder s = new StringBuilder("index,score\n");
        for (int i = 0; i < 11; i++) s.append(i).append(',').append(i == 10 ? 5.0 : i * 0.1).append('\n');
        Files.writeString(scores, s.toString());
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Path out = dir.resolve("out-" + c.name().replaceAll("[^A-Za-z0-9]+", "-") + ".csv");
            Files.deleteIfExists(out);
            String[] args = c.args().clone();
            for (int i = 0; i < args.length; i++) {
                args[i] = args[i].replace("{out}", out.toString()).replace("{scores}", scores.toString());
            }
            byte[] before = Files.exists(blobs) ? Files.readAllBytes(blobs) : null;
            MainTest.Run r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(args));
            if (c.ok()) {
                assertEquals(0, r.code(), r.err());
                assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
                c.check().accept(r.out());
            } else {
                MainTest.assertUserError(r, c.parts());
                assertEquals("", r.out());
                assertFalse(Files.exists(out), "an output file was written: " + out);
                try (var files = Files.list(dir)) { // no temporary file left behind either
                    assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
                }
            }
            assertArrayEquals(before, Files.readAllBytes(blobs), "an input was modified");
        }));
    }

    @Test
    void c5AFailingStdoutIsExitTwoNotSilence() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"detect", "--detector", "iforest", "--data", "csv:" + blobs, "--quiet"},
                new PrintStream(broken, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, e);
        assertEquals(1, e.split("\n").length, e);
        assertTrue(e.contains("standard output") && e.contains("cannot write"), e);
    }

    @Test
    void c10BadKernelSettingsAreOneLineBeforeAnyKernelLoads() {
        for (String[] p : new String[][] {{"latentad.threads", "abc", "-Dlatentad.threads=abc"},
                {"latentad.threads", "0", "1..1024"}, {"latentad.blas", "mkl", "-Dlatentad.blas=mkl"},
                {"latentad.simd", "maybe", "-Dlatentad.simd=maybe"}}) {
            String old = System.getProperty(p[0]);
            try {
                System.setProperty(p[0], p[1]);
                MainTest.assertUserError(run("detect", "--detector", "iforest", "--data", "csv:" + blobs), p[2]);
            } finally {
                if (old == null) System.clearProperty(p[0]);
                else System.setProperty(p[0], old);
            }
        }
    }

    @Test
    void c9AFailedWriteLeavesTheOldFileWhole() throws IOException {
        Path out = dir.resolve("kept.csv");
        Files.writeString(out, "index,score\n0,1.0\n");
        // the rows of ucrHuge give NaN LOF scores: refused before the file is touched
        MainTest.Run r = run("detect", "--detector", "lof", "--param", "k=3", "--data", "ucr:" + ucrHuge, "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("index,score\n0,1.0\n", Files.readString(out));
        // a success replaces it whole
        r = run("detect", "--detector", "iforest", "--data", "csv:" + blobs, "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        scores(Files.readString(out), 11);
    }

    @Test
    void newcomerSeesTheFeatureColumnsAndTheScaling() {
        MainTest.Run r = run("detect", "--detector", "iforest", "--data", "csv:" + blobs);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("3 feature columns (3 encoded): x0, x1, outlier"), r.err());
        assertTrue(r.err().contains("scale: standard"), r.err());
        assertFalse(r.err().contains("kernels="), r.err());
        r = run("detect", "--detector", "iforest", "--data", "csv:" + blobs, "--exclude", "outlier");
        assertTrue(r.err().contains("2 feature columns (2 encoded): x0, x1; excluded: outlier"), r.err());
    }

    @Test
    void reorderedColumnsAreMatchedByNameAndSaidSo() {
        MainTest.Run a = run("score", "--model", model.toString(), "--data", "csv:" + reordered, "--scorer", "recon");
        assertEquals(0, a.code(), a.err());
        assertTrue(a.err().contains("different order") && a.err().contains("matched by name"), a.err());
        MainTest.Run b = run("score", "--model", model.toString(), "--data", "csv:" + train, "--scorer", "recon", "--quiet");
        double[] s = scores(a.out(), 2), t = scores(b.out(), 8);
        assertEquals(t[0], s[0], 0.0); // reordered row 0 is training row 0
        assertEquals(t[1], s[1], 0.0);
    }
}
