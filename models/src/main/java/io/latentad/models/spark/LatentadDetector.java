package io.latentad.models.spark;

import io.latentad.models.detect.Detectors;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.detect.Threshold;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Transformer;
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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fitted latentad detector ({@code iforest}, {@code lof} in the novelty setting, {@code ocsvm},
 * {@code kde}, ... of {@link Detectors}) as a Spark ML {@link Transformer}, the same shape as
 * {@link LatentadScorer}: numeric feature columns in, {@code score} (higher = more anomalous) and
 * {@code label} (1 above the threshold that flags a share {@code contamination} of the fitting rows)
 * out, every input column kept. For detectors on latent codes use {@link LatentadScorer} with
 * {@code latent:DETECTOR}.
 *
 * <p>{@link #fit} collects the fitting rows on the driver and fits there. The detector itself is not
 * serialised: the fitting rows and the detector's name and params (seed included) are broadcast, and
 * each executor refits once and keeps it; fitting is deterministic, so every executor holds the same
 * model and a row scores with the same bits as {@code detect --train} gives it on one machine (tested for
 * iforest and lof). The rows are scored in batches per partition. Columns are used as they are (no
 * scaling): standardise them before, as {@code detect --scale} would. Persistence writes the params
 * metadata and the fitting rows ({@code PATH/data/rows.bin}); loading refits.
 */
public final class LatentadDetector extends Transformer implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final State state;
    private final Param<String> scoreCol, labelCol;

    /** What a detector is rebuilt from: its name, params and fitting rows. */
    record State(String detector, Map<String, String> params, String[] columns, double contamination, double[][] rows)
            implements Serializable {
        FittedDetector fit() {
            return Detectors.create(detector, params).fit(rows);
        }
    }

    LatentadDetector(String uid, State state) {
        this.uid = uid;
        this.state = state;
        scoreCol = new Param<>(this, "scoreCol", "output column of the scores");
        labelCol = new Param<>(this, "labelCol", "output column of the labels (1 above the threshold); empty for none");
        setDefault(scoreCol, "score");
        setDefault(labelCol, "label");
    }

    /**
     * Fits detector {@code detector} with {@code params} on the rows of {@code train}'s numeric
     * {@code columns}; {@code contamination} in (0, 0.5] sets the label threshold.
     */
    public static LatentadDetector fit(Dataset<?> train, String detector, Map<String, String> params, double contamination,
                                       String... columns) {
        Threshold.checkContamination(contamination);
        Detectors.create(detector, params); // a bad name or param fails before Spark runs anything
        int[] at = columnsOf(train.schema(), columns);
        List<Row> collected = train.toDF().collectAsList();
        if (collected.isEmpty()) throw new IllegalArgumentException("no rows to fit the detector on");
        double[][] rows = new double[collected.size()][];
        for (int i = 0; i < rows.length; i++) rows[i] = values(collected.get(i), at, columns);
        return new LatentadDetector(Identifiable.randomUID("latentad-detector"),
                new State(detector, new TreeMap<>(params), columns.clone(), contamination, rows));
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> scoreCol() { return scoreCol; }
    public Param<String> labelCol() { return labelCol; }
    public LatentadDetector setScoreCol(String v) { set(scoreCol, v); return this; }
    public LatentadDetector setLabelCol(String v) { set(labelCol, v); return this; }

    /** The feature columns, in the order the detector reads them. */
    public String[] columns() {
        return state.columns().clone();
    }

    static int[] columnsOf(StructType schema, String[] columns) {
        if (columns.length == 0) throw new IllegalArgumentException("no feature columns: expected at least one");
        int[] at = new int[columns.length];
        for (int f = 0; f < columns.length; f++) {
            if (!Arrays.asList(schema.fieldNames()).contains(columns[f])) {
                throw new IllegalArgumentException("column '" + columns[f] + "' is not in the DataFrame: its columns are "
                        + String.join(", ", schema.fieldNames()));
            }
            at[f] = schema.fieldIndex(columns[f]);
            if (!(schema.fields()[at[f]].dataType() instanceof NumericType)) {
                throw new IllegalArgumentException("column '" + columns[f] + "' is " + schema.fields()[at[f]].dataType().simpleString()
                        + ": expected a numeric column");
            }
        }
        return at;
    }

    static double[] values(Row r, int[] at, String[] names) {
        double[] v = new double[at.length];
        for (int f = 0; f < at.length; f++) {
            Object o = r.get(at[f]);
            if (o == null) throw new IllegalArgumentException("column '" + names[f] + "' is null in a row: detectors need every value");
            v[f] = ((Number) o).doubleValue();
            if (!Double.isFinite(v[f])) throw new IllegalArgumentException("column '" + names[f] + "' holds " + v[f] + ": expected finite numbers");
        }
        return v;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        columnsOf(schema, state.columns());
        StructType out = ColumnPlan.withOutput(schema, getOrDefault(scoreCol), DataTypes.DoubleType);
        return getOrDefault(labelCol).isEmpty() ? out : ColumnPlan.withOutput(out, getOrDefault(labelCol), DataTypes.IntegerType);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        int[] at = columnsOf(dataset.schema(), state.columns());
        Broadcast<State> b = JavaSparkContext.fromSparkContext(dataset.sparkSession().sparkContext()).broadcast(state);
        return dataset.toDF().mapPartitions(new Scoring(b, at, !getOrDefault(labelCol).isEmpty()), Encoders.row(out));
    }

    /** Scores one partition in batches with the executor's copy of the fitted detector. */
    private static final class Scoring implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private static final int BATCH = 4096;
        private static final Map<Long, FittedDetector> FITTED = new LinkedHashMap<>(4, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, FittedDetector> e) {
                return size() > 4;
            }
        };
        private final Broadcast<State> state;
        private final int[] at;
        private final boolean withLabel;

        Scoring(Broadcast<State> state, int[] at, boolean withLabel) {
            this.state = state;
            this.at = at;
            this.withLabel = withLabel;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            FittedDetector f;
            synchronized (FITTED) {
                f = FITTED.computeIfAbsent(state.id(), id -> state.value().fit());
            }
            double threshold = f.threshold(state.value().contamination());
            String[] names = state.value().columns();
            List<Row> out = new ArrayList<>();
            return new Iterator<>() {
                int next;

                @Override
                public boolean hasNext() {
                    if (next < out.size()) return true;
                    out.clear();
                    next = 0;
                    List<Row> in = new ArrayList<>();
                    while (in.size() < BATCH && rows.hasNext()) in.add(rows.next());
                    if (in.isEmpty()) return false;
                    double[][] x = new double[in.size()][];
                    for (int i = 0; i < x.length; i++) x[i] = values(in.get(i), at, names);
                    double[] s = f.score(x);
                    for (int i = 0; i < x.length; i++) {
                        Row r = in.get(i);
                        Object[] v = new Object[r.length() + (withLabel ? 2 : 1)];
                        for (int j = 0; j < r.length(); j++) v[j] = r.get(j);
                        v[r.length()] = s[i];
                        if (withLabel) v[r.length() + 1] = s[i] > threshold ? 1 : 0;
                        out.add(RowFactory.create(v));
                    }
                    return true;
                }

                @Override
                public Row next() {
                    if (!hasNext()) throw new java.util.NoSuchElementException();
                    return out.get(next++);
                }
            };
        }
    }

    @Override
    public LatentadDetector copy(ParamMap extra) {
        return copyValues(new LatentadDetector(uid, state), extra);
    }

    @Override
    public MLWriter write() {
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter.saveMetadata(LatentadDetector.this, path, sparkSession());
                Path p = new Path(path, "data/rows.bin");
                try (FSDataOutputStream o = p.getFileSystem(sc().hadoopConfiguration()).create(p, true)) {
                    DataOutputStream out = new DataOutputStream(o);
                    State s = state;
                    out.writeUTF(s.detector());
                    out.writeInt(s.params().size());
                    for (Map.Entry<String, String> e : s.params().entrySet()) {
                        out.writeUTF(e.getKey());
                        out.writeUTF(e.getValue());
                    }
                    out.writeInt(s.columns().length);
                    for (String c : s.columns()) out.writeUTF(c);
                    out.writeDouble(s.contamination());
                    out.writeInt(s.rows().length);
                    for (double[] r : s.rows()) for (double v : r) out.writeDouble(v);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot write the detector's rows: " + e.getMessage(), e);
                }
            }
        };
    }

    public static MLReader<LatentadDetector> read() {
        return new MLReader<>() {
            @Override
            public LatentadDetector load(String path) {
                DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, sparkSession(), LatentadDetector.class.getName());
                Path p = new Path(path, "data/rows.bin");
                State s;
                try (FSDataInputStream in0 = p.getFileSystem(sc().hadoopConfiguration()).open(p)) {
                    DataInputStream in = new DataInputStream(in0);
                    String det = in.readUTF();
                    Map<String, String> params = new TreeMap<>();
                    for (int i = in.readInt(); i > 0; i--) params.put(in.readUTF(), in.readUTF());
                    String[] cols = new String[in.readInt()];
                    for (int i = 0; i < cols.length; i++) cols[i] = in.readUTF();
                    double c = in.readDouble();
                    double[][] rows = new double[in.readInt()][cols.length];
                    for (double[] r : rows) for (int j = 0; j < r.length; j++) r[j] = in.readDouble();
                    s = new State(det, params, cols, c, rows);
                } catch (IOException e) {
                    throw new UncheckedIOException(p + ": cannot read the detector's rows: " + e.getMessage(), e);
                }
                LatentadDetector d = new LatentadDetector(meta.uid(), s);
                meta.getAndSetParams(d, scala.Option.empty());
                return d;
            }
        };
    }

    public static LatentadDetector load(String path) {
        return read().load(path);
    }
}
