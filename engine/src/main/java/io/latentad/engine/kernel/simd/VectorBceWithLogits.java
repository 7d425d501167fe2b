package io.latentad.engine.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Binary cross-entropy from logits, forward and gradient in one pass: per element
 * {@code max(x, 0) - x t + log1p(e^{-|x|})} (summed) and {@code sigmoid(x) - t} (stored), both
 * from the one {@code e = e^{-|x|}} of {@link VectorMath}. The terms are float (exp 1 ulp,
 * log1p 1-2 ulp, as {@link VectorMath#softplus}); the sum is taken in float lanes flushed into a
 * double every {@link VectorReductions#FLUSH} elements. Tails use the scalar form of the same
 * approximations, so an element's term does not depend on its position.
 *
 * <p>The loops call no method of ours: exp and log1p are {@link VectorMath}'s operations written out in
 * place (the same operations in the same order, so the same bits; {@code VectorBceWithLogitsTest} holds
 * them to {@code VectorMath} bit for bit). When the loop called {@code VectorMath.log1pUnit}, whether C2
 * inlined it depended on the JVM's compile history: in some JVMs it did not, the vectors passed to it
 * were boxed, and this pass took 29% of a steady CL-VAE training step instead of a few percent
 * (bench/notes/perf.md, session 13).
 */
final class VectorBceWithLogits {
    private static final VectorSpecies<Float> F = VectorMath.F;
    private static final int L = F.length();

    private VectorBceWithLogits() {
    }

    /**
     * Returns {@code sum_i max(x_i, 0) - x_i t_i + log1p(exp(-|x_i|))} over {@code n} elements and,
     * when {@code d != null}, writes {@code d[dOff + i] = sigmoid(x_i) - t_i}.
     */
    static double forward(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        // three short loops per block of FLUSH elements (the block stays in L1) rather than one
        // long body: C2 stopped keeping the vectors in registers for the fused loop (boxing,
        // ~50 ns per element); e = exp(-|x|) goes through d (or a scratch block when d is null)
        float[] e = d;
        int eo = dOff;
        if (e == null) {
            e = new float[Math.min(n, VectorReductions.FLUSH)];
            eo = 0;
        }
        double total = 0;
        for (int b = 0; b < n; b += VectorReductions.FLUSH) {
            int len = Math.min(VectorReductions.FLUSH, n - b);
            int eb = d == null ? eo : eo + b;
            expNegAbs(len, x, xo + b, e, eb);
            total += terms(len, x, xo + b, t, to + b, e, eb);
            if (d != null) sigmoidMinusTarget(len, x, xo + b, t, to + b, d, dOff + b);
        }
        return total;
    }

    /**
     * {@code e = exp(-|x|)}: {@link VectorMath#exp(FloatVector)}'s operations written out in the loop, so the loop
     * calls no method of ours (see the class comment).
     */
    static void expNegAbs(int n, float[] x, int xo, float[] e, int eo) {
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i).abs().neg();
            // VectorMath.exp(v), operation for operation
            FloatVector xc = v.max(VectorMath.V_EXP_LO).min(VectorMath.V_EXP_HI);
            FloatVector tm = xc.fma(VectorMath.V_LOG2E, VectorMath.V_MAGIC);
            FloatVector nf = tm.sub(VectorMath.V_MAGIC);
            IntVector k = tm.reinterpretAsInts().sub(VectorMath.I_MAGIC_BITS);
            FloatVector r = nf.fma(VectorMath.V_LN2_HI_NEG, xc);
            r = nf.fma(VectorMath.V_LN2_LO_NEG, r);
            FloatVector p = r.fma(VectorMath.E0, VectorMath.E1).fma(r, VectorMath.E2).fma(r, VectorMath.E3)
                    .fma(r, VectorMath.E4).fma(r, VectorMath.E5);
            p = p.fma(r.mul(r), r).add(VectorMath.V_ONE);
            IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
            IntVector k2 = k.sub(k1);
            FloatVector s1 = k1.add(VectorMath.I_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector s2 = k2.add(VectorMath.I_127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector y = p.mul(s1).mul(s2);
            y.blend(v, v.compare(VectorOperators.NE, v)).intoArray(e, eo + i);
        }
        for (; i < n; i++) e[eo + i] = VectorMath.exp(-Math.abs(x[xo + i]));
    }

    /**
     * The sum of {@code max(x, 0) - x t + log1p(e)}, float lanes then one double; {@link VectorMath#log1pUnit(FloatVector)}
     * and {@link VectorMath#logPositive(FloatVector)} written out in the loop (see the class comment).
     */
    static double terms(int n, float[] x, int xo, float[] t, int to, float[] e, int eo) {
        FloatVector zero = FloatVector.zero(F), acc = zero;
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector xv = FloatVector.fromArray(F, x, xo + i);
            FloatVector lin = xv.max(zero).sub(xv.mul(FloatVector.fromArray(F, t, to + i)));
            // VectorMath.log1pUnit(u), operation for operation: logPositive(w) + c / w
            FloatVector u = FloatVector.fromArray(F, e, eo + i);
            FloatVector w = u.add(VectorMath.V_ONE);
            FloatVector c = u.sub(w.sub(VectorMath.V_ONE));
            VectorMask<Float> tiny = w.compare(VectorOperators.LT, VectorMath.V_MIN_NORMAL);
            FloatVector ws = w.blend(w.mul(VectorMath.V_TWO_23), tiny);
            IntVector bits = ws.reinterpretAsInts();
            IntVector ex = bits.lanewise(VectorOperators.LSHR, 23).sub(VectorMath.I_126);
            FloatVector m = bits.and(VectorMath.I_MANTISSA).or(VectorMath.I_HALF_EXP).reinterpretAsFloats();
            FloatVector fe = ex.add(VectorMath.I_MAGIC_BITS).reinterpretAsFloats().sub(VectorMath.V_MAGIC);
            fe = fe.blend(fe.sub(VectorMath.V_23), tiny);
            VectorMask<Float> low = m.compare(VectorOperators.LT, VectorMath.V_SQRT_HALF);
            fe = fe.blend(fe.sub(VectorMath.V_ONE), low);
            FloatVector f = m.blend(m.add(m), low).sub(VectorMath.V_ONE);
            FloatVector z = f.mul(f);
            FloatVector p = f.fma(VectorMath.G0, VectorMath.G1).fma(f, VectorMath.G2).fma(f, VectorMath.G3)
                    .fma(f, VectorMath.G4).fma(f, VectorMath.G5).fma(f, VectorMath.G6).fma(f, VectorMath.G7)
                    .fma(f, VectorMath.G8);
            FloatVector y = p.mul(f).mul(z);
            y = fe.fma(VectorMath.V_LN2_LO, y);
            y = z.fma(VectorMath.V_HALF_NEG, y);
            FloatVector log1p = fe.fma(VectorMath.V_LN2_HI, f.add(y)).add(c.div(w));
            acc = acc.add(lin.add(log1p));
        }
        double total = VectorMath.sumLanes(acc);
        for (; i < n; i++) {
            float xi = x[xo + i];
            total += Math.max(xi, 0f) - xi * t[to + i] + VectorMath.log1pUnit(e[eo + i]);
        }
        return total;
    }

    /** {@code d = sigmoid(x) - t} from {@code e = exp(-|x|)} held in {@code d}. */
    private static void sigmoidMinusTarget(int n, float[] x, int xo, float[] t, int to, float[] d, int dOff) {
        FloatVector zero = FloatVector.zero(F), one = FloatVector.broadcast(F, 1f);
        int i = 0, bound = F.loopBound(n);
        for (; i < bound; i += L) {
            FloatVector e = FloatVector.fromArray(F, d, dOff + i);
            FloatVector r = one.div(e.add(one));
            VectorMask<Float> neg = FloatVector.fromArray(F, x, xo + i).compare(VectorOperators.LT, zero);
            r.blend(e.mul(r), neg).sub(FloatVector.fromArray(F, t, to + i)).intoArray(d, dOff + i);
        }
        for (; i < n; i++) {
            float e = d[dOff + i], r = 1f / (e + 1f);
            d[dOff + i] = (x[xo + i] >= 0f ? r : e * r) - t[to + i];
        }
    }
}
