package io.latentad.models.detect;

import java.util.Arrays;

/**
 * A least-recently-used cache of kernel rows for {@link SmoSolver}, as libsvm's {@code Cache}:
 * row {@code i} holds {@code K(x_i, x_k)} for the first {@code len(i)} solver positions {@code k},
 * and is extended (not recomputed) when a longer prefix is asked for. The budget is counted in
 * floats; when it runs out the least recently used rows are dropped.
 *
 * <p>{@link #swap} keeps every cached row consistent with the solver's swap of two positions; a
 * row that holds only one of the two positions is dropped (libsvm does the same).
 */
final class SmoKernelCache {
    private final float[][] data;
    private final int[] len;
    // doubly linked LRU list over row indices; node n is the sentinel (next = least recent)
    private final int[] prev;
    private final int[] next;
    private final int sentinel;
    private long free;

    /** @param budgetFloats how many floats the rows may hold in total (at least 2 n) */
    SmoKernelCache(int n, long budgetFloats) {
        this.data = new float[n][];
        this.len = new int[n];
        this.prev = new int[n + 1];
        this.next = new int[n + 1];
        this.sentinel = n;
        prev[n] = n;
        next[n] = n;
        this.free = Math.max(budgetFloats, 2L * n);
    }

    /**
     * Makes row {@code i} at least {@code want} long and marks it most recently used. Returns how
     * many leading entries are already valid; the caller fills {@code [returned, want)}.
     */
    int request(int i, int want) {
        if (len[i] > 0) unlink(i);
        int have = len[i];
        int more = want - have;
        if (more > 0) {
            while (free < more) {
                int old = next[sentinel]; // least recently used
                unlink(old);
                free += len[old];
                data[old] = null;
                len[old] = 0;
            }
            data[i] = data[i] == null ? new float[want] : Arrays.copyOf(data[i], want);
            free -= more;
            len[i] = want;
        } else {
            have = want;
        }
        link(i);
        return have;
    }

    float[] row(int i) {
        return data[i];
    }

    /** Swaps positions i and j in the row table and in every cached row. */
    void swap(int i, int j) {
        if (i == j) return;
        if (len[i] > 0) unlink(i);
        if (len[j] > 0) unlink(j);
        float[] td = data[i];
        data[i] = data[j];
        data[j] = td;
        int tl = len[i];
        len[i] = len[j];
        len[j] = tl;
        if (len[i] > 0) link(i);
        if (len[j] > 0) link(j);
        int lo = Math.min(i, j), hi = Math.max(i, j);
        for (int h = next[sentinel]; h != sentinel; ) {
            int after = next[h];
            if (len[h] > lo) {
                if (len[h] > hi) {
                    float t = data[h][lo];
                    data[h][lo] = data[h][hi];
                    data[h][hi] = t;
                } else { // the row holds lo but not hi: give it up
                    unlink(h);
                    free += len[h];
                    data[h] = null;
                    len[h] = 0;
                }
            }
            h = after;
        }
    }

    private void unlink(int h) {
        next[prev[h]] = next[h];
        prev[next[h]] = prev[h];
    }

    private void link(int h) { // insert as most recently used (before the sentinel)
        next[h] = sentinel;
        prev[h] = prev[sentinel];
        next[prev[h]] = h;
        prev[sentinel] = h;
    }
}
