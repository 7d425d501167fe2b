package io.latentad.engine.kernel.simd;

/**
 * One thread's packing buffers for {@link PackedGemm}, grown on demand and kept for the next call,
 * so steady-state GEMM calls do not allocate.
 */
final class GemmBuffers {
    private float[] a = new float[0];
    private float[] b = new float[0];
    private float[] tile = new float[0];

    float[] a(int size) {
        if (a.length < size) a = new float[size];
        return a;
    }

    float[] b(int size) {
        if (b.length < size) b = new float[size];
        return b;
    }

    float[] tile(int size) {
        if (tile.length < size) tile = new float[size];
        return tile;
    }
}
