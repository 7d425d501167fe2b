package io.latentad.models.ae;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.optim.GradClip;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one training loop of the family: seeded split into training and validation rows, seeded
 * shuffling each epoch, minibatches, Adam or AMSGrad with optional global-norm clipping, early
 * stopping on the validation loss (the best epoch's parameters are kept), and a per-epoch progress
 * line to a log sink (each loss term, validation loss, samples/s, ETA; {@code null} = quiet).
 *
 * <p>A non-finite loss or gradient stops training before the update it would have made, with a
 * message, and the last good parameters are kept (those of the best validation epoch when early
 * stopping is on). The seed drives every random choice through split streams (initialisation,
 * split, shuffling, noise, class-mean layout, kept codes), so the same seed, data and thread count
 * give the same bits.
 */
public final class AeTrainer {
    private AeTrainer() {
    }

    /** Trains on a dataset (its labels, classes and CSV encoder are used and kept). */
    public static TrainedAutoencoder fit(AeOptions o, Dataset data, Consumer<String> log) {
        return fit(o, data.x(), data.labels(), data.classes(), data.encoder(), log);
    }

    /**
     * Trains on rows {@code x} with optional class codes {@code labels} (required by clvae and
     * by aae with the mixture prior) and class names.
     */
    public static TrainedAutoencoder fit(AeOptions o, double[][] x, int[] labels, String[] classes,
                                         FeatureEncoder encoder, Consumer<String> log) {
        int n = x == null ? 0 : x.length;
        if (n < 2) throw new IllegalArgumentException("training data has " + n + " rows: expected at least 2");
        int d = x[0].length;
        if (d < 1) throw new IllegalArgumentException("training data has no features");
        boolean inUnit = true;
        for (int i = 0; i < n; i++) {
            if (x[i].length != d) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features: expected " + d);
            for (double v : x[i]) {
                if (!Double.isFinite(v)) throw new IllegalArgumentException("row " + i + " has the value " + v + ": expected finite numbers");
                inUnit &= v >= 0 && v <= 1;
            }
        }
        int k = checkLabels(o, labels, classes, n);
        boolean bernoulli = switch (o.output()) {
            case AUTO -> inUnit;
            case BERNOULLI -> true;
            case GAUSSIAN -> false;
        };
        if (bernoulli && !inUnit) throw AeOptions.bad("output", "bernoulli", "data in [0, 1] (found values outside; use output=gaussian)");
        AeOptions resolved = o.with("output", bernoulli ? "bernoulli" : "gaussian");

        Rng root = new Rng(o.seed());
        Rng init = root.split(), split = root.split(), shuffle = root.split(), noise = root.split(),
                layout = root.split(), keep = root.split(), adversary = root.split();
        DenseCodec codec = new DenseCodec(d, o.hidden(), o.latent(), o.activation(), o.kind().variational(), init);
        Tensor means = o.needsLabels() ? ClassMeans.fixed(k, o.latent(), o.separation(), layout) : null;
        Objective obj = objective(resolved, codec, bernoulli, x, means, k, adversary);
        List<Var> params = new ArrayList<>(codec.parameters().values());
        params.addAll(obj.extraParameters());
        Adam adam = new Adam(params, Adam.Options.of(o.lr()).withAmsGrad(o.amsGrad()));

        int[] perm = split.permutation(n);
        int nVal = (int) Math.floor(n * o.validation());
        if (n - nVal < 1) nVal = n - 1;
        int[] val = Arrays.copyOfRange(perm, 0, nVal), train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        float[] weights = rowWeights(o, labels, k);
        Loop loop = new Loop(o, x, labels, weights, obj, adam, params, log);
        TrainingHistory h = loop.run(train, val, shuffle, noise);

        // keep a seeded sample of training codes (all rows when there are few enough)
        int[] kept = n <= o.maxCodes() ? identity(n) : Arrays.copyOf(keep.permutation(n), o.maxCodes());
        Arrays.sort(kept);
        double[][] keptX = new double[kept.length][];
        int[] keptLabels = labels == null ? null : new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            keptX[i] = x[kept[i]];
            if (keptLabels != null) keptLabels[i] = labels[kept[i]];
        }
        Var m = obj.classMeans();
        double[][] meansOut = m == null ? null : toRows(m.value());
        String[] cls = labels == null ? null : classes != null ? classes : classNames(k);
        TrainedAutoencoder model = new TrainedAutoencoder(resolved, d, encoder, cls, codec, meansOut, null, keptLabels, h);
        return new TrainedAutoencoder(resolved, d, encoder, cls, codec, meansOut, model.encode(keptX), keptLabels, h);
    }

    private static Objective objective(AeOptions o, DenseCodec codec, boolean bernoulli, double[][] x, Tensor means,
                                       int k, Rng rng) {
        return switch (o.kind()) {
            case AE -> new Autoencoder(codec, bernoulli);
            case DAE -> {
                int d = x[0].length;
                double[] lo = new double[d], hi = new double[d];
                Arrays.fill(lo, Double.POSITIVE_INFINITY);
                Arrays.fill(hi, Double.NEGATIVE_INFINITY);
                for (double[] r : x) {
                    for (int j = 0; j < d; j++) {
                        lo[j] = Math.min(lo[j], r[j]);
                        hi[j] = Math.max(hi[j], r[j]);
                    }
                }
                yield new DenoisingAutoencoder(codec, bernoulli, o, lo, hi);
            }
            case SAE -> new SparseAutoencoder(codec, bernoulli, o);
            case CAE -> new ContractiveAutoencoder(codec, bernoulli, o);
            case VAE -> new Vae(codec, bernoulli, o);
            case CLVAE -> new ConditionalLatentVae(codec, bernoulli, o, means);
            case AAE -> new AdversarialAutoencoder(codec, bernoulli, o, means, k, rng);
        };
    }

    /** The number of classes; checks the labels the model needs. */
    private static int checkLabels(AeOptions o, int[] labels, String[] classes, int n) {
        if (labels == null) {
            if (o.needsLabels()) {
                throw new IllegalArgumentException(o.kind().cliName() + (o.kind() == ModelKind.AAE ? " with prior=mixture" : "")
                        + " needs a class label: give --label COL for CSV data (idx data has one)");
            }
            if (o.classWeight() == AeOptions.ClassWeight.BALANCED) {
                throw new IllegalArgumentException("class_weight=balanced needs a class label (--label COL)");
            }
            return 0;
        }
        if (labels.length != n) throw new IllegalArgumentException(labels.length + " labels for " + n + " rows");
        int k = classes != null ? classes.length : 0;
        for (int y : labels) {
            if (y < 0 || (classes != null && y >= k)) {
                throw new IllegalArgumentException("label code " + y + ": expected 0.." + (k - 1));
            }
            if (classes == null) k = Math.max(k, y + 1);
        }
        return k;
    }

    private static float[] rowWeights(AeOptions o, int[] labels, int k) {
        if (o.classWeight() != AeOptions.ClassWeight.BALANCED) return null;
        int[] count = new int[k];
        for (int y : labels) count[y]++;
        float[] w = new float[labels.length];
        for (int i = 0; i < w.length; i++) w[i] = (float) ((double) labels.length / (k * (double) count[labels[i]]));
        return w;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }

    private static String[] classNames(int k) {
        String[] s = new String[k];
        for (int i = 0; i < k; i++) s[i] = Integer.toString(i);
        return s;
    }

    private static double[][] toRows(Tensor t) {
        double[][] m = new double[t.dim(0)][t.dim(1)];
        for (int i = 0; i < m.length; i++) for (int j = 0; j < m[i].length; j++) m[i][j] = t.get(i, j);
        return m;
    }

    /** The epochs and steps of one training run. */
    private static final class Loop {
        private final AeOptions o;
        private final double[][] x;
        private final int[] labels;
        private final float[] weights;
        private final Objective obj;
        private final Adam adam;
        private final List<Var> params;
        private final Consumer<String> log;
        private final StepArena arena = new StepArena();
        private int step;

        Loop(AeOptions o, double[][] x, int[] labels, float[] weights, Objective obj, Adam adam, List<Var> params,
             Consumer<String> log) {
            this.o = o;
            this.x = x;
            this.labels = labels;
            this.weights = weights;
            this.obj = obj;
            this.adam = adam;
            this.params = params;
            this.log = log;
        }

        TrainingHistory run(int[] train, int[] val, Rng shuffle, Rng noise) {
            double[] trainLoss = new double[o.epochs()], validLoss = new double[o.epochs()];
            Arrays.fill(validLoss, Double.NaN);
            boolean early = val.length > 0 && o.patience() > 0;
            float[][] best = null;
            double bestVal = Double.POSITIVE_INFINITY;
            int bestEpoch = 0, sinceBest = 0, done = 0;
            String stop = null;
            boolean diverged = false;
            long start = System.nanoTime();
            for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                long t0 = System.nanoTime();
                int[] order = shuffle.permutation(train.length);
                double[] sums = null;
                List<String> names = null;
                String failure = null;
                for (int from = 0; from < train.length && failure == null; from += o.batch()) {
                    int to = Math.min(train.length, from + o.batch());
                    int[] rows = new int[to - from];
                    for (int i = 0; i < rows.length; i++) rows[i] = train[order[from + i]];
                    try (StepArena s = arena.enter()) {
                        Batch b = batch(rows, step, noise);
                        LossTerms t = obj.loss(b);
                        double loss = t.total().item();
                        if (!Double.isFinite(loss)) {
                            failure = "loss is " + loss + " at epoch " + epoch + ", step " + step;
                            break;
                        }
                        double[] v = t.values();
                        if (sums == null) {
                            sums = new double[v.length + 1];
                            names = t.names();
                        }
                        sums[0] += loss * rows.length;
                        for (int i = 0; i < v.length; i++) sums[i + 1] += v[i] * rows.length;
                        adam.zeroGrad();
                        t.total().backward();
                        // the norm is needed anyway to catch a non-finite gradient before it reaches the parameters
                        double norm = GradClip.clipGlobalNorm(params, o.clip() > 0 ? o.clip() : Double.MAX_VALUE);
                        if (!Double.isFinite(norm)) {
                            failure = "gradient norm is " + norm + " at epoch " + epoch + ", step " + step;
                            break;
                        }
                        adam.step();
                        obj.afterStep(b);
                        step++;
                    }
                }
                if (failure != null) {
                    stop = failure + ": training diverged and stopped; the last good parameters are kept"
                            + " (lower lr, set clip, or check the input for huge values)";
                    diverged = true;
                    if (log != null) log.accept(stop);
                    break;
                }
                done = epoch;
                trainLoss[epoch - 1] = sums[0] / train.length;
                if (val.length > 0) validLoss[epoch - 1] = validationLoss(val);
                long now = System.nanoTime();
                if (log != null) {
                    log.accept(progress(epoch, names, sums, train.length, validLoss[epoch - 1], now - t0,
                            (now - start) / (double) epoch * (o.epochs() - epoch)));
                }
                if (early) {
                    if (validLoss[epoch - 1] < bestVal) {
                        bestVal = validLoss[epoch - 1];
                        bestEpoch = epoch;
                        best = snapshot();
                        sinceBest = 0;
                    } else if (++sinceBest >= o.patience()) {
                        stop = "early stopping at epoch " + epoch + ": no validation improvement for " + o.patience()
                                + " epochs; keeping epoch " + bestEpoch;
                        if (log != null) log.accept(stop);
                        break;
                    }
                } else {
                    bestEpoch = epoch;
                }
            }
            if (early && best != null && bestEpoch != done) restore(best);
            if (diverged && early && best != null) restore(best);
            return new TrainingHistory(done, Arrays.copyOf(trainLoss, done), Arrays.copyOf(validLoss, done),
                    diverged && !early ? done : bestEpoch, stop, diverged);
        }

        private Batch batch(int[] rows, int stepIndex, Rng noise) {
            int d = x[0].length;
            Tensor xb = Tensor.zeros(rows.length, d);
            float[] a = xb.data();
            for (int i = 0; i < rows.length; i++) for (int j = 0; j < d; j++) a[i * d + j] = (float) x[rows[i]][j];
            int[] yb = null;
            if (labels != null) {
                yb = new int[rows.length];
                for (int i = 0; i < rows.length; i++) yb[i] = labels[rows[i]];
            }
            Var wb = null;
            if (weights != null) {
                Tensor w = Tensor.zeros(rows.length, 1);
                for (int i = 0; i < rows.length; i++) w.setAt(i, weights[rows[i]]);
                wb = Var.constant(w);
            }
            return new Batch(Var.constant(xb), yb, wb, stepIndex, noise);
        }

        /** The mean loss over the validation rows, with noise from a fixed stream (comparable between epochs). */
        private double validationLoss(int[] val) {
            Rng fixed = new Rng(o.seed() ^ 0x5DEECE66DL);
            double sum = 0;
            try (NoGrad ignored = NoGrad.enter()) {
                for (int from = 0; from < val.length; from += o.batch()) {
                    int to = Math.min(val.length, from + o.batch());
                    try (StepArena s = arena.enter()) {
                        sum += obj.loss(batch(Arrays.copyOfRange(val, from, to), step, fixed)).total().item() * (to - from);
                    }
                }
            }
            return sum / val.length;
        }

        private float[][] snapshot() {
            float[][] s = new float[params.size()][];
            for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().toArray();
            return s;
        }

        private void restore(float[][] s) {
            for (int i = 0; i < s.length; i++) {
                Tensor v = params.get(i).value();
                System.arraycopy(s[i], 0, v.data(), v.offset(), s[i].length);
            }
        }

        private String progress(int epoch, List<String> names, double[] sums, int n, double val, long nanos, double etaNanos) {
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "epoch %d/%d  loss %.4f", epoch, o.epochs(), sums[0] / n));
            b.append(" (");
            for (int i = 0; i < names.size(); i++) {
                if (i > 0) b.append(", ");
                b.append(names.get(i)).append(String.format(Locale.ROOT, " %.4f", sums[i + 1] / n));
            }
            b.append(')');
            if (!Double.isNaN(val)) b.append(String.format(Locale.ROOT, "  val %.4f", val));
            b.append(String.format(Locale.ROOT, "  %.0f samples/s  ETA %s", n / (nanos / 1e9), clock(etaNanos / 1e9)));
            return b.toString();
        }

        private static String clock(double seconds) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
        }
    }
}
