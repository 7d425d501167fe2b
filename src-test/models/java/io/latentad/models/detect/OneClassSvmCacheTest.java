package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The LRU row cache of the SMO solver (libsvm's Cache semantics). */
class OneClassSvmCacheTest {
    private static void fill(SmoKernelCache c, int i, int want) {
        int have = c.request(i, want);
        for (int k = have; k < want; k++) c.row(i)[k] = i * 100 + k;
    }

    @Test
    void extendingARowKeepsItsPrefixAndReportsWhatIsValid() {
        SmoKernelCache c = new SmoKernelCache(4, 100);
        assertEquals(0, c.request(1, 2));
        c.row(1)[0] = 7;
        c.row(1)[1] = 8;
        assertEquals(2, c.request(1, 4)); // entries 0..1 valid, caller fills 2..3
        assertEquals(7f, c.row(1)[0]);
        assertEquals(3, c.request(1, 3)); // a shorter prefix is all valid
    }

    @Test
    void theLeastRecentlyUsedRowIsDroppedWhenTheBudgetRunsOut() {
        SmoKernelCache c = new SmoKernelCache(4, 8); // room for two rows of 4
        fill(c, 0, 4);
        fill(c, 1, 4);
        c.request(0, 4); // touch 0: now 1 is the least recent
        fill(c, 2, 4);
        assertNull(c.row(1));
        assertEquals(4, c.request(0, 4));
        assertEquals(0, c.request(1, 4)); // recomputed from scratch
    }

    @Test
    void swapExchangesRowsAndEntriesAndDropsRowsHoldingOnlyOneOfThePair() {
        SmoKernelCache c = new SmoKernelCache(4, 100);
        fill(c, 0, 4);
        fill(c, 2, 2); // holds positions 0..1 only
        float[] r0 = c.row(0);
        c.swap(1, 3);
        // row 0 (long enough) has entries 1 and 3 exchanged
        assertEquals(3f, c.row(0)[1]);
        assertEquals(1f, c.row(0)[3]);
        // row 2 holds position 1 but not 3: dropped
        assertNull(c.row(2));
        c.swap(0, 2);
        assertSame(r0, c.row(2)); // the row table itself is permuted
        assertNull(c.row(0));
    }
}
