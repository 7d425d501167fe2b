package io.latentad.engine.kernel;

import java.util.Locale;
import java.util.Set;

/**
 * Reads and checks the system properties that configure the kernels ({@code -Dlatentad.threads},
 * {@code -Dlatentad.spinMicros}, {@code -Dlatentad.blas}, {@code -Dlatentad.simd}, {@code -Dlatentad.simdBits},
 * {@code -Dlatentad.jitWait})
 * without loading
 * {@link Kernels} or {@link Parallel}: a command line calls {@link #validate()} first, so a bad value
 * is a one-line message instead of an {@link ExceptionInInitializerError} from a class initialiser.
 */
public final class KernelSettings {
    /** GEMM provider names accepted by {@code -Dlatentad.blas}. */
    public static final Set<String> BLAS_NAMES = Set.of("simd", "jblas", "ejml", "scalar");

    private KernelSettings() {
    }

    /** Checks every kernel property; throws {@link IllegalArgumentException} naming the first bad one. */
    public static void validate() {
        threads();
        spinNanos();
        blas();
        simdBits();
        jitWait();
        String simd = System.getProperty("latentad.simd");
        if (simd != null && !simd.isBlank() && !simd.trim().equalsIgnoreCase("true") && !simd.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("-Dlatentad.simd=" + simd + ": expected true or false");
        }
    }

    /** {@code -Dlatentad.threads}: a whole number in 1..1024, default the number of cores. */
    public static int threads() {
        String p = System.getProperty("latentad.threads");
        if (p == null || p.isBlank()) return Runtime.getRuntime().availableProcessors();
        try {
            int t = Integer.parseInt(p.trim());
            if (t < 1 || t > 1024) throw new NumberFormatException();
            return t;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dlatentad.threads=" + p + ": expected a whole number in 1..1024");
        }
    }

    /** {@code -Dlatentad.spinMicros} in nanoseconds: a whole number of microseconds in 0..10^7. */
    public static long spinNanos() {
        String p = System.getProperty("latentad.spinMicros");
        if (p == null || p.isBlank()) return Parallel.DEFAULT_SPIN_MICROS * 1000;
        try {
            long us = Long.parseLong(p.trim());
            if (us < 0 || us > 10_000_000) throw new NumberFormatException();
            return us * 1000;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "-Dlatentad.spinMicros=" + p + ": expected a whole number of microseconds in 0..10000000");
        }
    }

    /**
     * {@code -Dlatentad.simdBits}: the vector width of the SIMD kernels, 128, 256 or 512, or 0 when unset (the
     * machine's preferred width). Wider than the hardware runs in the Vector API's Java fallback: for tests.
     */
    public static int simdBits() {
        String p = System.getProperty("latentad.simdBits");
        if (p == null || p.isBlank()) return 0;
        switch (p.trim()) {
            case "128": return 128;
            case "256": return 256;
            case "512": return 512;
            default: throw new IllegalArgumentException("-Dlatentad.simdBits=" + p + ": expected 128, 256 or 512");
        }
    }

    /**
     * {@code -Dlatentad.jitWait}: {@code true} (the default) or {@code false}; whether C2 compiles the engine's
     * Vector API kernels in the foreground ({@link CompileWait}).
     */
    public static boolean jitWait() {
        String p = System.getProperty("latentad.jitWait");
        if (p == null || p.isBlank() || p.trim().equalsIgnoreCase("true")) return true;
        if (p.trim().equalsIgnoreCase("false")) return false;
        throw new IllegalArgumentException("-Dlatentad.jitWait=" + p + ": expected true or false");
    }

    /** {@code -Dlatentad.blas}, lower-cased, or null when unset. */
    public static String blas() {
        String p = System.getProperty("latentad.blas");
        if (p == null || p.isBlank()) return null;
        String key = p.trim().toLowerCase(Locale.ROOT);
        if (!BLAS_NAMES.contains(key)) {
            throw new IllegalArgumentException("-Dlatentad.blas=" + p + ": expected one of simd, jblas, ejml, scalar");
        }
        return key;
    }
}
