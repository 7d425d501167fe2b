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
     * more than it saves. Set by {@code GemmBenchmark} (threads = 1 vs 2 at sq64 and sq127): two
     * threads ran n = 64 and 127 at half the one-thread rate (15 vs 30-55 GFLOPS, wall time, on the
     * shared 2-core machine), while every shape from 128 x 256 x 512 up is split.
     */
    public static final long GEMM_PARALLEL_MIN_FLOPS = 128L * 128 * 128;

    /**
     * Below this many multiply-adds the simd provider uses its unpacked small kernel rather than
     * packing panels. Crossover measured with the packing threshold overridden both ways on
     * n = 8..64 in all transpose forms (bench/notes/gemm.md, "small-matrix path"): the small kernel
     * wins at 8^3 (3x), the two tie at 16^3 for A B, and packing wins everywhere above and for every
     * transposed form from 16^3 up; {@code GemmBenchmark} sq16 shows the result.
     */
    public static final long GEMM_PACK_MIN_FLOPS = 16L * 16 * 16;

    /**
     * LOF's GEMM neighbour search ({@code GemmNeighbors}) puts a row of a locality leaf whose distance from the
     * leaf's centre exceeds this many times the leaf's median distance into the blocks of far rows at the end of its
     * tile order, so that outliers do not widen the balls by which far tiles are skipped. Set by
     * {@code DetectorTiming 60000 16 3 lof} (10 blobs, 1% uniform outliers; bench/notes/detect.md, session 14).
     */
    public static final double LOF_BLOCK_CORE_FACTOR = 2.0;

    /**
     * The GEMM provider used by default for a shape, when {@code -Dlatentad.blas} is not set.
     *
     * <p>With the Vector API: {@code simd} for every shape class. {@code GemmBenchmark} (bench/notes/gemm.md)
     * measured it fastest on all of them: 16^3 (small path) to 1024^3 and the autoencoder layer shapes
     * in all three backprop forms, at 2-5x jblas and 10-30x ejml (single thread, CPU time).
     *
     * <p>Without it (no incubator module, or {@code -Dlatentad.simd=false}): jblas when its native code
     * loads (12-20 GFLOPS on the same shapes), else ejml (2-3.5 GFLOPS), which still beats the scalar
     * reference (1.5-2 GFLOPS at n = 64, 127); the scalar reference is never the default.
     */
    public static String defaultGemm(int m, int n, int k, boolean simdAvailable) {
        if (simdAvailable) return "simd";
        return GemmProviders.available("jblas") ? "jblas" : "ejml";
    }

    // ==== LSTM (issue 12) ========================================================================

    /**
     * An LSTM direction's time loops are split over threads only in ranges of at least this many
     * sequences. A split costs nothing per step (rows are independent through time), but a thread
     * with fewer rows fills the {@code 6 x 16} tiles of the recurrent product poorly. Set by reasoning,
     * not yet measured: {@code LstmBenchmark} (threads = 1 vs 2) covers batches 32 and 64 only, where
     * every split is far above it (bench/README.md, "LSTM and Bi-LSTM").
     */
    public static final int LSTM_MIN_ROWS_PER_THREAD = 8;

    // ==== Convolution (issue 15) =================================================================

    /**
     * The convolutions lower a chunk of images at a time to one im2col patch matrix of at most this many
     * floats (at least one image), so the matrix is written and read back by the GEMM's packing while it
     * is in the 512 KiB L2 of a Zen 3 core rather than in memory. The value (256 KiB, half the L2) was set
     * by reasoning, not swept; what it gave was measured on the 32 -> 64, 14 x 14 layer at batch 64 (the
     * pieces timed alone and {@code ConvTiming}, bench/README.md "Convolution"): the whole-batch patch
     * matrix (903,168 floats) took 1.5-1.8 ms to write against the GEMM's 2.0 ms, and the forward's best
     * time went from 4.0 ms to 3.3-3.5 ms when chunked.
     */
    public static final int CONV_CHUNK_FLOATS = 64 * 1024;

    /**
     * The Vector API convolution forward ({@code VectorConv}) runs its implicit GEMM (pixels x channels tiles,
     * patch values broadcast from the padded image, no patch matrix) when the patch length
     * {@code K = C kh kw} is at least this, and its small-K form (per image a gathered {@code K x P} patch
     * matrix in L1, channels x pixels tiles stored as whole vectors) below it: with a short K the implicit
     * tile's scattered write-out (96 scalar stores per 12 K FMAs) dominates. Measured by {@code ConvTiming}
     * on the first layer of the MNIST conv AE (K = 9) and its second (K = 288), bench/notes/conv.md; the
     * value between them set by reasoning, not swept.
     */
    public static final int CONV_IMPLICIT_MIN_K = 64;

    /**
     * With the Vector API, a convolution's input gradient is computed by per-stride-phase implicit GEMMs
     * ({@code KernelSet#convBackwardInput}, tiles 16 input channels wide) when the input has at least this
     * many channels, else by {@code dcols = W^T dY} and col2im. Measured by {@code ConvTiming} (forward +
     * backward, batch 64, one thread; bench/notes/conv.md): with 32 input channels (14 x 14) the direct form
     * took the step from 9.0-9.4 ms to 8.1-8.8 ms; with 1 (28 x 28) from 2.2-2.3 ms to 4.2 ms (15 of the 16
     * lanes idle). The value between them (one full tile) set by reasoning, not swept.
     */
    public static final int CONV_DIRECT_DX_MIN_CHANNELS = 16;
}
