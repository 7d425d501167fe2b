package io.latentad.engine.kernel;

/**
 * Every size threshold the kernels use, in one place, each with the benchmark that set it
 * (EJML's habit). Figures behind these numbers are in {@code bench/README.md}.
 */
public final class Tuning {
    private Tuning() {
    }

    /**
     * Below this many multiply-adds ({@code m * n * k}) GEMM runs on one thread: forking costs
     * more than it saves. Set by {@code GemmBenchmark} (threads = 1 vs 2 at n = 64, 127).
     */
    public static final long GEMM_PARALLEL_MIN_FLOPS = 64L * 64 * 64;

    /**
     * Below this many multiply-adds the simd provider uses its unpacked small kernel rather than
     * packing panels. Crossover measured with the packing threshold overridden both ways on
     * n = 8..64 in all transpose forms (bench/notes/gemm.md, "small-matrix path"): the small kernel
     * wins at 8^3 (3x), the two tie at 16^3 for A B, and packing wins everywhere above and for every
     * transposed form from 16^3 up; {@code GemmBenchmark} sq16 shows the result.
     */
    public static final long GEMM_PACK_MIN_FLOPS = 16L * 16 * 16;

    /**
     * The GEMM provider used by default for a shape, when {@code -Dlatentad.blas} is not set.
     * The Vector API packed kernel wins every shape class measured by {@code GemmBenchmark}
     * (see bench/README.md); the scalar reference is used only when the Vector API is absent.
     */
    public static String defaultGemm(int m, int n, int k, boolean simdAvailable) {
        return simdAvailable ? "simd" : "scalar";
    }
}
