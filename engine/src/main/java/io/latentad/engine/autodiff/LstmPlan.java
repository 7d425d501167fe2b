package io.latentad.engine.autodiff;

/**
 * The batch order of an LSTM pass: sequences sorted by length, longest first (stable, so equal
 * lengths keep their order), as {@code pack_padded_sequence(enforce_sorted=False)} does.
 * {@code perm[k]} is the caller's index of the {@code k}-th longest sequence, {@code len[k]} its
 * length, and {@code active[t]} the number of sequences longer than {@code t}: at step {@code t}
 * rows {@code [0, active[t])} run.
 */
final class LstmPlan {
    final int batch, steps;
    final int[] perm, len, active;

    /** {@code lengths} validated by the caller: each in {@code [1, steps]}. */
    LstmPlan(int batch, int steps, int[] lengths) {
        this.batch = batch;
        this.steps = steps;
        perm = new int[batch];
        len = new int[batch];
        active = new int[steps];
        // counting sort on the length, longest first, stable
        int[] count = new int[steps + 2];
        for (int b = 0; b < batch; b++) count[steps - lengths[b] + 1]++;
        for (int i = 1; i < count.length; i++) count[i] += count[i - 1];
        for (int b = 0; b < batch; b++) {
            int k = count[steps - lengths[b]]++;
            perm[k] = b;
            len[k] = lengths[b];
        }
        for (int k = 0; k < batch; k++) {
            for (int t = 0; t < len[k]; t++) active[t]++;
        }
    }
}
