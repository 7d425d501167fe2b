package io.latentad.engine.nn;

import io.latentad.engine.autodiff.ArithmeticOps;
import io.latentad.engine.autodiff.LstmOps;
import io.latentad.engine.autodiff.ReductionOps;
import io.latentad.engine.autodiff.StepArena;
import io.latentad.engine.autodiff.Var;
import io.latentad.engine.kernel.Parallel;
import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The LSTM layers: bad input, the shapes of padding and last state, bit-identical results for one and
 * two threads, no growth of the step arena, the initialisations. Values against PyTorch are in
 * {@link LstmFixtureTest}, gradients in {@code autodiff.LstmGradCheckTest}.
 */
class LstmTest {
    private static Var input(long seed, int batch, int steps, int features) {
        return Var.param(Tensor.uniform(new Rng(seed), -1f, 1f, batch, steps, features), "x");
    }

    // ---- bad input ------------------------------------------------------------------------------

    @Test
    void lengthLongerThanTheSequenceIsRejectedNamingIt() {
        Lstm l = new Lstm(2, 3, Lstm.Options.defaults(), new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(input(2, 3, 4, 2), new int[] {4, 5, 1}, null, null));
        assertTrue(e.getMessage().contains("sequence 1") && e.getMessage().contains("length 5"), e.getMessage());
    }

