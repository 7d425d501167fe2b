package io.latentad.models.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;

/**
 * The batch job for {@code spark-submit}: scores the rows at {@code --input} with the model file at
 * {@code --model} and writes them, every input column kept, with {@code score} (and {@code label}
 * under the model's stored threshold, and the latent code with {@code --latent}) to {@code --output}.
 *
 * <pre>
 * spark-submit --class io.latentad.models.spark.ScoreJob latentad.jar \
 *   --model FILE --input PATH --output PATH [--input-format csv|parquet] [--output-format csv|parquet]
 *   [--scorer NAME] [--param k=v ...] [--latent] [--no-labels] [--batch N] [--overwrite]
 * </pre>
 *
 * CSV input is read with its header and every column as text, so numbers are parsed as {@code score}
 * parses them; empty cells are missing. Parquet columns are read with their types (see
 * {@link ColumnPlan}). For CSV output the code becomes columns {@code z0, z1, ...}. Exit code 2 and a
 * one-line message for bad usage or bad input.
 */
public final class ScoreJob {
    private ScoreJob() {
    }

    /** What the command line asks for. */
    record Options(String model, String input, String output, String inputFormat, String outputFormat, String scorer,
                   Map<String, String> params, boolean latent, boolean labels, int batch, boolean overwrite) {
        Options {
            for (String[] req : new String[][] {{"--model", model}, {"--input", input}, {"--output", output}}) {
                if (req[1] == null) throw new IllegalArgumentException("missing " + req[0] + ": expected " + req[0] + " PATH");
            }
            for (String f : new String[] {inputFormat, outputFormat}) {
                if (!f.equals("csv") && !f.equals("parquet")) throw new IllegalArgumentException("format '" + f + "': expected csv or parquet");
            }
            if (batch < 1) throw new IllegalArgumentException("--batch " + batch + ": expected >= 1");
        }

        static Options parse(String... args) {
            String model = null, input = null, output = null, scorer = null, in = null, out = null;
            Map<String, String> params = new LinkedHashMap<>();
            boolean latent = false, labels = true, overwrite = false;
            int batch = 4096;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--latent" -> latent = true;
                    case "--no-labels" -> labels = false;
                    case "--overwrite" -> overwrite = true;
                    default -> {
                        if (i + 1 >= args.length) throw new IllegalArgumentException("option " + a + " needs a value");
                        String v = args[++i];
                        switch (a) {
                            case "--model" -> model = v;
                            case "--input" -> input = v;
                            case "--output" -> output = v;
                            case "--input-format" -> in = v;
                            case "--output-format" -> out = v;
                            case "--scorer" -> scorer = v;
                            case "--batch" -> batch = integer(a, v);
                            case "--param" -> {
                                int eq = v.indexOf('=');
                                if (eq <= 0) throw new IllegalArgumentException("--param '" + v + "': expected key=value");
                                params.put(v.substring(0, eq), v.substring(eq + 1));
                            }
                            default -> throw new IllegalArgumentException("unknown option '" + a + "': expected --model, --input, --output,"
                                    + " --input-format, --output-format, --scorer, --param, --latent, --no-labels, --batch, --overwrite");
                        }
                    }
                }
            }
            String inFormat = in != null ? in : input != null && input.toLowerCase(java.util.Locale.ROOT).endsWith(".parquet") ? "parquet" : "csv";
            return new Options(model, input, output, inFormat, out != null ? out : inFormat, scorer, params, latent, labels, batch, overwrite);
        }

        private static int integer(String opt, String v) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(opt + " '" + v + "': expected an integer");
            }
        }
    }

    public static void main(String[] args) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("latentad ScoreJob: " + e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("latentad score").getOrCreate();
        int code = 0;
        try {
            long t0 = System.nanoTime();
            run(spark, o);
            System.err.printf(java.util.Locale.ROOT, "latentad ScoreJob: scored %s into %s in %.1f s%n", o.input(), o.output(),
                    (System.nanoTime() - t0) / 1e9);
        } catch (IllegalArgumentException e) {
            System.err.println("latentad ScoreJob: " + e.getMessage());
            code = 2;
        } finally {
            spark.stop();
        }
        if (code != 0) System.exit(code);
    }

    /** Scores and writes (one pass over the input). */
    static void run(SparkSession spark, Options o) {
        Dataset<Row> rows = o.inputFormat().equals("csv")
                ? spark.read().option("header", true).option("inferSchema", false).csv(o.input())
                : spark.read().parquet(o.input());
        LatentadScorer s = LatentadScorer.fromModelFile(spark, o.model()).setBatchSize(o.batch());
        if (o.scorer() != null) s.setScorer(o.scorer());
        if (!o.params().isEmpty()) {
            List<String> kv = new ArrayList<>();
            o.params().forEach((k, v) -> kv.add(k + "=" + v));
            s.setScorerParams(String.join(",", kv));
        }
        if (!o.labels()) s.setLabelCol("");
        if (o.latent()) s.setLatentCol("latent");
        Dataset<Row> scored = s.transform(rows);
        if (o.latent() && o.outputFormat().equals("csv")) {
            List<Column> cols = new ArrayList<>();
            for (String c : scored.columns()) if (!c.equals("latent")) cols.add(col(c));
            for (int j = 0; j < s.model().latent(); j++) cols.add(col("latent").getItem(j).as("z" + j));
            scored = scored.select(cols.toArray(new Column[0]));
        }
        var w = scored.write().mode(o.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists);
        if (o.outputFormat().equals("csv")) w.option("header", true).csv(o.output());
        else w.parquet(o.output());
    }
}
