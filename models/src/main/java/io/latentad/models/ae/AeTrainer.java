package io.latentad.models.ae;

import io.latentad.engine.autodiff.Var;
import io.latentad.engine.optim.Adam;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import io.latentad.models.ae.net.Network;
import io.latentad.models.ae.net.NetworkSpec;
import io.latentad.models.common.Params;
import io.latentad.models.data.Dataset;
import io.latentad.models.data.FeatureEncoder;
import io.latentad.models.data.SampleShape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Trains a member of the family: checks the data, resolves the output distribution, builds the
 * network its options describe for the data's sample shape, lets the model's options make its
 * {@link Objective}, and runs the one {@link TrainingLoop}. The seed drives every random choice
 * through split streams (initialisation, split, shuffling, noise, class-mean layout, kept codes,
 * the objective's own), so the same seed, data and thread count give the same bits.
 */
public final class AeTrainer {
    private AeTrainer() {
    }

    /**
     * Receives a snapshot after each training epoch: an independent model holding that epoch's parameters
     * (copies) and the codes of the kept training rows under them, with the history so far. What a snapshot
     * ensemble needs (the models after epochs 6..10 of one run, say) at the cost of one run and one encoding
     * of the kept rows per epoch.
     */
    @FunctionalInterface
    public interface EpochSnapshot {
        void accept(int epoch, TrainedAutoencoder snapshot);
    }

    /** Trains on a dataset (its sample shape, labels, classes and CSV encoder are used and kept). */
    public static TrainedAutoencoder fit(AeOptions o, Dataset data, Consumer<String> log) {
        return fit(o, data.x(), data.shape(), data.labels(), data.classes(), data.encoder(), log, null);
    }

    /**
     * Trains on a dataset as {@link #fit(AeOptions, Dataset, Consumer)} and hands {@code each} a snapshot after
     * every epoch that passed the training loop's check. The snapshots draw on none of the training's random
     * streams: the returned model has the same bits as without them.
     */
    public static TrainedAutoencoder fit(AeOptions o, Dataset data, Consumer<String> log, EpochSnapshot each) {
        return fit(o, data.x(), data.shape(), data.labels(), data.classes(), data.encoder(), log, each);
    }

    /**
     * Trains on rows {@code x} of plain features with optional class codes {@code labels}
     * (required by clvae and by aae with the mixture prior) and class names.
     */
    public static TrainedAutoencoder fit(AeOptions o, double[][] x, int[] labels, String[] classes,
                                         FeatureEncoder encoder, Consumer<String> log) {
        return fit(o, x, null, labels, classes, encoder, log, null);
    }

    /** As {@link #fit(AeOptions, double[][], int[], String[], FeatureEncoder, Consumer)}, with a snapshot after each epoch. */
    public static TrainedAutoencoder fit(AeOptions o, double[][] x, int[] labels, String[] classes,
                                         FeatureEncoder encoder, Consumer<String> log, EpochSnapshot each) {
        return fit(o, x, null, labels, classes, encoder, log, each);
    }

    private static TrainedAutoencoder fit(AeOptions o, double[][] x, SampleShape shape, int[] labels, String[] classes,
                                          FeatureEncoder encoder, Consumer<String> log, EpochSnapshot each) {
        if (each != null && (o.kind() == ModelKind.AEMLP || o.kind() == ModelKind.DAGMM)) {
            // their objective fits a part after training (the error predictor, the mixture): not per epoch
            throw new IllegalArgumentException("epoch snapshots: " + o.kind().cliName() + " fits a part after training; "
                    + "snapshots are for the other models");
        }
        int n = x == null ? 0 : x.length;
        if (n < 2) throw new IllegalArgumentException("training data has " + n + " rows: expected at least 2");
        int d = x[0].length;
        if (d < 1) throw new IllegalArgumentException("training data has no features");
        if (shape == null) shape = SampleShape.row(d);
        NetworkSpec spec = o.net().spec(shape, o.kind().variational());
        // sequences of unequal length (each row its own steps): only a recurrent network under the VAE objective reads them
        boolean unequal = unequalLengths(x, shape);
        if (unequal) requireLengthReader(o, spec, x, shape);
        boolean inUnit = true;
        for (int i = 0; i < n; i++) {
            if (!unequal && x[i].length != d) throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features: expected " + d);
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
        if (bernoulli && !inUnit) throw Params.bad("output", "bernoulli", "data in [0, 1] (found values outside; use output=gaussian)");
        // auto options (the CL-VAE's learning rate, schedule, input dropout, separation) follow the likelihood
        if (o.hasAuto()) {
            AeOptions given = o;
            o = o.resolveAuto(bernoulli);
            if (log != null) log.accept(autoLine(given, o, bernoulli));
        }
        AeOptions resolved = o.withOutput(bernoulli ? AeOptions.Output.BERNOULLI : AeOptions.Output.GAUSSIAN);
        TrainingOptions t = o.training();

        Rng root = new Rng(t.seed());
        Rng init = root.split(), split = root.split(), shuffle = root.split(), noise = root.split(),
                layout = root.split(), keep = root.split(), own = root.split(), netNoise = root.split();
        Rng shiftNoise = root.split(); // after the others: no other stream moves with augmentation on or off
        SampleShape.Image image = t.augmentShift() > 0 ? augmentImage(o, spec, shape, t.augmentShift()) : null;
        Network net = spec.build(init);
        Tensor means = o.needsLabels() ? ClassMeans.fixed(k, o.latent(), o.model().separation(), layout) : null;
        Objective obj = o.model().objective(new ObjectiveContext(net, bernoulli, x, means, k, own, t));
        List<Var> params = new ArrayList<>(net.parameters().values());
        params.addAll(obj.extraParameters());
        params.addAll(obj.ownParameters().values());
        Adam adam = new Adam(params, t.adam(t.lr()));

        int[] perm = split.permutation(n);
        int nVal = (int) Math.floor(n * t.validation());
        if (n - nVal < 1) nVal = n - 1;
        int[] val = Arrays.copyOfRange(perm, 0, nVal), train = Arrays.copyOfRange(perm, nVal, n);
        Arrays.sort(val);
        Arrays.sort(train);
        float[] weights = rowWeights(t, labels, k);
        TrainingLoop loop = new TrainingLoop(t, x, labels, weights, obj, adam, params, log,
                unequal ? (SampleShape.Sequence) shape : null).networkNoise(net, netNoise)
                .augment(image, t.augmentShift(), shiftNoise);
        // the kept sample of training codes is drawn before training (its stream is its own): all rows when few enough
        int[] kept = n <= t.maxCodes() ? identity(n) : Arrays.copyOf(keep.permutation(n), t.maxCodes());
        Arrays.sort(kept);
        double[][] keptX = new double[kept.length][];
        int[] keptLabels = labels == null ? null : new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            keptX[i] = x[kept[i]];
            if (keptLabels != null) keptLabels[i] = labels[kept[i]];
        }
        String[] cls = labels == null ? null : classes != null ? classes : classNames(k);
        if (each != null) {
            loop.afterEpoch(hist -> {
                Network copy = spec.build(new Rng(0));
                copy.load(net.parameterValues());
                each.accept(hist.epochs(), model(resolved, copy, encoder, cls, obj, x, keptX, keptLabels, hist, null));
            });
        }
        TrainingHistory h = loop.run(train, val, shuffle, noise);
        if (h.epochs() == 0) {
            throw new IllegalArgumentException(h.stopReason() + "; nothing to save");
        }
        return model(resolved, net, encoder, cls, obj, x, keptX, keptLabels, h, log);
    }

    /** The model of {@code net}'s current parameters: the objective's state, the codes of the kept rows. */
    private static TrainedAutoencoder model(AeOptions resolved, Network net, FeatureEncoder encoder, String[] cls, Objective obj,
                                            double[][] x, double[][] keptX, int[] keptLabels, TrainingHistory h,
                                            Consumer<String> log) {
        Var m = obj.classMeans();
        double[][] meansOut = m == null ? null : toRows(m.value());
        TrainedAutoencoder model = new TrainedAutoencoder(resolved, net, encoder, cls, meansOut, null, keptLabels, h);
        Map<String, Tensor> fitted = obj.finish(model, x, log);
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, Var> e : obj.ownParameters().entrySet()) state.put(e.getKey(), e.getValue().value());
        for (Map.Entry<String, Tensor> e : fitted.entrySet()) {
            if (state.put(e.getKey(), e.getValue()) != null) throw new IllegalStateException("objective state " + e.getKey() + " named twice");
        }
        return new TrainedAutoencoder(resolved, net, encoder, cls, meansOut, model.encode(keptX), keptLabels, h, state, null);
    }

    /** The line that says what {@code auto} became: {@code auto on Bernoulli output (data in [0, 1]): lr=0.003 ...}. */
    private static String autoLine(AeOptions given, AeOptions resolved, boolean bernoulli) {
        Map<String, String> before = given.toParams(), after = resolved.toParams();
        StringBuilder b = new StringBuilder(bernoulli ? "auto on Bernoulli output (data in [0, 1]):" : "auto on Gaussian output:");
        for (Map.Entry<String, String> e : before.entrySet()) {
            if (e.getValue().equals(Params.AUTO) && !e.getKey().equals("output")) {
                b.append(' ').append(e.getKey()).append('=').append(after.get(e.getKey()));
            }
        }
        return b.toString();
    }

    /**
     * The image shape {@code augment=shiftS} moves: the data's own (idx images) or the conv network's {@code image=CxHxW};
     * refuses flat rows, sequences and recurrent networks, and a shift that would move every pixel out of the frame.
     */
    private static SampleShape.Image augmentImage(AeOptions o, NetworkSpec spec, SampleShape shape, int shift) {
        String given = "shift" + shift;
        if (spec instanceof io.latentad.models.ae.net.RecurrentNetwork.Spec) {
            throw Params.bad("augment", given, "none with net=" + spec.name() + " (translation is for images; the recurrent network reads sequences)");
        }
        SampleShape.Image img = spec instanceof io.latentad.models.ae.net.ConvNetwork.Spec c ? c.input()
                : shape instanceof SampleShape.Image i ? i : null;
        if (img == null) {
            throw Params.bad("augment", given, "none for samples of shape " + shape.describe() + " (translation needs images: idx: data, "
                    + "or net=conv with image=CxHxW for rows of pixels)");
        }
        if (shift >= Math.min(img.height(), img.width())) {
            throw Params.bad("augment", given, "a shift below the image's smaller side (" + img.describe() + ")");
        }
        return img;
    }

    /** Whether rows of a sequence shape differ in length (each row holding its own steps). */
    private static boolean unequalLengths(double[][] x, SampleShape shape) {
        if (!(shape instanceof SampleShape.Sequence)) return false;
        for (double[] r : x) if (r.length != shape.size()) return true;
        return false;
    }

    /**
     * Refuses sequences of unequal length unless the network reads lengths and the objective passes them
     * (vae and vrae), naming the first row whose length differs; checks every row is whole steps, at most the
     * shape's longest.
     */
    private static void requireLengthReader(AeOptions o, NetworkSpec spec, double[][] x, SampleShape shape) {
        SampleShape.Sequence q = (SampleShape.Sequence) shape;
        int c = q.channels();
        if (!spec.readsLengths() || (o.kind() != ModelKind.VRAE && o.kind() != ModelKind.VAE)) {
            int first = 0;
            while (first < x.length && x[first].length == x[0].length) first++;
            if (first == x.length) {
                throw new IllegalArgumentException("rows of " + x[0].length + " values: expected " + q.size() + " (" + q.describe() + ")");
            }
            throw new IllegalArgumentException("sequences of unequal length (row " + first + " has " + x[first].length / c
                    + " steps where row 0 has " + x[0].length / c + "): " + o.kind().cliName() + " with net=" + spec.name()
                    + " reads samples of one width; use --model vrae, whose recurrent network reads each sequence to its own end");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length < c || x[i].length % c != 0 || x[i].length > q.size()) {
                throw new IllegalArgumentException("row " + i + " has " + x[i].length + " values: expected 1.." + q.steps()
                        + " steps of " + c + " channels");
            }
        }
    }

    /** The number of classes; checks the labels the model needs. */
    private static int checkLabels(AeOptions o, int[] labels, String[] classes, int n) {
        if (labels == null) {
            if (o.needsLabels()) {
                throw new IllegalArgumentException(o.kind().cliName() + (o.kind() == ModelKind.AAE ? " with prior=mixture" : "")
                        + " needs a class label: give --label COL for CSV data (idx data has one)");
            }
            if (o.training().classWeight() == TrainingOptions.ClassWeight.BALANCED) {
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

    private static float[] rowWeights(TrainingOptions o, int[] labels, int k) {
        if (o.classWeight() != TrainingOptions.ClassWeight.BALANCED) return null;
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
}
