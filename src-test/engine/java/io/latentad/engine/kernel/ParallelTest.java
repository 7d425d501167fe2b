package io.latentad.engine.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.*;

class ParallelTest {
    private int before;

    @BeforeEach
    void remember() {
        before = Parallel.threads();
    }

    @AfterEach
    void restore() {
        Parallel.setThreads(before);
    }

    private static List<int[]> chunks(int n, int grain) {
        List<int[]> got = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(n, grain, (from, to) -> got.add(new int[] {from, to}));
        got.sort((x, y) -> Integer.compare(x[0], y[0]));
        return got;
    }

    @Test
    void forRangeCoversEveryIndexExactlyOnce() {
        Parallel.setThreads(3);
        for (int n : new int[] {1, 2, 7, 100, 1001}) {
            for (int grain : new int[] {1, 4, 64, 5000}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                Parallel.forRange(n, grain, (from, to) -> {
                    for (int i = from; i < to; i++) hits.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " grain=" + grain + " i=" + i);
            }
        }
    }

    @Test
    void chunkBoundariesAreGrainMultiplesAndDependOnlyOnSizeAndThreads() {
        Parallel.setThreads(3);
        List<int[]> first = chunks(1000, 16);
        assertEquals(3, first.size());
        for (int c = 0; c < first.size(); c++) {
            int[] ch = first.get(c);
            assertEquals(0, ch[0] % 16, "chunk start " + ch[0]);
            if (c + 1 < first.size()) assertEquals(ch[1], first.get(c + 1)[0], "contiguous");
        }
        assertEquals(0, first.get(0)[0]);
        assertEquals(1000, first.get(first.size() - 1)[1]);
        List<int[]> again = chunks(1000, 16);
        for (int c = 0; c < first.size(); c++) assertArrayEquals(first.get(c), again.get(c));
    }

    @Test
    void fewerUnitsThanThreadsGiveFewerChunks() {
        Parallel.setThreads(4);
        assertEquals(2, chunks(20, 10).size());
        assertEquals(1, chunks(5, 10).size());
    }

    @Test
    void emptyRangeRunsNothing() {
        assertTrue(chunks(0, 1).isEmpty());
        assertTrue(chunks(-3, 1).isEmpty());
    }

    @Test
    void oneThreadRunsInlineOnTheCaller() {
        Parallel.setThreads(1);
        Thread caller = Thread.currentThread();
        List<Thread> seen = Collections.synchronizedList(new ArrayList<>());
        Parallel.forRange(1000, 1, (from, to) -> seen.add(Thread.currentThread()));
        assertEquals(List.of(caller), seen);
    }

    @Test
    void nestedForRangeDoesNotDeadlock() {
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(100);
        Parallel.forRange(10, 1, (f, t) -> {
            for (int i = f; i < t; i++) {
                final int row = i;
                Parallel.forRange(10, 1, (g, u) -> {
                    for (int j = g; j < u; j++) hits.incrementAndGet(row * 10 + j);
                });
            }
        });
        for (int i = 0; i < 100; i++) assertEquals(1, hits.get(i));
    }

    @Test
    void manyRegionsInARowWithVaryingChunkCountsEachCoverTheirRangeOnce() {
        // regions of 1..4 chunks back to back: a helper still finishing one region must never run
        // a chunk of the next with the old body
        Parallel.setThreads(4);
        for (int r = 0; r < 20_000; r++) {
            int n = 1 + r % 4;
            AtomicIntegerArray hits = new AtomicIntegerArray(n);
            final int region = r;
            Parallel.forRange(n, 1, (from, to) -> {
                for (int i = from; i < to; i++) hits.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "region " + region + " index " + i);
        }
    }

    @Test
    void callsFromTwoApplicationThreadsAtOnceBothComplete() throws Exception {
        Parallel.setThreads(2);
        int n = 10_000;
        AtomicIntegerArray a = new AtomicIntegerArray(n), b = new AtomicIntegerArray(n);
        Thread other = new Thread(() -> {
            for (int r = 0; r < 200; r++) Parallel.forRange(n, 64, (f, t) -> {
                for (int i = f; i < t; i++) a.incrementAndGet(i);
            });
        });
        other.start();
        for (int r = 0; r < 200; r++) Parallel.forRange(n, 64, (f, t) -> {
            for (int i = f; i < t; i++) b.incrementAndGet(i);
        });
        other.join();
        for (int i = 0; i < n; i++) {
            assertEquals(200, a.get(i), "other thread, index " + i);
            assertEquals(200, b.get(i), "test thread, index " + i);
        }
    }

    @Test
    void aBadSpinSettingIsNamed() {
        String old = System.getProperty("latentad.spinMicros");
        try {
            System.setProperty("latentad.spinMicros", "-5");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Parallel::spinNanos);
            assertTrue(e.getMessage().contains("-5") && e.getMessage().contains("spinMicros"), e.getMessage());
        } finally {
            if (old == null) System.clearProperty("latentad.spinMicros");
            else System.setProperty("latentad.spinMicros", old);
        }
    }

    @Test
    void theVectorWidthSettingTakesTheThreeWidthsAndNamesAnythingElse() {
        String old = System.getProperty("latentad.simdBits");
        try {
            System.clearProperty("latentad.simdBits");
            assertEquals(0, KernelSettings.simdBits());
            for (int bits : new int[] {128, 256, 512}) {
                System.setProperty("latentad.simdBits", " " + bits);
                assertEquals(bits, KernelSettings.simdBits());
            }
            for (String bad : new String[] {"64", "1024", "wide", "256.0"}) {
                System.setProperty("latentad.simdBits", bad);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, KernelSettings::validate);
                assertTrue(e.getMessage().contains(bad) && e.getMessage().contains("simdBits"), e.getMessage());
            }
        } finally {
            if (old == null) System.clearProperty("latentad.simdBits");
            else System.setProperty("latentad.simdBits", old);
        }
    }

    @Test
    void badThreadCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void anExceptionInABodyReachesTheCaller() {
        Parallel.setThreads(2);
        assertThrows(IllegalStateException.class, () -> Parallel.forRange(100, 1, (f, t) -> {
            throw new IllegalStateException("boom");
        }));
    }
}
