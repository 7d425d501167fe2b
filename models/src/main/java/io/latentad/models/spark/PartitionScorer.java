package io.latentad.models.spark;

import io.latentad.models.ae.AeScorer;
import io.latentad.models.ae.AeScorers;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.io.ModelFile;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Scores one partition: reads its rows in batches of {@code batch}, encodes each batch with the
 * model's feature encoder, runs the one scoring pass ({@link TrainedAutoencoder#embed}) and the
 * scorer on it, and gives each input row back with its score (and label, and code) appended. The
 * model comes from the broadcast file bytes, parsed once per executor JVM and kept (with the latent
 * detectors it memoises) in a small cache keyed by the broadcast.
 */
final class PartitionScorer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    /** Models by broadcast id, a few at most (one per live transformer, in practice one). */
    private static final Map<Long, TrainedAutoencoder> MODELS = new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, TrainedAutoencoder> e) {
            return size() > 4;
        }
    };

    private final Broadcast<byte[]> model;
    private final String scorer;
    private final Map<String, String> params;
    private final ColumnPlan plan;
    private final boolean withLabel, withLatent;
    private final int batch;

    PartitionScorer(Broadcast<byte[]> model, String scorer, Map<String, String> params, ColumnPlan plan,
                    boolean withLabel, boolean withLatent, int batch) {
        this.model = model;
        this.scorer = scorer;
        this.params = new LinkedHashMap<>(params);
        this.plan = plan;
        this.withLabel = withLabel;
        this.withLatent = withLatent;
        this.batch = batch;
    }

    static TrainedAutoencoder model(Broadcast<byte[]> b) {
        synchronized (MODELS) {
            return MODELS.computeIfAbsent(b.id(), id -> ModelFile.fromBytes(b.value(), "the broadcast model"));
        }
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TrainedAutoencoder m = model(model);
        AeScorer s = AeScorers.create(scorer, params, m.options().seed());
        FeatureEncoder encoder = m.encoder();
        boolean labels = m.classes() != null && plan.hasLabels();
        return new Iterator<>() {
            Row[] in = new Row[0];
            double[] score;
            int[] flag;
            double[][] codes;
            int next, size;

            @Override
            public boolean hasNext() {
                if (next < size) return true;
                if (!rows.hasNext()) return false;
                fill();
                return size > 0;
            }

            @Override
            public Row next() {
                if (!hasNext()) throw new NoSuchElementException();
                int i = next++;
                Row r = in[i];
                int w = r.length();
                Object[] v = new Object[w + 1 + (withLabel ? 1 : 0) + (withLatent ? 1 : 0)];
                for (int j = 0; j < w; j++) v[j] = r.get(j);
                v[w] = score[i];
                int o = w + 1;
                if (withLabel) v[o++] = flag[i];
                if (withLatent) v[o] = codes[i];
                in[i] = null;
                return RowFactory.create(v);
            }

            private void fill() {
                in = new Row[batch];
                size = 0;
                next = 0;
                while (size < batch && rows.hasNext()) in[size++] = rows.next();
                double[][] x = new double[size][m.dimension()];
                int[] y = labels ? new int[size] : null;
                for (int i = 0; i < size; i++) {
                    plan.encode(in[i], encoder, x[i]);
                    if (y != null) y[i] = encoder.labelCode(plan.label(in[i]));
                }
                if (y != null && s.readsClasses(m)) AeScorer.requireKnownClasses(m, y);
                TrainedAutoencoder.Embedding e = m.embed(x);
                score = s.score(m, e, x, y);
                flag = withLabel ? m.threshold().labels(score) : null;
                codes = withLatent ? e.codes().mu() : null;
            }
        };
    }
}
