package io.latentad.models.spark;

import io.latentad.models.ae.AeScorer;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.io.ModelFile;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Spark ML {@link Transformer} that scores a DataFrame with a saved latentad autoencoder: the
 * model's feature columns in (found by name, encoded by the model's own fitted feature encoder, so
 * a model trained by {@code latentad train} on a CSV scores the same rows here with the same bits),
 * {@code score} out (higher = more anomalous), with {@code label} (1 above the threshold stored at
 * training time) and optionally the latent code. Every input column is kept.
 *
 * <p>The model file's bytes are broadcast once per {@link #transform}; each executor parses them
 * once and scores its partitions in batches of {@link #batchSize()} rows through the one scoring
 * pass ({@link TrainedAutoencoder#embed}). Only scorers whose row scores depend on the row alone
 * ({@link AeScorer#rowWise()}) are accepted: {@code recon-prob} is refused.
 *
 * <p>Persistence ({@link #write()}, {@link #read()}, and so inside a saved {@code PipelineModel}):
 * Spark's params metadata, and the model file's bytes unchanged as {@code PATH/data/model.lam}.
 *
 * <pre>{@code
 * LatentadScorer scorer = LatentadScorer.fromModelFile(spark, "hdfs:///models/trades.lam").setScorer("recon");
 * Dataset<Row> scored = scorer.transform(spark.read().option("header", true).csv("hdfs:///trades/*.csv"));
 * }</pre>
 */
public final class LatentadScorer extends Transformer implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final byte[] modelBytes;
    private transient TrainedAutoencoder model;

    // Params are made in the constructor, after the uid they belong to is set.
    private final Param<String> scorer, scorerParams, scoreCol, labelCol, latentCol, featuresCol;
    private final IntParam batchSize;

    /** A scorer of the model file contents {@code modelBytes} (as {@link ModelFile#toBytes} writes them). */
    public LatentadScorer(String uid, byte[] modelBytes) {
        this.uid = uid;
        scorer = new Param<>(this, "scorer",
                "the score: recon, recon-l1, latent:DETECTOR, prior, misclass, wasserstein, predictor, energy");
        scorerParams = new Param<>(this, "scorerParams",
                "the scorer's (or latent detector's) parameters as k=v pairs separated by commas, e.g. k=10");
        scoreCol = new Param<>(this, "scoreCol", "output column of the scores");
        labelCol = new Param<>(this, "labelCol",
                "output column of the labels under the model's stored threshold (1 = above it); empty for none");
        latentCol = new Param<>(this, "latentCol", "output column of the latent codes; empty for none");
        featuresCol = new Param<>(this, "featuresCol",
                "the vector column read by models not trained on CSV (idx, ucr)");
        batchSize = new IntParam(this, "batchSize", "rows per scoring pass on an executor (>= 1)");
        this.modelBytes = modelBytes.clone();
        this.model = ModelFile.fromBytes(this.modelBytes, "the model of " + uid);
        setDefault(scorer, "recon");
        setDefault(scorerParams, "");
        setDefault(scoreCol, "score");
        setDefault(labelCol, model.threshold() == null ? "" : "label");
        setDefault(latentCol, "");
        setDefault(featuresCol, "features");
        setDefault(batchSize, 4096);
        if (model.threshold() != null) setDefault(scorer, model.threshold().scorer());
    }

    /** A scorer of a trained model. */
    public static LatentadScorer of(TrainedAutoencoder model) {
        return new LatentadScorer(Identifiable.randomUID("latentad"), ModelFile.toBytes(model));
    }

    /** A scorer of the model file at {@code path} (any file system Spark's Hadoop configuration reaches). */
    public static LatentadScorer fromModelFile(SparkSession spark, String path) {
        return new LatentadScorer(Identifiable.randomUID("latentad"), readBytes(spark, new Path(path)));
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The model this transformer applies. */
    public TrainedAutoencoder model() {
        if (model == null) model = ModelFile.fromBytes(modelBytes, "the model of " + uid);
        return model;
    }

    public Param<String> scorer() { return scorer; }
    public Param<String> scorerParams() { return scorerParams; }
    public Param<String> scoreCol() { return scoreCol; }
    public Param<String> labelCol() { return labelCol; }
    public Param<String> latentCol() { return latentCol; }
    public Param<String> featuresCol() { return featuresCol; }
    public IntParam batchSize() { return batchSize; }

    public LatentadScorer setScorer(String v) { set(scorer, v); return this; }
    public LatentadScorer setScorerParams(String v) { set(scorerParams, v); return this; }
    public LatentadScorer setScoreCol(String v) { set(scoreCol, v); return this; }
    public LatentadScorer setLabelCol(String v) { set(labelCol, v); return this; }
    public LatentadScorer setLatentCol(String v) { set(latentCol, v); return this; }
    public LatentadScorer setFeaturesCol(String v) { set(featuresCol, v); return this; }
    public LatentadScorer setBatchSize(int v) { set(batchSize, v); return this; }

    /** The scorer's parameters, parsed from {@link #scorerParams()}. */
    Map<String, String> parsedParams() {
        Map<String, String> p = new LinkedHashMap<>();
        String text = getOrDefault(scorerParams).trim();
        if (text.isEmpty()) return p;
        for (String kv : text.split(",")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("scorer parameter '" + kv + "': expected key=value");
            p.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        return p;
    }

    /** Checks the settings against the model and builds the scorer (the driver's check before any task runs). */
    private AeScorer checkedScorer() {
        TrainedAutoencoder m = model();
        String name = getOrDefault(scorer);
        AeScorer s = AeScorers.create(name, parsedParams(), m.options().seed());
        s.requireKind(m.kind());
        if (!s.rowWise()) {
            throw new IllegalArgumentException("scorer " + name + " draws from one random stream over the rows in order, so a row's"
                    + " score depends on its position and Spark's partitions would change it: use recon or another scorer");
        }
        int b = (Integer) getOrDefault(batchSize);
        if (b < 1) throw new IllegalArgumentException("batchSize = " + b + ": expected >= 1");
        if (!getOrDefault(labelCol).isEmpty()) {
            if (m.threshold() == null) {
                throw new IllegalArgumentException("labelCol '" + getOrDefault(labelCol) + "': the model holds no threshold"
                        + " (train sets one): set labelCol to \"\"");
            }
            if (!m.threshold().scorer().equals(name)) {
                throw new IllegalArgumentException("the model's stored threshold was set on the scores of '" + m.threshold().scorer()
                        + "', not '" + name + "': set labelCol to \"\" for no labels, or score with " + m.threshold().scorer());
            }
            if (!parsedParams().isEmpty()) {
                throw new IllegalArgumentException("labelCol uses the stored threshold, set with the scorer's defaults: clear scorerParams");
            }
        }
        return s;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        checkedScorer();
        ColumnPlan.of(model().encoder(), model().dimension(), getOrDefault(featuresCol), schema);
        StructType out = ColumnPlan.withOutput(schema, getOrDefault(scoreCol), DataTypes.DoubleType);
        if (!getOrDefault(labelCol).isEmpty()) out = ColumnPlan.withOutput(out, getOrDefault(labelCol), DataTypes.IntegerType);
        if (!getOrDefault(latentCol).isEmpty()) out = ColumnPlan.withOutput(out, getOrDefault(latentCol), DataTypes.createArrayType(DataTypes.DoubleType, false));
        return out;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        ColumnPlan plan = ColumnPlan.of(model().encoder(), model().dimension(), getOrDefault(featuresCol), dataset.schema());
        SparkSession spark = dataset.sparkSession();
        Broadcast<byte[]> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(modelBytes);
        PartitionScorer f = new PartitionScorer(b, getOrDefault(scorer), parsedParams(), plan,
                !getOrDefault(labelCol).isEmpty(), !getOrDefault(latentCol).isEmpty(), (Integer) getOrDefault(batchSize));
        return dataset.toDF().mapPartitions(f, Encoders.row(out));
    }

    @Override
    public LatentadScorer copy(ParamMap extra) {
        return copyValues(new LatentadScorer(uid, modelBytes), extra);
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    /** The reader of what {@link #write()} saved. */
    public static MLReader<LatentadScorer> read() {
        return new Reader();
    }

    /** Loads what {@link #write()} saved at {@code path}. */
    public static LatentadScorer load(String path) {
        return read().load(path);
    }

    static byte[] readBytes(SparkSession spark, Path p) {
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) throw new IllegalArgumentException(p + ": no such model file");
            long len = fs.getFileStatus(p).getLen();
            if (len > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(p + ": too large to be a model file (" + len + " bytes)");
            byte[] bytes = new byte[(int) len];
            try (FSDataInputStream in = fs.open(p)) {
                in.readFully(bytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(p + ": cannot read the model: " + e.getMessage(), e);
        }
    }

    /** Saves the params metadata and the model file's bytes. */
    private static final class Writer extends MLWriter {
        private final LatentadScorer instance;

        Writer(LatentadScorer instance) {
            this.instance = instance;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(instance, path, sparkSession());
            Path p = new Path(path, "data/model.lam");
            try {
                FileSystem fs = p.getFileSystem(sc().hadoopConfiguration());
                try (FSDataOutputStream out = fs.create(p, true)) {
                    out.write(instance.modelBytes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(p + ": cannot write the model: " + e.getMessage(), e);
            }
        }
    }

    private static final class Reader extends MLReader<LatentadScorer> {
        @Override
        public LatentadScorer load(String path) {
            DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, sparkSession(), LatentadScorer.class.getName());
            LatentadScorer s = new LatentadScorer(meta.uid(), readBytes(sparkSession(), new Path(path, "data/model.lam")));
            meta.getAndSetParams(s, scala.Option.empty());
            return s;
        }
    }
}
