package io.latentad.models.spark;

import io.latentad.engine.random.Rng;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.cli.Main;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;
import io.latentad.models.io.ModelFile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark scoring against the single-machine scores, bit for bit, on one shared {@code local[2]}
 * session: a model trained by the CLI's {@code train} on a CSV, rows read by Spark's CSV reader
 * (as text, and with inferred types), in partitions and batches that split the rows differently
 * from the single-machine pass.
 */
class LatentadScorerTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path train, rows, model;
    static final int ROWS = 3000;

    @BeforeAll
    static void setUp() throws IOException {
        train = tmp.resolve("train.csv");
        rows = tmp.resolve("rows.csv");
        Files.writeString(train, csv(400, 1, ""));
        // row ROWS-3 misses a number, ROWS-2 has a category training never saw, ROWS-1 misses its category
        Files.writeString(rows, csv(ROWS - 3, 2, "2997,0.5,,b,7\n2998,0.1,0.2,zzz,-4\n2999,0.1,0.2,,12\n"));
        model = tmp.resolve("m.lam");
        String err = cli("train", "--model", "ae", "--data", "csv:" + train, "--exclude", "id", "--latent", "3", "--epochs", "3",
                "--batch", "32", "--seed", "7", "--param", "hidden=16", "--save", model.toString());
        assertTrue(Files.exists(model), err);
        spark = SparkSession.builder().master("local[2]").appName("latentad-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.default.parallelism", "2")
                // the ~100 kB CSV splits into several partitions (uneven ones: not batch-aligned) without a shuffle
                .config("spark.sql.files.maxPartitionBytes", "30000")
                .config("spark.sql.files.openCostInBytes", "0")
                // a small memory manager inside the test JVM (Spark's own switch for in-process sessions)
                .config("spark.testing.memory", Long.toString(512L << 20))
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) spark.stop();
    }

    /** Columns id, x, y, kind, z: kind in {a, b, c}, a few missing cells; {@code extra} appended as is. */
    static String csv(int n, long seed, String extra) {
        StringBuilder b = new StringBuilder("id,x,y,kind,z\n");
        Rng r = new Rng(seed);
        String[] kinds = {"a", "b", "c"};
        for (int i = 0; i < n; i++) {
            int k = i % 3;
            b.append(i).append(',').append(k + r.nextGaussian()).append(',');
            if (i % 50 != 7) b.append(-k + 0.5 * r.nextGaussian());
            b.append(',').append(kinds[k]).append(',').append((float) (r.nextGaussian() * 3)).append('\n');
        }
        return b.append(extra).toString();
    }

    static String cli(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, e);
        return e;
    }

    /** The single-machine scores of the scoring rows, as {@code score} computes them. */
    static double[] local(TrainedAutoencoder m, String scorer) {
        Dataset d = DataSpec.parse("csv:" + rows).load(m.encoder().allowingUnseenLabels());
        return AeScorers.create(scorer, Map.of(), m.options().seed()).score(m, d.x(), null);
    }

    static org.apache.spark.sql.Dataset<Row> read(boolean infer) {
        return spark.read().option("header", true).option("inferSchema", infer).csv(rows.toString());
    }

    static void assertSameBits(double[] expected, List<Row> got, String col) {
        assertEquals(expected.length, got.size());
        for (Row r : got) {
            int id = Integer.parseInt(r.getAs("id").toString());
            double s = r.getAs(col);
            assertEquals(Double.doubleToRawLongBits(expected[id]), Double.doubleToRawLongBits(s),
                    "row " + id + ": " + expected[id] + " locally, " + s + " in Spark");
        }
    }

    @Test
    void sparkScoresEqualTheSingleMachineScoresBitForBit() {
        assertTrue(read(false).rdd().getNumPartitions() >= 3, "the rows are split over partitions");
        TrainedAutoencoder m = ModelFile.read(model);
        double[] expected = local(m, "recon");
        LatentadScorer s = LatentadScorer.fromModelFile(spark, model.toString()).setBatchSize(100);
        for (boolean infer : new boolean[] {false, true}) {
            List<Row> got = s.transform(read(infer)).collectAsList();
            assertSameBits(expected, got, "score");
            int[] labels = m.threshold().labels(expected);
            for (Row r : got) assertEquals(labels[Integer.parseInt(r.getAs("id").toString())], (int) r.getAs("label"));
        }
        // the odd rows are there and score finitely
        assertTrue(Double.isFinite(expected[ROWS - 2]) && Double.isFinite(expected[ROWS - 3]));
    }

    @Test
    void latentDetectorScoresAndCodesMatchToo() {
        TrainedAutoencoder m = ModelFile.read(model);
        double[] expected = local(m, "latent:iforest");
        LatentadScorer s = LatentadScorer.fromModelFile(spark, model.toString()).setScorer("latent:iforest").setLabelCol("")
                .setLatentCol("z_code").setBatchSize(333);
        List<Row> got = s.transform(read(false)).collectAsList();
        assertSameBits(expected, got, "score");
        Dataset d = DataSpec.parse("csv:" + rows).load(m.encoder().allowingUnseenLabels());
        double[][] z = m.encode(d.x()).mu();
        for (Row r : got) {
            int id = Integer.parseInt(r.getAs("id").toString());
            List<Double> code = r.getList(r.fieldIndex("z_code"));
            for (int j = 0; j < z[id].length; j++) assertEquals(z[id][j], code.get(j), 0.0, "code of row " + id);
        }
    }

    @Test
    void savedAndLoadedScorerScoresTheSame() {
        LatentadScorer s = LatentadScorer.fromModelFile(spark, model.toString()).setScoreCol("anomaly").setBatchSize(250);
        String path = tmp.resolve("saved-scorer").toString();
        try {
            s.write().overwrite().save(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        LatentadScorer back = LatentadScorer.load(path);
        assertEquals(s.uid(), back.uid());
        assertEquals(250, (int) (Integer) back.getOrDefault(back.batchSize()));
        assertSameBits(local(ModelFile.read(model), "recon"), back.transform(read(false)).collectAsList(), "anomaly");
    }

    @Test
    void badInputIsRefusedNamingTheColumn() {
        LatentadScorer s = LatentadScorer.fromModelFile(spark, model.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.transform(read(false).drop("y")));
        assertTrue(e.getMessage().contains("column 'y'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(read(false).withColumn("kind",
                org.apache.spark.sql.functions.lit(1.5))));
        assertTrue(e.getMessage().contains("column 'kind' is double"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.transform(read(false).withColumn("score",
                org.apache.spark.sql.functions.lit(1.5))));
        assertTrue(e.getMessage().contains("output column 'score'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> s.setScorer("recon-prob").setLabelCol("").transformSchema(read(false).schema()));
        assertTrue(e.getMessage().contains("recon-prob"), e.getMessage());
    }

    @Test
    void theSubmitJobWritesParquetAndCsvWithTheSameScores() {
        double[] expected = local(ModelFile.read(model), "recon");
        String parquet = tmp.resolve("out-parquet").toString(), csvOut = tmp.resolve("out-csv").toString();
        ScoreJob.run(spark, ScoreJob.Options.parse("--model", model.toString(), "--input", rows.toString(), "--output", parquet,
                "--output-format", "parquet", "--batch", "500"));
        assertSameBits(expected, spark.read().parquet(parquet).collectAsList(), "score");
        ScoreJob.run(spark, ScoreJob.Options.parse("--model", model.toString(), "--input", rows.toString(), "--output", csvOut,
                "--latent", "--no-labels"));
        List<Row> back = spark.read().option("header", true).csv(csvOut).collectAsList();
        assertEquals(ROWS, back.size());
        Row first = back.get(0);
        assertEquals(List.of("id", "x", "y", "kind", "z", "score", "z0", "z1", "z2"), List.of(first.schema().fieldNames()));
        for (Row r : back) {
            int id = Integer.parseInt(r.getAs("id"));
            assertEquals(expected[id], Double.parseDouble(r.getAs("score")), 0.0, "row " + id);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreJob.Options.parse("--model", "m",
                "--input", "i", "--output", "o", "--output-format", "json"));
        assertTrue(e.getMessage().contains("format 'json'"), e.getMessage());
    }

    /** Columns x and z of a CSV written by {@link #csv}, parsed here as the CLI's reader parses them. */
    static double[][] xz(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        double[][] out = new double[lines.size() - 1][];
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            out[i - 1] = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[4])};
        }
        return out;
    }

    @Test
    void fittedDetectorsOnRawColumnsScoreAsOnOneMachine() throws IOException {
        org.apache.spark.sql.Dataset<Row> fitRows = spark.read().option("header", true).option("inferSchema", true).csv(train.toString());
        double[][] fitX = xz(train), x = xz(rows);
        for (String name : new String[] {"iforest", "lof"}) {
            Map<String, String> params = name.equals("iforest") ? Map.of("seed", "3") : Map.of("k", "10");
            io.latentad.models.detect.FittedDetector f = io.latentad.models.detect.Detectors.create(name, params).fit(fitX);
            double[] expected = f.score(x);
            LatentadDetector d = LatentadDetector.fit(fitRows, name, params, 0.05, "x", "z");
            List<Row> got = d.transform(read(true)).collectAsList();
            assertSameBits(expected, got, "score");
            double t = f.threshold(0.05);
            for (Row r : got) assertEquals(expected[(int) r.getAs("id")] > t ? 1 : 0, (int) r.getAs("label"));
            if (name.equals("lof")) {
                String path = tmp.resolve("saved-lof").toString();
                d.write().overwrite().save(path);
                assertSameBits(expected, LatentadDetector.load(path).transform(read(true)).collectAsList(), "score");
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LatentadDetector.fit(fitRows, "iforest", Map.of(), 0.05, "x", "kind"));
        assertTrue(e.getMessage().contains("column 'kind' is string"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LatentadDetector.fit(fitRows, "iforest", Map.of("nope", "1"), 0.05, "x"));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        LatentadDetector fitted = LatentadDetector.fit(fitRows, "iforest", Map.of("seed", "3"), 0.05, "x", "z");
        e = assertThrows(IllegalArgumentException.class, () -> fitted.transformSchema(read(true).withColumn("score",
                org.apache.spark.sql.functions.lit(1.5)).schema()));
        assertTrue(e.getMessage().contains("output column 'score'"), e.getMessage());
    }
}
