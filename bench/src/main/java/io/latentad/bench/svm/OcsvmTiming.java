package io.latentad.bench.svm;

import io.latentad.models.detect.OneClassSvm;
import io.latentad.models.detect.OneClassSvmModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Whole-job timing of {@link OneClassSvm} (fit + score of the training rows) on the CSV that
 * {@code ocsvm_peer.py} writes (the data of ../shared/peers/sklearn_detectors.py), with the
 * peer's settings: nu = 0.05, gamma = 'scale'. Run both in one sitting, alternating:
 *
 * <pre>
 *   /usr/bin/python3 bench/src/main/java/io/latentad/bench/svm/ocsvm_peer.py /tmp/ocsvm20k.csv
 *   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar \
 *       io.latentad.bench.svm.OcsvmTiming /tmp/ocsvm20k.csv 5
 * </pre>
 */
public final class OcsvmTiming {
    private OcsvmTiming() {
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int d = lines.get(0).split(",").length - 1;
        double[][] x = new double[lines.size() - 1][d];
        int[] truth = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int c = 0; c < d; c++) x[i][c] = Double.parseDouble(f[c]);
            truth[i] = Integer.parseInt(f[d].trim());
        }
        OneClassSvm svm = new OneClassSvm(OneClassSvm.Options.defaults().withNu(0.05));
        // main-thread CPU time: the whole work with -Dlatentad.threads=1, less disturbed by load
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            long c0 = mx.getCurrentThreadCpuTime(), t0 = System.nanoTime();
            OneClassSvmModel m = svm.fit(x);
            long c1 = mx.getCurrentThreadCpuTime(), t1 = System.nanoTime();
            double[] s = m.score(x);
            long c2 = mx.getCurrentThreadCpuTime(), t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "latentad m=%d d=%d threads=%d fit %.3f s score %.3f s total %.3f s "
                            + "(cpu fit %.3f score %.3f) nSV %d rho %.6f iter %d auc %.4f%n",
                    x.length, d, io.latentad.engine.kernel.Parallel.threads(), (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    (t2 - t0) / 1e9, (c1 - c0) / 1e9, (c2 - c1) / 1e9, m.supportVectorCount(), m.rho(),
                    m.iterations(), auc(s, truth));
        }
    }

    /** ROC-AUC by the rank-sum formula, ties counted half. */
    static double auc(double[] s, int[] y) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> Double.compare(s[a], s[b]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j < idx.length && s[idx[j]] == s[idx[i]]) j++;
            double avg = (i + j + 1) / 2.0;
            for (int k = i; k < j; k++) if (y[idx[k]] == 1) {
                rankSum += avg;
                pos++;
            }
            i = j;
        }
        long neg = s.length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }
}
