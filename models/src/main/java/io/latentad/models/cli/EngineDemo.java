package io.latentad.models.cli;

import io.latentad.engine.kernel.Gemm;
import io.latentad.engine.kernel.GemmProviders;
import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.tensor.Tensor;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The engine demo shown by {@code demo} until the pipeline exists: times C = A B for each GEMM
 * provider on the shapes a dense autoencoder trains with, checks every provider against the
 * scalar reference, and prints a GFLOPS table. A rough wall-clock figure, not a benchmark: the
 * JMH figures are in bench/README.md.
 */
final class EngineDemo {
    private EngineDemo() {
    }

    static int run(String[] args, PrintStream out) {
        boolean quick = false;
        for (String a : args) {
            if (a.equals("--quick")) quick = true;
            else throw new IllegalArgumentException("demo: unknown option '" + a + "': expected --quick");
        }
        int[][] shapes = {{128, 512, 784}, {128, 256, 512}, {512, 512, 512}};
        double budgetSeconds = quick ? 0.05 : 0.5;
        out.println("latentad engine demo: kernels = " + Kernels.active().name() + ", threads = " + Parallel.threads());
        out.printf(Locale.ROOT, "%-8s %18s %10s %14s%n", "provider", "shape (m x n x k)", "GFLOPS", "max |err|");
        for (String name : GemmProviders.names()) {
            if (!GemmProviders.available(name)) {
                out.printf(Locale.ROOT, "%-8s %18s %10s%n", name, "-", "n/a");
                continue;
            }
            Gemm g = GemmProviders.byName(name);
            for (int[] s : shapes) {
                int m = s[0], n = s[1], k = s[2];
                if (name.equals("scalar") && m * (long) n * k > 64L * 1024 * 1024) continue;
                Tensor a = Tensor.uniform(1, -1, 1, m, k), b = Tensor.uniform(2, -1, 1, k, n);
                Tensor c = Tensor.zeros(m, n), ref = Tensor.zeros(m, n);
                GemmProviders.byName("scalar").gemm(false, false, m, n, k, 1f, a.data(), 0, k, b.data(), 0, n, 0f, ref.data(), 0, n);
                double gflops = time(g, a, b, c, m, n, k, budgetSeconds);
                double err = 0;
                for (int i = 0; i < c.size(); i++) err = Math.max(err, Math.abs(c.at(i) - ref.at(i)));
                out.printf(Locale.ROOT, "%-8s %18s %10.1f %14.2e%n", name, m + "x" + n + "x" + k, gflops, err);
            }
        }
        return 0;
    }

    private static double time(Gemm g, Tensor a, Tensor b, Tensor c, int m, int n, int k, double budget) {
        long reps = 0;
        long start = System.nanoTime(), end = start + (long) (budget * 1e9);
        for (int w = 0; w < 3; w++) once(g, a, b, c, m, n, k); // warm up the JIT
        start = System.nanoTime();
        do {
            once(g, a, b, c, m, n, k);
            reps++;
        } while (System.nanoTime() < start + (long) (budget * 1e9));
        double sec = (System.nanoTime() - start) / 1e9;
        return 2.0 * m * n * k * reps / sec / 1e9;
    }

    private static void once(Gemm g, Tensor a, Tensor b, Tensor c, int m, int n, int k) {
        g.gemm(false, false, m, n, k, 1f, a.data(), 0, k, b.data(), 0, n, 0f, c.data(), 0, n);
    }
}
