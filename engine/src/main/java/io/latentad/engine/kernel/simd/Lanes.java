package io.latentad.engine.kernel.simd;

import io.latentad.engine.kernel.KernelSettings;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width every kernel of this package uses: the machine's preferred one (256 bits on AVX2, 512 on
 * AVX-512), or the one {@code -Dlatentad.simdBits} names. A narrower width than the hardware's is a real
 * choice (128 runs fast on any x86-64); a wider one runs in the Vector API's Java fallback, orders of
 * magnitude slower, and exists so that the 16-lane (AVX-512) code paths can be tested on an AVX2 machine.
 * Results depend on the width (sums run in lanes), never on the thread count.
 */
final class Lanes {
    /** Float lanes of every kernel. */
    static final VectorSpecies<Float> F = chosen();
    /** Double lanes of the same bit size. */
    static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED.vectorBitSize() == F.vectorBitSize()
            ? DoubleVector.SPECIES_PREFERRED : VectorSpecies.of(double.class, F.vectorShape());

    private Lanes() {
    }

    private static VectorSpecies<Float> chosen() {
        int bits = KernelSettings.simdBits();
        return bits == 0 ? FloatVector.SPECIES_PREFERRED : VectorSpecies.of(float.class, VectorShape.forBitSize(bits));
    }
}
