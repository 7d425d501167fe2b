package io.latentad.models.ae;

import io.latentad.engine.autodiff.NoGrad;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.optim.GradClip;
import io.latentad.engine.optim.LrSchedule;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.data.SampleShape;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The epochs and steps of one training run: seeded shuffling each epoch, minibatches from the one
 * {@link SampleBatches batch builder}, Adam or AMSGrad with optional global-norm clipping, early
 * stopping on the validation loss (the best epoch's parameters are kept), and a per-epoch progress
 * line (each loss term, validation loss, samples/s, ETA; {@code null} log = quiet).
 *
 * <p>Divergence: a non-finite loss or gradient, or a step loss above {@value #EXPLOSION} times the
 * first step's (floored at 1), stops training with a message. The parameters kept are the last
 * <em>checked</em> ones: at the end of each epoch the parameters must be finite and give a finite,
 * non-exploding loss on the validation rows (or, without a validation split, on the first batch of
 * training rows) before they are remembered as good. The best validation epoch's parameters are
 * kept when early stopping is on; when no epoch passed the check, {@link TrainingHistory#epochs()}
 * is 0 and the trainer refuses to return a model.
 *
 * <p>Weight averaging ({@link TrainingOptions#average()} = K &gt; 0): after the last epoch the network gets the mean
 * (summed in double, rounded to float once) of the checked parameters at the ends of the last K epochs; the
 * epoch hook sees each epoch's own parameters. A run that diverges keeps its last checked parameters instead.
 */
final class TrainingLoop {
    /** A step loss this many times the first step's (at least 1) counts as divergence. */
    static final double EXPLOSION = 1e6;

    private final TrainingOptions o;
    private final double[][] x;
    private final int[] labels;
    private final float[] weights;
    private final Objective obj;
    private final Adam adam;
    private final List<Var> params;
    private final Consumer<String> log;
    private final SampleShape.Sequence sequences;
    private final StepArena arena = new StepArena();
    private Consumer<TrainingHistory> afterEpoch;
    private Network net;
    private Rng netNoise;
    private SampleShape.Image image;
    private int shift;
    private Rng shiftNoise;
    private int step;

    TrainingLoop(TrainingOptions o, double[][] x, int[] labels, float[] weights, Objective obj, Adam adam, List<Var> params,
         Consumer<String> log) {
        this(o, x, labels, weights, obj, adam, params, log, null);
    }

    /**
     * @param sequences the network's sequence shape when it reads sequences of unequal length (the batches then
     *                  carry each row's steps when they differ), else null
     */
    TrainingLoop(TrainingOptions o, double[][] x, int[] labels, float[] weights, Objective obj, Adam adam, List<Var> params,
         Consumer<String> log, SampleShape.Sequence sequences) {
        this.o = o;
        this.x = x;
        this.labels = labels;
        this.weights = weights;
        this.obj = obj;
        this.adam = adam;
        this.params = params;
        this.log = log;
        this.sequences = sequences;
    }

    /**
     * Calls {@code hook} with the history so far (its last epoch the one just ended) after each epoch whose
     * parameters passed the check (before early stopping looks at it), while the network holds that epoch's
     * parameters; null = none. The hook must not
     * change the parameters; it draws on none of the training's random streams, so the run's bits are unchanged.
     */
    TrainingLoop afterEpoch(Consumer<TrainingHistory> hook) {
        this.afterEpoch = hook;
        return this;
    }

    /**
     * Gives {@code network} the stream {@code stream} of its own training noise (the dense encoder's dropout,
     * {@link Network#trainingNoise}) for each training step (its loss and {@link Objective#afterStep}), cleared after the step: validation losses, the epoch
     * hook and everything after training see the deterministic network. Without it the network draws no noise.
     */
    TrainingLoop networkNoise(Network network, Rng stream) {
        this.net = network;
        this.netNoise = stream;
        return this;
    }

    /**
     * Moves each image of every training batch by a random offset in [-shift, shift]^2 ({@link ImageShift},
     * {@code augment=shiftS}) drawn from {@code stream}, before the objective sees the batch (so before its input
     * masking); validation batches are not moved. {@code shift} 0 = off (the default): no draw, the batches as they are.
     */
    TrainingLoop augment(SampleShape.Image img, int shift, Rng stream) {
        if (shift > 0 && (img == null || stream == null)) throw new IllegalArgumentException("augment: needs an image shape and a stream");
        this.image = img;
        this.shift = shift;
        this.shiftNoise = stream;
        return this;
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
        float[][] good = null;
        int goodEpoch = 0;
        double limit = Double.NaN;
        double[][] sum = null; // weight averaging: the sum of the parameters at the averaged epochs' ends
        int averaged = 0;
        long start = System.nanoTime();
        int stepsPerEpoch = (train.length + o.batch() - 1) / o.batch();
        LrSchedule schedule = o.schedule(stepsPerEpoch);
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
                    Batch b = batch(rows, step, noise, shift > 0);
                    if (net != null) net.trainingNoise(netNoise); // the whole step (the aae's adversary phases too)
                    LossTerms t = obj.loss(b);
                    double loss = t.total().item();
                    if (Double.isNaN(limit)) limit = EXPLOSION * Math.max(1, loss);
                    if (!Double.isFinite(loss) || loss > limit) {
                        failure = "loss is " + loss + " at epoch " + epoch + ", step " + step
                                + (Double.isFinite(loss) ? " (over " + EXPLOSION + " times the first step's)" : "");
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
                    adam.setLearningRate(schedule.lr(step));
                    adam.step();
                    obj.afterStep(b);
                    step++;
                    if (log instanceof StepLog sl) sl.step(epoch, o.epochs(), from / o.batch() + 1, stepsPerEpoch);
                } finally {
                    if (net != null) net.trainingNoise(null);
                }
            }
            double check = Double.NaN;
            if (failure == null) {
                check = val.length > 0 ? validationLoss(val) : validationLoss(Arrays.copyOf(train, Math.min(train.length, o.batch())));
                if (!finiteParameters()) failure = "a parameter is not finite after epoch " + epoch;
                else if (!Double.isFinite(check) || check > limit) failure = "the check loss is " + check + " after epoch " + epoch;
            }
            if (failure != null) {
                stop = failure + ": training diverged and stopped; " + (goodEpoch > 0 ? "keeping the checked parameters of epoch "
                        + goodEpoch : "no epoch ended with good parameters") + " (lower lr, set clip, or check the input for huge values)";
                diverged = true;
                if (log != null && goodEpoch > 0) log.accept(stop); // else the trainer throws with it
                break;
            }
            done = epoch;
            good = snapshot();
            goodEpoch = epoch;
            if (o.average() > 0 && epoch > o.epochs() - o.average()) {
                if (sum == null) sum = new double[good.length][];
                for (int i = 0; i < good.length; i++) {
                    if (sum[i] == null) sum[i] = new double[good[i].length];
                    for (int j = 0; j < good[i].length; j++) sum[i][j] += good[i][j];
                }
                averaged++;
            }
            trainLoss[epoch - 1] = sums[0] / train.length;
            if (val.length > 0) validLoss[epoch - 1] = check;
            long now = System.nanoTime();
            if (log != null) {
                log.accept(progress(epoch, names, sums, train.length, validLoss[epoch - 1], now - t0,
                        (now - start) / (double) epoch * (o.epochs() - epoch)));
            }
            if (afterEpoch != null) {
                afterEpoch.accept(new TrainingHistory(epoch, Arrays.copyOf(trainLoss, epoch), Arrays.copyOf(validLoss, epoch),
                        epoch, null, false));
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
        if (early && best != null && (bestEpoch != done || diverged)) {
            restore(best);
        } else if (diverged && good != null) {
            restore(good);
            bestEpoch = goodEpoch;
        } else if (averaged > 0) {
            float[][] mean = new float[sum.length][];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = new float[sum[i].length];
                for (int j = 0; j < sum[i].length; j++) mean[i][j] = (float) (sum[i][j] / averaged);
            }
            restore(mean);
            if (log != null) log.accept("weight averaging: the mean of the parameters at the ends of epochs "
                    + (done - averaged + 1) + ".." + done);
        }
        return new TrainingHistory(done, Arrays.copyOf(trainLoss, done), Arrays.copyOf(validLoss, done),
                bestEpoch, stop, diverged);
    }

    private Batch batch(int[] rows, int stepIndex, Rng noise, boolean moved) {
        Tensor xb = SampleBatches.gather(x, rows);
        if (moved) ImageShift.apply(xb, image, shift, shiftNoise);
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
        int[] lengths = sequences == null ? null : SampleBatches.steps(x, rows, sequences.channels(), sequences.size());
        return new Batch(Var.constant(xb), yb, wb, stepIndex, noise, lengths);
    }

    /** The mean loss over the validation rows, with noise from a fixed stream (comparable between epochs). */
    private double validationLoss(int[] val) {
        Rng fixed = new Rng(o.seed() ^ 0x5DEECE66DL);
        double sum = 0;
        try (NoGrad ignored = NoGrad.enter()) {
            for (int from = 0; from < val.length; from += o.batch()) {
                int to = Math.min(val.length, from + o.batch());
                try (StepArena s = arena.enter()) {
                    sum += obj.loss(batch(Arrays.copyOfRange(val, from, to), step, fixed, false)).total().item() * (to - from);
                }
            }
        }
        return sum / val.length;
    }

    private boolean finiteParameters() {
        for (Var p : params) {
            Tensor v = p.value();
            float[] a = v.data();
            for (int i = v.offset(), end = v.offset() + v.size(); i < end; i++) if (!Float.isFinite(a[i])) return false;
        }
        return true;
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