    @Test
    void zeroLengthIsRejectedNamingTheSequence() {
        BiLstm l = new BiLstm(2, 3, Lstm.Options.defaults(), new Rng(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> l.forward(input(2, 3, 4, 2), new int[] {4, 2, 0}, null, null));
        assertTrue(e.getMessage().contains("sequence 2") && e.getMessage().contains("length 0"), e.getMessage());
    }

    @Test
    void nanInAStepIsRejectedNamingSequenceAndStep() {
        Lstm l = new Lstm(2, 3, Lstm.Options.defaults(), new Rng(1));
        Var x = input(2, 3, 4, 2);
        x.value().set(Float.NaN, 1, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> l.forward(x, null, null, null));
        assertTrue(e.getMessage().contains("sequence 1, step 2") && e.getMessage().contains("NaN"), e.getMessage());
        x.value().set(Float.POSITIVE_INFINITY, 1, 2, 1);
        assertThrows(IllegalArgumentException.class, () -> l.forward(x, null, null, null));
    }

    @Test
    void wrongShapesAreRejected() {
        Lstm l = new Lstm(2, 3, Lstm.Options.defaults(), new Rng(1));
        assertThrows(IllegalArgumentException.class, () -> l.forward(input(2, 3, 4, 5), null, null, null)); // features
        assertThrows(IllegalArgumentException.class, () -> l.forward(Var.param(Tensor.zeros(3, 4)), null, null, null)); // rank
        assertThrows(IllegalArgumentException.class, () -> l.forward(input(2, 3, 4, 2), new int[] {4, 4}, null, null)); // count
        assertThrows(IllegalArgumentException.class,
                () -> l.forward(input(2, 3, 4, 2), null, Var.param(Tensor.zeros(2, 3, 3)), null)); // h0 directions
        assertThrows(IllegalArgumentException.class, () -> new Lstm(0, 3, Lstm.Options.defaults(), new Rng(1)));
        assertThrows(IllegalArgumentException.class, () -> new Lstm.Options(LstmInit.ORTHOGONAL, null, 1f));
        assertThrows(IllegalArgumentException.class, () -> new Lstm.Options(LstmInit.ORTHOGONAL, LstmInit.ORTHOGONAL, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new StackedLstm(2, 3, 2, true, Lstm.Options.defaults(), new Rng(1))
                .forward(input(2, 3, 4, 2), null, Var.param(Tensor.zeros(2, 3, 3)), null)); // needs [4, 3, 3]
        assertThrows(IllegalArgumentException.class, () -> new StackedLstm(List.of(
                new Lstm(2, 3, Lstm.Options.defaults(), new Rng(1)), new Lstm(4, 3, Lstm.Options.defaults(), new Rng(2)))));
    }

    @Test
    void paddingIsNeverRead() {
        BiLstm l = new BiLstm(2, 3, Lstm.Options.defaults(), new Rng(1));
        Var x = input(5, 3, 4, 2);
        int[] len = {2, 4, 1};
        LstmOps.Result clean = l.forward(x, len, null, null);
        Tensor dirty = x.value().copy();
        for (int b = 0; b < 3; b++) {
            for (int t = len[b]; t < 4; t++) dirty.set(Float.NaN, b, t, 0);
        }
        LstmOps.Result r = l.forward(Var.param(dirty), len, null, null);
        assertArrayEquals(clean.output().value().toArray(), r.output().value().toArray());
        assertArrayEquals(clean.lastH().value().toArray(), r.lastH().value().toArray());
    }

    // ---- shapes and semantics -------------------------------------------------------------------

    @Test
    void outputIsZeroPastEachEndAndLastStateIsTheOwnLastStep() {
        BiLstm l = new BiLstm(2, 3, Lstm.Options.torch(), new Rng(1));
        int[] len = {2, 4, 1};
        LstmOps.Result r = l.forward(input(5, 3, 4, 2), len, null, null);
        Tensor y = r.output().value(), hn = r.lastH().value();
        assertArrayEquals(new int[] {3, 4, 6}, y.shape());
        assertArrayEquals(new int[] {2, 3, 3}, hn.shape());
        assertArrayEquals(new int[] {2, 3, 3}, r.lastC().value().shape());
        for (int b = 0; b < 3; b++) {
            for (int t = len[b]; t < 4; t++) {
                for (int j = 0; j < 6; j++) assertEquals(0f, y.get(b, t, j));
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(y.get(b, len[b] - 1, j), hn.get(0, b, j), "forward: the last step");
                assertEquals(y.get(b, 0, 3 + j), hn.get(1, b, j), "reverse: ends at step 0");
            }
        }
    }

    @Test
    void reverseDirectionStartsAtEachSequencesOwnEnd() {
        // a sequence of length 2 padded to 5 gives the same reverse outputs as the same 2 steps unpadded
        BiLstm l = new BiLstm(1, 4, Lstm.Options.torch(), new Rng(3));
        Var padded = input(7, 1, 5, 1);
        Var alone = Var.param(padded.value().reshape(5, 1).sliceRows(0, 2).copy().reshape(1, 2, 1));
        Tensor a = l.forward(padded, new int[] {2}, null, null).output().value();
        Tensor b = l.forward(alone, null, null, null).output().value();
        for (int t = 0; t < 2; t++) {
            for (int j = 0; j < 8; j++) assertEquals(b.get(0, t, j), a.get(0, t, j), "step " + t + " unit " + j);
        }
    }

    @Test
    void batchOfOneAndOneStepWork() {
        StackedLstm l = new StackedLstm(3, 2, 2, true, Lstm.Options.defaults(), new Rng(4));
        Var x = input(1, 1, 1, 3);
        LstmOps.Result r = l.forward(x, new int[] {1}, null, null);
        assertArrayEquals(new int[] {1, 1, 4}, r.output().value().shape());
        assertArrayEquals(new int[] {4, 1, 2}, r.lastH().value().shape());
        ReductionOps.sum(r.output()).backward();
        assertTrue(x.grad().allFinite());
        for (Var p : l.parameters().values()) assertTrue(p.grad().allFinite(), p.name());
    }

    @Test
    void onlyTheLastStateMayCarryTheLoss() {
        Lstm l = new Lstm(2, 3, Lstm.Options.defaults(), new Rng(1));
        Var x = input(2, 2, 3, 2);
        LstmOps.Result r = l.forward(x, new int[] {3, 2}, null, null);
        ReductionOps.sum(r.lastC()).backward();
        assertTrue(absSum(x.grad()) > 0, "the gradient reaches the input through c_n");
    }

    private static double absSum(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) s += Math.abs(t.at(i));
        return s;
    }

    // ---- threads and memory -----------------------------------------------------------------------

    /** Everything a forward + backward produces, as float arrays. */
    private static List<float[]> run(Recurrent l, Var x, int[] len, Var h0, Var c0) {
        Map<String, Var> ps = new java.util.LinkedHashMap<>();
        l.collectParameters("", ps);
        for (Var p : ps.values()) p.zeroGrad();
        x.zeroGrad();
        if (h0 != null) h0.zeroGrad();
        if (c0 != null) c0.zeroGrad();
        LstmOps.Result r = l.forward(x, len, h0, c0);
        Tensor w = Tensor.uniform(new Rng(8), -1f, 1f, r.output().value().shape());
        Var loss = ArithmeticOps.add(ReductionOps.sum(ArithmeticOps.mul(r.output(), Var.constant(w))),
                ReductionOps.sum(r.lastH()));
        loss.backward();
        List<float[]> out = new ArrayList<>(List.of(r.output().value().toArray(), r.lastH().value().toArray(),
                r.lastC().value().toArray(), x.grad().toArray()));
        if (h0 != null) out.add(h0.grad().toArray());
        if (c0 != null) out.add(c0.grad().toArray());
        for (Var p : ps.values()) out.add(p.grad().toArray());
        return out;
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        int old = Parallel.threads();
        try {
            // with one thread the backward epilogue (bias column sums; dW_ih and dx for one feature) runs
            // block by block inside the time loop, with more after it: one and three features
            for (int features : new int[] {3, 1}) {
                for (boolean bi : new boolean[] {false, true}) {
                    Recurrent l = new StackedLstm(features, 20, 2, bi, Lstm.Options.defaults(), new Rng(6));
                    int d = bi ? 2 : 1;
                    Var x = input(9, 37, 11, features);
                    int[] len = new int[37];
                    for (int b = 0; b < len.length; b++) len[b] = 1 + (b * 7) % 11;
                    Var h0 = Var.param(Tensor.uniform(new Rng(10), -1f, 1f, 2 * d, 37, 20));
                    Var c0 = Var.param(Tensor.uniform(new Rng(11), -1f, 1f, 2 * d, 37, 20));
                    Parallel.setThreads(1);
                    List<float[]> one = run(l, x, len, h0, c0);
                    Parallel.setThreads(2);
                    List<float[]> two = run(l, x, len, h0, c0);
                    Parallel.setThreads(3);
                    List<float[]> three = run(l, x, len, h0, c0);
                    for (int i = 0; i < one.size(); i++) {
                        String at = (bi ? "bi" : "uni") + ", " + features + " features, result " + i;
                        assertArrayEquals(one.get(i), two.get(i), at + ", 1 vs 2 threads");
                        assertArrayEquals(one.get(i), three.get(i), at + ", 1 vs 3 threads");
                    }
                }
            }
        } finally {
            Parallel.setThreads(old);
        }
    }

    @Test
    void stepArenaStopsGrowingAfterTheFirstStep() {
        BiLstm l = new BiLstm(2, 9, Lstm.Options.defaults(), new Rng(1));
        Var x = input(3, 6, 10, 2);
        StepArena arena = new StepArena();
        int[] pooled = new int[4];
        float[] first = null;
        for (int i = 0; i < pooled.length; i++) {
            try (StepArena s = arena.enter()) {
                List<float[]> r = run(l, x, new int[] {10, 3, 7, 10, 1, 5}, null, null);
                if (first == null) first = r.get(0);
                else assertArrayEquals(first, r.get(0), "reused buffers give the same result");
            }
            pooled[i] = arena.pooledArrays();
        }
        assertEquals(pooled[1], pooled[3]);
    }

    // ---- initialisation --------------------------------------------------------------------------

    @Test
    void orthogonalGateBlocksAreOrthonormal() {
        for (int[] rc : new int[][] {{5, 5}, {4, 7}, {7, 3}}) {
            Tensor q = LstmInit.orthogonal(rc[0], rc[1], new Rng(rc[0]));
            boolean rows = rc[0] <= rc[1];
            int n = Math.min(rc[0], rc[1]), len = Math.max(rc[0], rc[1]);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    double dot = 0;
                    for (int i = 0; i < len; i++) dot += rows ? q.get(a, i) * q.get(b, i) : q.get(i, a) * q.get(i, b);
                    assertEquals(a == b ? 1 : 0, dot, 1e-5, "rows/cols " + a + ", " + b + " of " + rc[0] + "x" + rc[1]);
                }
            }
        }
    }

    @Test
    void initialisationsFollowTheirBoundsAndForgetBias() {
        Lstm l = new Lstm(6, 10, Lstm.Options.defaults(), new Rng(2));
        Map<String, Var> p = new java.util.LinkedHashMap<>();
        l.collectParameters("", p);
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), new ArrayList<>(p.keySet()));
        double a = Math.sqrt(6.0 / (6 + 10));
        Tensor wi = p.get("weight_ih").value();
        for (int i = 0; i < wi.size(); i++) assertTrue(Math.abs(wi.at(i)) <= a);
        Tensor bi = p.get("bias_ih").value(), bh = p.get("bias_hh").value();
        for (int j = 0; j < 40; j++) {
            assertEquals(j >= 10 && j < 20 ? 1f : 0f, bi.at(j), "forget block only, bias " + j);
            assertEquals(0f, bh.at(j));
        }
        Lstm t = new Lstm(6, 16, Lstm.Options.torch(), new Rng(2));
        for (Var v : List.of(t.weights().wIh(), t.weights().wHh(), t.weights().bIh())) {
            for (int i = 0; i < v.value().size(); i++) assertTrue(Math.abs(v.value().at(i)) <= 0.25f);
        }
        // the same seed gives the same weights, another seed others
        assertArrayEquals(wi.toArray(), new Lstm(6, 10, Lstm.Options.defaults(), new Rng(2)).weights().wIh().value().toArray());
        assertFalse(java.util.Arrays.equals(wi.toArray(),
                new Lstm(6, 10, Lstm.Options.defaults(), new Rng(3)).weights().wIh().value().toArray()));
    }

    @Test
    void stackedParametersAreNamedAsPyTorch() {
        StackedLstm s = new StackedLstm(3, 4, 2, true, Lstm.Options.defaults(), new Rng(1));
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l0_reverse",
                "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse", "weight_ih_l1", "weight_hh_l1",
                "bias_ih_l1", "bias_hh_l1", "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse",
                "bias_hh_l1_reverse"), new ArrayList<>(s.parameters().keySet()));
        assertArrayEquals(new int[] {16, 8}, s.parameters().get("weight_ih_l1").value().shape());
        assertEquals(8, s.outputs());
    }
}
