package io.latentad.bench.ae;

import io.latentad.models.data.KddCupGenerator;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes KDDCUP99-shaped data ({@link KddCupGenerator}) for the scale run:
 * {@code java -cp bench/target/benchmarks.jar io.latentad.bench.ae.KddData OUT.csv [ROWS] [SEED]}
 * (default 500,000 rows, seed 1).
 */
public final class KddData {
    private KddData() {
    }

    public static void main(String[] args) throws IOException {
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 500_000;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        long t0 = System.nanoTime();
        KddCupGenerator.write(Path.of(args[0]), rows, seed);
        System.out.printf("%s: %d rows in %.1f s%n", args[0], rows, (System.nanoTime() - t0) / 1e9);
    }
}
