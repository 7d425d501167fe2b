package io.latentad.models.ae;

import io.latentad.engine.autodiff.ActivationOps;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Encoding;
import io.latentad.models.ae.net.Network;
import io.latentad.models.ae.net.NetworkSpec;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.SampleShape;
import io.latentad.models.detect.FittedDetector;
import io.latentad.models.detect.Threshold;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A trained member of the autoencoder family: its options, its network (architecture spec and
 * parameters), the class means of a class-conditioned prior, the feature encoder of its training
 * data (CSV) and a seeded sample of training codes (for the latent scorers). Made by
 * {@link AeTrainer#fit} or read from a model file ({@code models.io.ModelFile}). Its parameters never
 * change after it is made; the only state it gains is a memo of the latent detectors fitted on its
 * training codes ({@link #latentDetector}), so each is fitted once per model.
 *
 * <p>The code of a row is the encoder's mean {@code mu} (the posterior mean for variational
 * models). {@link #embed} is the one scoring pass: it encodes a batch once and returns the codes and
 * the reconstruction errors together. Evaluation runs in batches without building a graph; it is
 * deterministic.
 *
 * <p>A model whose network reads sequences of any length ({@link NetworkSpec#readsLengths()}, the VRAE) takes
 * rows of unequal length, each holding its own steps: batches are padded to their longest row and the
 * lengths passed on, so every per-row result (code, errors, reconstruction, per-step errors) covers the
 * row's own steps only and is the same whatever rows share its batch.
 */
public final class TrainedAutoencoder {
    private static final int EVAL_BATCH = 512;

    /** Codes of rows: the means, and the log-variances for variational models (else null). */
    public record Codes(double[][] mu, double[][] logVar) {
    }

    /**
     * What one pass over rows gives: their codes and their reconstruction errors, the sum over
     * features of the squared ({@code l2}) and absolute ({@code l1}) differences between a row and
     * its reconstruction (sigmoid of the logits, or the Gaussian mean, decoded from {@code mu}).
     */
    public record Embedding(Codes codes, double[] l2, double[] l1) {
        public int rows() {
            return l2.length;
        }
    }

    private final AeOptions options;
    private final int inputs;
    private final SampleShape.Sequence sequences;
    private final FeatureEncoder encoder;
    private final String[] classes;
    private final Network net;
    private final double[][] classMeans;
    private final Codes trainingCodes;
    private final int[] trainingLabels;
    private final TrainingHistory history;
    private final Map<String, Tensor> objectiveState;
    private final Threshold threshold;
    private final Map<String, FittedDetector> latentDetectors = new HashMap<>();
    /** {@link #net} prepared for the scoring passes ({@link Network#frozenForInference}), made at the first pass. */
    private volatile Network inference;

    TrainedAutoencoder(AeOptions options, Network net, FeatureEncoder encoder, String[] classes,
                       double[][] classMeans, Codes trainingCodes, int[] trainingLabels, TrainingHistory history) {
        this(options, net, encoder, classes, classMeans, trainingCodes, trainingLabels, history, Map.of(), null);
    }

    TrainedAutoencoder(AeOptions options, Network net, FeatureEncoder encoder, String[] classes,
                       double[][] classMeans, Codes trainingCodes, int[] trainingLabels, TrainingHistory history,
                       Map<String, Tensor> objectiveState, Threshold threshold) {
        if (options.output() == AeOptions.Output.AUTO) throw new IllegalArgumentException("model output distribution not resolved");
        if (options.hasAuto()) throw new IllegalArgumentException("model options hold auto values: " + options.toParams());
        this.options = options;
        this.inputs = net.spec().input().size();
        this.sequences = net.spec().readsLengths() ? (SampleShape.Sequence) net.spec().input() : null;
        this.encoder = encoder;
        this.classes = classes == null ? null : classes.clone();
        this.net = net;
        this.classMeans = classMeans;
        this.trainingCodes = trainingCodes;
        this.trainingLabels = trainingLabels;
        this.history = history;
        Map<String, Tensor> st = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : objectiveState.entrySet()) st.put(e.getKey(), e.getValue().copy());
        this.objectiveState = Collections.unmodifiableMap(st);
        this.threshold = threshold;
    }

    /**
     * Rebuilds a model from saved parts (what {@code models.io.ModelFile} reads).
     *
     * @param spec       the architecture, as {@link #spec()} gave it
     * @param parameters the network parameters by name, as {@link #parameters()} gave them
     */
    public static TrainedAutoencoder restore(AeOptions options, NetworkSpec spec, FeatureEncoder encoder, String[] classes,
                                             Map<String, Tensor> parameters, double[][] classMeans, Codes trainingCodes,
                                             int[] trainingLabels) {
        return restore(options, spec, encoder, classes, parameters, classMeans, trainingCodes, trainingLabels, Map.of(), null);
    }

    /**
     * Rebuilds a model from saved parts, with the objective's own tensors ({@link #objectiveState()})
     * and the stored threshold (or null).
     */
    public static TrainedAutoencoder restore(AeOptions options, NetworkSpec spec, FeatureEncoder encoder, String[] classes,
                                             Map<String, Tensor> parameters, double[][] classMeans, Codes trainingCodes,
                                             int[] trainingLabels, Map<String, Tensor> objectiveState, Threshold threshold) {
        if (spec.latent() != options.latent() || spec.variational() != options.kind().variational()) {
            throw new IllegalArgumentException("network " + spec.name() + " (latent " + spec.latent() + ") does not match model "
                    + options.kind().cliName() + " (latent " + options.latent() + ")");
        }
        Network net = spec.build(new Rng(0));
        net.load(parameters);
        return new TrainedAutoencoder(options, net, encoder, classes, classMeans, trainingCodes,
                trainingLabels, TrainingHistory.none(), objectiveState, threshold);
    }

    /** The latent prior this model learned (gmvae's mixture), or null: {@link ModelOptions#learnedPrior}. */
    public LearnedPrior learnedPrior() {
        return options.model().learnedPrior(this);
    }

    /**
     * The objective's own tensors by name (read-only; do not modify them): the parameters of its
     * extra networks and what it fitted after training (e.g. {@code mlp.0.weight} of aemlp,
     * {@code gmm.mu} of dagmm). Empty for the models that have none.
     */
    public Map<String, Tensor> objectiveState() {
        return objectiveState;
    }

    /** The threshold stored at training time, or null (models saved before thresholds existed). */
    public Threshold threshold() {
        return threshold;
    }

    /** A copy of this model with {@code t} as its stored threshold. */
    public TrainedAutoencoder withThreshold(Threshold t) {
        return new TrainedAutoencoder(options, net, encoder, classes, classMeans, trainingCodes, trainingLabels, history,
                objectiveState, t);
    }

    /** The architecture (what the model file stores). */
    public NetworkSpec spec() {
        return net.spec();
    }

    /** What one sample is. */
    public SampleShape shape() {
        return net.spec().input();
    }

    public ModelKind kind() {
        return options.kind();
    }

    /** The training options, with the output distribution resolved (never {@code auto}). */
    public AeOptions options() {
        return options;
    }

    public boolean bernoulli() {
        return options.output() == AeOptions.Output.BERNOULLI;
    }

    /** Width of the rows the model accepts. */
    public int dimension() {
        return inputs;
    }

    public int latent() {
        return options.latent();
    }

    /** The CSV feature encoder of the training data, or null (idx / ucr data). */
    public FeatureEncoder encoder() {
        return encoder;
    }

    /** Class names by code, or null when trained without labels. */
    public String[] classes() {
        return classes == null ? null : classes.clone();
    }

    /** The class means {@code [classes][latent]} of a class-conditioned prior, or null. */
    public double[][] classMeans() {
        return classMeans == null ? null : deepCopy(classMeans);
    }

    /** The kept sample of training codes (at most {@code codes} rows). */
    public Codes trainingCodes() {
        return trainingCodes;
    }

    /** Labels of the kept training codes, or null. */
    public int[] trainingLabels() {
        return trainingLabels == null ? null : trainingLabels.clone();
    }

    public TrainingHistory history() {
        return history;
    }

    /** Copies of the network parameters by name (for persistence). */
    public Map<String, Tensor> parameters() {
        return net.parameterValues();
    }

    /**
     * The latent detector {@code key} fitted on the kept training codes, fitted by {@code fit} the
     * first time it is asked for and kept (a model's training codes never change).
     */
    public FittedDetector latentDetector(String key, Function<double[][], FittedDetector> fit) {
        synchronized (latentDetectors) {
            return latentDetectors.computeIfAbsent(key, k -> fit.apply(trainingCodes.mu()));
        }
    }

    /**
     * The network of the scoring passes: a copy of {@link #net} with its parameters prepared once for many batches
     * (the dense layers' weights packed for the GEMM), the same outputs to the bit. Made at the first pass: the
     * parameters never change after the model is made.
     */
    private Network inference() {
        Network f = inference;
        if (f == null) {
            synchronized (this) {
                f = inference;
                if (f == null) inference = f = net.frozenForInference();
            }
        }
        return f;
    }

    /** The codes of {@code x}. */
    public Codes encode(double[][] x) {
        int n = x.length, d = options.latent();
        double[][] mu = new double[n][d], lv = options.kind().variational() ? new double[n][d] : null;
        Network scoring = inference();
        inputBatches(x, (from, to, in, len) -> {
            Encoding e = scoring.encode(in, len);
            SampleBatches.copyRows(e.mu().value(), mu, from);
            if (lv != null) SampleBatches.copyRows(e.logVar().value(), lv, from);
        });
        return new Codes(mu, lv);
    }

    /**
     * The one scoring pass: encodes each batch of {@code x} once, keeps its codes, decodes the
     * means and sums the squared and absolute errors per row, without materialising the
     * reconstructions. The same values as {@link #encode} and {@link #reconstructionErrors}.
     */
    public Embedding embed(double[][] x) {
        int n = x.length, d = options.latent();
        double[][] mu = new double[n][d], lv = options.kind().variational() ? new double[n][d] : null;
        double[] l2 = new double[n], l1 = new double[n];
        Network scoring = inference();
        inputBatches(x, (from, to, in, len) -> {
            Encoding e = scoring.encode(in, len);
            SampleBatches.copyRows(e.mu().value(), mu, from);
            if (lv != null) SampleBatches.copyRows(e.logVar().value(), lv, from);
            errors(scoring.decode(e.mu(), len), x, from, to, l2, l1);
        });
        return new Embedding(new Codes(mu, lv), l2, l1);
    }

    /** The decoder output for codes {@code z}: Bernoulli logits or Gaussian means. */
    public double[][] decode(double[][] z) {
        return decode(z, null, false);
    }

    /**
     * The decoder output for codes {@code z} as sequences of {@code lengths[i]} steps (row {@code i} holds
     * {@code lengths[i] * channels} values), for a model that reads sequences of any length; null lengths:
     * {@link #decode(double[][])}.
     */
    public double[][] decode(double[][] z, int[] lengths) {
        return decode(z, lengths, false);
    }

    /**
     * The steps of each row of {@code x} for a model that reads sequences of any length, or null when every
     * row is a full sample (or the model reads samples of one width).
     */
    public int[] lengthsOf(double[][] x) {
        return sequences == null ? null : SampleBatches.steps(x, 0, x.length, sequences.channels(), inputs);
    }

    /** The reconstruction of {@code x} from its code: {@code sigmoid(logits)} or the Gaussian mean (each row its own length). */
    public double[][] reconstruct(double[][] x) {
        return decode(encode(x).mu(), lengthsOf(x), bernoulli());
    }

    /**
     * The reconstruction error of each row of {@code x}: the sum over features of the squared (or,
     * with {@code l1}, absolute) difference between the row and {@link #reconstruct its
     * reconstruction}. Same values as summing {@link ReconstructionError#perFeature}, computed batch
     * by batch without materialising the reconstructions (the scoring hot path).
     */
    public double[] reconstructionErrors(double[][] x, boolean l1) {
        double[] out = new double[x.length];
        Network scoring = inference();
        inputBatches(x, (from, to, in, len) ->
                errors(scoring.decode(scoring.encode(in, len).mu(), len), x, from, to, l1 ? null : out, l1 ? out : null));
        return out;
    }

    /**
     * Where in a sequence the reconstruction went wrong: for each row of {@code x} (samples of the
     * model's {@code Sequence(T, C)} shape), the squared error of each step, summed over its C channels.
     * A row's steps sum to its {@code recon} score. Sequences of unequal length: each row has its own steps.
     */
    public double[][] stepErrors(double[][] x) {
        if (!(shape() instanceof SampleShape.Sequence q)) {
            throw new IllegalArgumentException("per-step errors need a model trained on sequences: this one reads " + shape());
        }
        int steps = q.steps(), c = q.channels();
        double[][] e = new ReconstructionError(false).perFeature(this, x);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[e[i].length / c];
            for (int t = 0; t < out[i].length; t++) {
                double s2 = 0;
                for (int j = t * c; j < (t + 1) * c; j++) s2 += e[i][j];
                out[i][t] = s2;
            }
        }
        return out;
    }

    /**
     * Per-row squared ({@code l2}) and absolute ({@code l1}) errors of the decoder output {@code o} for rows [from, to);
     * either may be null. Fused for cache: eight rows at a time (25 KB at 784 features) get their sigmoid, then their
     * errors while they are in L1, instead of a sigmoid pass and an error pass over the whole batch (1.6 MB at 512 x 784,
     * past L2). Each row's sums run element by element in double, in the row's order (the bits of the plain loop); four
     * rows run side by side so that their eight add chains overlap instead of each waiting on its own latency.
     */
    private void errors(Var o, double[][] x, int from, int to, double[] l2, double[] l1) {
        Tensor r = o.value();
        float[] a = r.data();
        int base = r.offset(), width = r.dim(1);
        double[] s2 = new double[4], s1 = new double[4];
        for (int g = from; g < to; g += ERROR_ROWS) {
            int gEnd = Math.min(to, g + ERROR_ROWS);
            int off = base + (g - from) * width;
            // in place: the decoder output of a scoring batch is read by nothing else (no graph, no other use);
            // chunks of 8 rows from the tensor's first element keep the bits of one call on the whole tensor
            if (bernoulli()) Kernels.sigmoid((gEnd - g) * width, a, off, a, off);
            int i = g;
            for (; i + 4 <= gEnd && sameLength(x, i, 4); i += 4, off += 4 * width) {
                rowErrors4(x[i], x[i + 1], x[i + 2], x[i + 3], a, off, width, s2, s1);
                for (int q = 0; q < 4; q++) {
                    if (l2 != null) l2[i + q] = s2[q];
                    if (l1 != null) l1[i + q] = s1[q];
                }
            }
            for (; i < gEnd; i++, off += width) {
                double[] row = x[i];
                double e2 = 0, e1 = 0;
                for (int j = 0; j < row.length; j++) {
                    double e = row[j] - a[off + j];
                    e2 += e * e;
                    e1 += Math.abs(e);
                }
                if (l2 != null) l2[i] = e2;
                if (l1 != null) l1[i] = e1;
            }
        }
    }

    /** Rows fused per sigmoid chunk in {@link #errors}: a multiple of 8, so the chunks keep the sigmoid's bits. */
    private static final int ERROR_ROWS = 8;

    private static boolean sameLength(double[][] x, int from, int rows) {
        for (int i = from + 1; i < from + rows; i++) if (x[i].length != x[from].length) return false;
        return true;
    }

    /** The sums of {@link #errors} for four rows of one length, output rows {@code width} floats apart from {@code off}. */
    private static void rowErrors4(double[] r0, double[] r1, double[] r2, double[] r3, float[] a, int off, int width,
                                   double[] s2, double[] s1) {
        int o0 = off, o1 = off + width, o2 = off + 2 * width, o3 = off + 3 * width, n = r0.length;
        double a2 = 0, b2 = 0, c2 = 0, d2 = 0, a1 = 0, b1 = 0, c1 = 0, d1 = 0;
        for (int j = 0; j < n; j++) {
            double e0 = r0[j] - a[o0 + j], e1 = r1[j] - a[o1 + j], e2 = r2[j] - a[o2 + j], e3 = r3[j] - a[o3 + j];
            a2 += e0 * e0;
            b2 += e1 * e1;
            c2 += e2 * e2;
            d2 += e3 * e3;
            a1 += Math.abs(e0);
            b1 += Math.abs(e1);
            c1 += Math.abs(e2);
            d1 += Math.abs(e3);
        }
        s2[0] = a2; s2[1] = b2; s2[2] = c2; s2[3] = d2;
        s1[0] = a1; s1[1] = b1; s1[2] = c1; s1[3] = d1;
    }

    private double[][] decode(double[][] z, int[] lengths, boolean sigmoid) {
        int n = z.length;
        for (int i = 0; i < n; i++) {
            if (z[i].length != options.latent()) {
                throw new IllegalArgumentException("code row " + i + " has " + z[i].length + " values: expected " + options.latent());
            }
        }
        if (lengths != null) {
            if (sequences == null) throw new IllegalArgumentException("lengths given to a model of samples of one width (" + shape().describe() + ")");
            if (lengths.length != n) throw new IllegalArgumentException(lengths.length + " lengths for " + n + " codes");
            for (int i = 0; i < n; i++) {
                if (lengths[i] < 1) throw new IllegalArgumentException("length " + lengths[i] + " of row " + i + ": expected >= 1 steps");
            }
        }
        double[][] out = new double[n][];
        Network scoring = inference();
        SampleBatches.inBatches(EVAL_BATCH, n, (from, to) -> {
            int[] len = lengths == null ? null : java.util.Arrays.copyOfRange(lengths, from, to);
            Var o = scoring.decode(Var.constant(SampleBatches.range(z, from, to)), len);
            if (sigmoid) o = ActivationOps.sigmoid(o);
            Tensor r = o.value();
            int width = r.dim(1), c = sequences == null ? 1 : sequences.channels();
            float[] a = r.data();
            for (int i = from; i < to; i++) {
                int w = len == null ? width : len[i - from] * c, off = r.offset() + (i - from) * width;
                double[] row = new double[w];
                for (int j = 0; j < w; j++) row[j] = a[off + j];
                out[i] = row;
            }
        });
        return out;
    }

    /**
     * Runs {@code body} on each evaluation batch of rows {@code x} ({@link SampleBatches#inBatches}), given as
     * its float tensor and its lengths. Widths are checked first; each batch's values are checked as it is
     * converted, and a value that is not a finite float is named ({@link #requireRows}) after the batches ran.
     */
    private void inputBatches(double[][] x, InputBatch body) {
        requireWidths(x);
        AtomicBoolean bad = new AtomicBoolean();
        SampleBatches.inBatches(EVAL_BATCH, x.length, (from, to) -> {
            Tensor in = SampleBatches.rangeIfFinite(x, from, to);
            if (in == null) bad.set(true);
            else body.run(from, to, Var.constant(in), batchLengths(x, from, to));
        });
        if (bad.get()) requireRows(x);
    }

    /** Work on one evaluation batch of input rows {@code [from, to)}: their tensor and lengths (null: full rows). */
    @FunctionalInterface
    private interface InputBatch {
        void run(int from, int to, Var in, int[] lengths);
    }

    /** The steps of rows {@code [from, to)} for the network, or null (full samples, or a network of one width). */
    private int[] batchLengths(double[][] x, int from, int to) {
        return sequences == null ? null : SampleBatches.steps(x, from, to, sequences.channels(), inputs);
    }

    /**
     * Checks the width and finiteness of rows to encode: {@link #dimension()} values, or for a model that reads
     * sequences of any length, any whole number (at least one) of steps; every value finite and within float
     * range (the network computes in float: a larger value would become infinite there).
     */
    public void requireRows(double[][] x) {
        requireWidths(x);
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + j + " is " + x[i][j] + ": expected a finite number");
                }
                if (!Float.isFinite((float) x[i][j])) {
                    throw new IllegalArgumentException("row " + i + ", feature " + j + " is " + x[i][j]
                            + ": beyond float range (the network computes in float: expected |value| <= " + Float.MAX_VALUE + ")");
                }
            }
        }
    }

    /** The width part of {@link #requireRows}: the values themselves are checked batch by batch as they are converted. */
    private void requireWidths(double[][] x) {
        if (x == null) throw new IllegalArgumentException("no rows");
        for (int i = 0; i < x.length; i++) {
            if (sequences != null) {
                int c = sequences.channels();
                if (x[i].length < c || x[i].length % c != 0) {
                    throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values: expected a sequence of whole steps of "
                            + c + " channel" + (c == 1 ? "" : "s") + " (at least one step)");
                }
            } else if (x[i].length != inputs) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features: expected " + inputs
                        + " as the model was trained on");
            }
        }
    }


    static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
