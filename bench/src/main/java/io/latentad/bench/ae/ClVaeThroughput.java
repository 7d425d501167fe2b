package io.latentad.bench.ae;

import io.latentad.engine.kernel.Parallel;
import io.latentad.models.ae.AeOptions;
import io.latentad.models.ae.AeTrainer;
import io.latentad.models.ae.ModelKind;
import io.latentad.models.ae.ReconstructionError;
import io.latentad.models.ae.TrainedAutoencoder;
import io.latentad.models.data.CsvOptions;
import io.latentad.models.data.DataSpec;
import io.latentad.models.data.Dataset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Training throughput (samples/s) of the CL-VAE 784-512-256-2 through the real training loop
 * ({@link AeTrainer}: batch 128, Adam lr 1e-3 constant, no input dropout, Bernoulli/BCE, gamma 0.3, beta 1, no
 * validation split: the peer's recipe, pinned against the CL-VAE's auto defaults), and scoring throughput (embed + reconstruction error), on Fashion-MNIST. The peer is
 * {@code /usr/bin/python3 ../shared/peers/torch_vae.py 1 2 1}; run both in the same sitting.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *     io.latentad.bench.ae.ClVaeThroughput [rows=60000] [epochs=1] [threads=cores] [dir]
 * </pre>
 *
 * Reads {@code /usr/share/datasets/fashion-mnist} (Debian's dataset-fashion-mnist) unless a
 * directory is given; {@code rows} takes the first rows only for training. Samples/s is the
 * trainer's own per-epoch figure (the last epoch's). Scoring is then timed on all 60,000 images
 * (one warm-up round, best and median of five); its peer is
 * {@code /usr/bin/python3 bench/scripts/torch_vae_score.py THREADS}.
 */
public final class ClVaeThroughput {
    private ClVaeThroughput() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 60000;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        if (args.length > 2) Parallel.setThreads(Integer.parseInt(args[2]));
        String dir = args.length > 3 ? args[3] : "/usr/share/datasets/fashion-mnist";
        Dataset d = DataSpec.parse("idx:" + dir).load(CsvOptions.defaults());
        double[][] x = Arrays.copyOf(d.x(), Math.min(rows, d.rows()));
        int[] y = Arrays.copyOf(d.labels(), x.length);
        Map<String, String> params = new java.util.HashMap<>(Map.of("hidden", "512,256", "latent", "2", "batch", "128",
                "epochs", Integer.toString(epochs), "gamma", "0.3", "validation", "0", "patience", "0", "codes", "1",
                "output", "bernoulli", "seed", "1"));
        // the peer's recipe, pinned: the CL-VAE's auto defaults on [0, 1] data (session 7) add input dropout, a cosine
        // schedule and lr 3e-3, which the peer does not have
        params.putAll(Map.of("lr", "0.001", "lr_schedule", "constant", "input_dropout", "0", "separation", "6"));
        AeOptions o = AeOptions.fromParams(ModelKind.CLVAE, params);
        List<String> lines = new ArrayList<>();
        // the training thread's CPU time per epoch as well (with one thread all the work runs on it): on a loaded
        // machine the wall clock mostly measures the neighbours
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<Double> epochCpu = new ArrayList<>();
        long c0 = mx.getCurrentThreadCpuTime();
        long[] lastCpu = {c0};
        long t0 = System.nanoTime();
        TrainedAutoencoder m = AeTrainer.fit(o, x, y, d.classes(), null, line -> {
            long c = mx.getCurrentThreadCpuTime();
            epochCpu.add((c - lastCpu[0]) / 1e9);
            lastCpu[0] = c;
            lines.add(line);
            System.err.println(line);
        });
        double total = (System.nanoTime() - t0) / 1e9;
        double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        StringBuilder perEpoch = new StringBuilder();
        for (double e : epochCpu) perEpoch.append(perEpoch.length() == 0 ? "" : " / ").append(String.format("%.2f", e));
        System.out.printf("training thread CPU %.2f s (per epoch %s s): %.0f samples per CPU-second over all epochs%n",
                cpu, perEpoch, (double) x.length * epochs / cpu);
        String last = lines.get(lines.size() - 1);
        String sps = last.replaceAll(".*  (\\d+) samples/s.*", "$1");
        // scoring: all images of the set (not just the training rows), one warm-up round, then 5 timed
        double[][] all = d.x();
        ReconstructionError recon = new ReconstructionError(false);
        double[] scores = recon.score(m, all, null);
        double[] rates = new double[5];
        for (int r = 0; r < rates.length; r++) {
            long s0 = System.nanoTime();
            scores = recon.score(m, all, null);
            rates[r] = all.length / ((System.nanoTime() - s0) / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("latentad CL-VAE 784-512-256-2 threads=%d rows=%d epochs=%d: %s samples/s (trainer, last epoch),"
                        + " %.1f s total; scoring (embed + recon error, %d rows) best %.0f rows/s, median %.0f rows/s; score[0]=%.3f%n",
                Parallel.threads(), x.length, epochs, sps, total, all.length, rates[rates.length - 1], rates[rates.length / 2],
                scores[0]);
    }
}
