package io.latentad.models.detect;

import io.latentad.engine.kernel.Kernels;
import io.latentad.engine.kernel.Parallel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Exact k-nearest neighbours for wide rows through the float GEMM, as scikit-learn's brute force
 * does, but without its loss of digits: the squared distances are first <i>estimated</i> from
 * {@code ||q||^2 + ||x||^2 - 2 q.x} with {@code q.x} from one float32 GEMM per block of queries
 * (the rows centred on their column means first, which keeps the norms, and so the error, small);
 * then only the rows whose estimate could still be among the k nearest are measured exactly, in
 * double, as {@link BruteForceNeighbors} measures them. The result is the same as the brute force's,
 * bit for bit.
 *
 * <p>Why it is exact: each estimate comes with a bound on its error,
 * {@code |est_j - d_j| <= delta_j = 2 (d + 8) u (||q||^2 + ||x_j||^2)} ({@code u = 2^-24}: the float
 * rounding of the rows, {@code 4 u} of the squared norms, and of a d-term dot product in any summation
 * order, {@code d u}, twice over), so {@code d_j} lies in {@code [est_j - delta_j, est_j + delta_j]}. The
 * k-th smallest upper end {@code U_k} is at least the true k-th distance {@code D_k} (k rows lie below it);
 * a row whose lower end is above {@code U_k} is farther than the k-th neighbour and is never measured.
 * The bound is per row, so a few rows of huge norm widen only their own intervals.
 *
 * <p>Repeated rows. Real tabular data repeats rows (KDDCUP99's attack records: 57% of the KDD-shaped
 * bench rows are copies), so the search works on the <i>distinct</i> rows: the GEMM and the scan see each
 * distinct row once, standing for all its copies (it counts as many times as it has copies, up to k,
 * in the k-th upper end), and a candidate's distance is measured once and offered for its first k copies
 * (by index, as ties are broken). Identical queries get identical answers, so each distinct query is
 * searched once and its answer copied. Without repeats this is the plain search.
 *
 * <p>Cost: {@code 2 m' n' d} float flops in the GEMM ({@code m'}, {@code n'} the distinct queries and rows;
 * half that when the rows are their own queries, as in LOF's fit: {@link #knnOfIndexed}),
 * {@code O(m' n')} to select, and {@code O(d)} per measured candidate (few, unless many rows tie with the
 * k-th neighbour); memory the float rows plus one {@code b x n'} float block of estimates ({@code b}
 * queries at a time, at most 256, fewer for very many rows: 32 MB at most) per thread.
 */
final class GemmNeighbors extends NeighborSearch {
    private static final double U = Math.scalb(1.0, -24);
    /** Squared norms from this on keep the float filter off (its sums must stay far from float overflow). */
    private static final double FILTER_MAX_NORM2 = 1e30;
    /**
     * Distinct rows up to this use the symmetric self-search of {@link #knnOfIndexed} (its per-query state, about
     * 0.5-1 KB each at k = 20, is held to the end: ~200 MB here); more use {@link #knnAll}'s query blocks.
     */
    static final int SYMMETRIC_MAX_ROWS = 250_000;
    /** The first bound of a query comes from about n' / this many distinct rows ({@link #knnAll}). */
    private static final int SAMPLE_DIVISOR = 32;
    /** Rows per run of the locality order that gives {@link #knnOfIndexed}'s queries their first bound. */
    private static final int NEARBY = 128;
    /** The error bound's factor: {@code |estimate - d^2| <= C (||q||^2 + ||x||^2)}. */
    private final double C;

    private final double[] mean;
    /** The number of distinct rows. */
    private final int u;
    private final float[] rows;      // u x d, the distinct rows centred, row-major
    private final double[] norm2;    // squared norms of the float rows
    /**
     * {@code (1 - C - 8u) ||x_g||^2} in float, for the vector filter that rejects most rows 8 or 16 at a time:
     * its float lower end stays below the double one (the extra {@code 8u} covers the filter's own roundings);
     * null when a norm is too large for float arithmetic to be safe.
     */
    private final float[] lowNorm;
    /** The copies of distinct row g: {@code members[start[g] .. start[g + 1])}, ascending (the first is the row itself). */
    private final int[] start, members;
    /** For each row, its distinct row. */
    private final int[] group;
    /** The first row (lowest index) of each distinct row: the one its distances are measured on. */
    private final int[] firstOf;
    private final int block;

    GemmNeighbors(double[] xs, int n, int d) {
        this(xs, n, d, 0);
    }

    /**
     * As {@link #GemmNeighbors(double[], int, int)}, with {@code block} rows per query block and tile side
     * (a positive multiple of 8; 0 for the default, from the number of distinct rows): tests set small blocks so
     * that few rows make many tiles to prune.
     */
    GemmNeighbors(double[] xs, int n, int d, int block) {
        super(xs, n, d);
        int[] group0 = new int[n];
        int[] first0 = distinct(xs, 0, n, d, group0);
        u = first0.length;
        if (block < 0 || block % 8 != 0) {
            throw new IllegalArgumentException("block must be 0 (default) or a positive multiple of 8, got " + block);
        }
        this.block = block > 0 ? block : (int) Math.max(8, Math.min(256, (1L << 23) / Math.max(1, u))) & ~7; // whole 8 x 8 transposes

        mean = new double[d];
        for (int i = 0; i < n; i++) for (int t = 0; t < d; t++) mean[t] += xs[i * d + t];
        for (int t = 0; t < d; t++) mean[t] /= n;
        float[] rows0 = new float[u * d];
        for (int g = 0; g < u; g++) {
            int i = first0[g];
            for (int t = 0; t < d; t++) rows0[g * d + t] = (float) (xs[i * d + t] - mean[t]);
        }
        // the distinct rows renumbered in tile order (blocks of near rows, the rows far from their block at the end),
        // so that the self-search's far tiles can be skipped; the answers do not depend on the numbering
        int[] perm = LocalityOrder.farRowsLast(rows0, u, d, this.block);
        int[] inv = new int[u];
        for (int g = 0; g < u; g++) inv[perm[g]] = g;
        firstOf = new int[u];
        for (int g = 0; g < u; g++) firstOf[g] = first0[perm[g]];
        group = new int[n];
        for (int i = 0; i < n; i++) group[i] = inv[group0[i]];
        start = new int[u + 1];
        for (int i = 0; i < n; i++) start[group[i] + 1]++;
        for (int g = 0; g < u; g++) start[g + 1] += start[g];
        members = new int[n];
        int[] fill = start.clone();
        for (int i = 0; i < n; i++) members[fill[group[i]]++] = i;

        rows = new float[u * d];
        norm2 = new double[u];
        for (int g = 0; g < u; g++) {
            System.arraycopy(rows0, perm[g] * d, rows, g * d, d);
            double s = 0;
            for (int t = 0; t < d; t++) {
                float v = rows[g * d + t];
                s += (double) v * v;
            }
            norm2[g] = s;
        }
        C = 2 * (d + 8) * U;
        float[] ln = new float[u];
        boolean safe = true;
        for (int g = 0; g < u; g++) {
            ln[g] = (float) ((1 - C - 8 * U) * norm2[g]);
            safe &= norm2[g] < FILTER_MAX_NORM2;
        }
        lowNorm = safe ? ln : null;
    }

    /** Distinct rows (same doubles, by bits) of {@code xs[from..to)}: their first indices, ascending; each row's group into {@code group[i - from]}. */
    private static int[] distinct(double[] xs, int from, int to, int d, int[] group) {
        Map<Row, Integer> seen = new HashMap<>();
        int[] reps = new int[to - from];
        int u = 0;
        for (int i = from; i < to; i++) {
            Integer g = seen.putIfAbsent(new Row(xs, i * d, d), u);
            if (g == null) {
                reps[u] = i;
                group[i - from] = u++;
            } else {
                group[i - from] = g;
            }
        }
        return java.util.Arrays.copyOf(reps, u);
    }

    @Override
    void knn(double[] qs, int from, int to, int k, int[] idx, double[] dist) {
        search(qs, from, to, k, idx, dist, false);
    }

    /**
     * Every thread claims blocks of distinct queries from one counter until none is left: the cost of a
     * query varies (rows that repeat, or tie, give it more candidates), so fixed halves left one thread
     * idle. Each query's result is the same whichever thread computes it.
     */
    @Override
    void knnAll(double[] qs, int m, int k, int[] idx, double[] dist) {
        search(qs, 0, m, k, idx, dist, true);
    }

    private void search(double[] qs, int from, int to, int k, int[] idx, double[] dist, boolean parallel) {
        int m = to - from;
        int[] qGroup, reps;
        if (qs == xs && from == 0 && to == n) {
            qGroup = group;
            reps = firstOf;
        } else {
            qGroup = new int[m];
            reps = distinct(qs, from, to, d, qGroup);
        }
        AtomicInteger next = new AtomicInteger();
        if (parallel) {
            Parallel.forRange(Parallel.threads(), 1, (a, b) -> {
                for (int w = a; w < b; w++) run(qs, reps, k, idx, dist, next);
            });
        } else {
            run(qs, reps, k, idx, dist, next);
        }
        // the copies of a query get its answer
        for (int p = 0; p < m; p++) {
            int i = from + p, r = reps[qGroup[p]];
            if (r != i) {
                System.arraycopy(idx, r * k, idx, i * k, k);
                System.arraycopy(dist, r * k, dist, i * k, k);
            }
        }
    }

    /** Searches the queries {@code qs[reps[p]]}, block by block as claimed from {@code next}; answers at {@code reps[p] * k}. */
    private void run(double[] qs, int[] reps, int k, int[] idx, double[] dist, AtomicInteger next) {
        int m = reps.length;
        float[] q = new float[block * d];
        double[] qn = new double[block];
        float[] est = new float[block * u];
        Query query = new Query(k);
        NeighborHeap exact = new NeighborHeap(k);
        int stride = Math.max(1, u / SAMPLE_DIVISOR);
        for (int claimed; (claimed = next.getAndIncrement()) < (m + block - 1) / block; ) {
            int p0 = claimed * block;
            int b = Math.min(block, m - p0);
            for (int r = 0; r < b; r++) {
                int qo = reps[p0 + r] * d;
                double s = 0;
                for (int t = 0; t < d; t++) {
                    float v = (float) (qs[qo + t] - mean[t]);
                    q[r * d + t] = v;
                    s += (double) v * v;
                }
                qn[r] = s;
            }
            // est[r][g] = q_r . x_g for the whole block at once
            Kernels.gemmFor(b, u, d).gemm(false, true, b, u, d, 1f, q, 0, d, rows, 0, d, 0f, est, 0, u);
            for (int r = 0; r < b; r++) {
                query.reset();
                // a first bound from every stride-th distinct row: the k-th smallest upper end of a subset is at
                // least that of all rows, so rows above it are never among the k nearest; on data whose rows come
                // ordered (by type, by time) it spares the heap most of the offers the running bound would take
                firstBound(query, qn[r], est, r * u, stride, stride);
                // one pass: the k smallest upper ends, and every distinct row whose lower end is within the running
                // k-th upper end (which only falls, so the final candidates are among these)
                scanRow(query, qn[r], est, r * u, 0, u);
                measure(query, qs, reps[p0 + r] * d, k, exact, idx, dist, reps[p0 + r] * k);
            }
        }
    }

    /**
     * The rows as their own queries, by the symmetry of the products: {@code q_p . x_g} is the same product
     * as {@code q_g . x_p} (the centred float rows are the queries), so only the blocks on and above the
     * diagonal are multiplied, and each tile serves the queries of its rows (scanning it along its rows) and
     * those of its columns (down its columns): half the GEMM of {@link #knnAll}. Each query keeps its running
     * k-th upper end and its candidates from tile to tile; the tiles may come in any order and from any
     * thread (a query block's state is updated under its lock), because the answer does not depend on the
     * order: a row left out had its lower end above a bound that only falls, the candidates are measured in
     * ascending order, and the heap breaks ties by index. Same neighbours and distances as {@link #knnAll},
     * bit for bit, for every thread count.
     *
     * <p>Far tiles are skipped. The distinct rows are numbered in {@link LocalityOrder#farRowsLast} (blocks of near rows, the rows
     * far from their leaf's centre in blocks of their own at the end), each block has a ball ({@link Balls}), and a
     * side of a tile is not scanned when the balls lie farther apart than every running k-th upper end of that
     * side's queries (a tile neither side needs is not multiplied): on 10 separated blobs (d = 16, 60,000 rows)
     * 74% of the tile sides go, and the fit's time halves (bench/notes/detect.md, session 14). A skipped row is
     * strictly farther than each of those queries' k-th neighbour, so the answer is the same.
     */
    @Override
    void knnOfIndexed(int k, int[] idx, double[] dist) {
        if (u > SYMMETRIC_MAX_ROWS) { // every query's state lives to the end: ~0.5-1 KB each at k = 20
            super.knnOfIndexed(k, idx, dist);
            return;
        }
        int blocks = (u + block - 1) / block;
        Query[] qs = new Query[u];
        for (int g = 0; g < u; g++) qs[g] = new Query(k);
        firstBoundsNearby(qs);
        // the upper triangle of tiles: query block I against the rows from its own first row on, the tiles whose
        // balls lie farther apart than every running k-th bound of a side skipped on that side (both: not multiplied)
        int width = Math.max(block, Math.min(roundUpTo(u, block), (1 << 19) / block / block * block));
        Object[] locks = new Object[blocks];
        for (int i = 0; i < blocks; i++) locks[i] = new Object();
        Balls balls = new Balls(blocks);
        float[] maxKth = new float[blocks]; // per block, at least the k-th upper end of each of its queries
        for (int x = 0; x < blocks; x++) maxKth[x] = maxKth(qs, x);
        AtomicInteger nextBlock = new AtomicInteger();
        Parallel.forRange(Parallel.threads(), 1, (a, b) -> {
            float[] est = new float[block * (width + PAD)], trans = new float[block * (block + PAD)];
            byte[] need = new byte[blocks]; // per block of the run: 1 the row side, 2 the column side
            for (int claimed; (claimed = nextBlock.getAndIncrement()) < blocks; ) {
                int i0 = claimed * block, bi = Math.min(block, u - i0);
                for (int x = claimed; x < blocks; ) {
                    // the next run of contiguous blocks that one side needs, at most width columns
                    int x0 = x;
                    while (x0 < blocks && (need[x0] = need(balls, maxKth, claimed, x0)) == 0) x0++;
                    if (x0 == blocks) break;
                    int x1 = x0 + 1, limit = Math.min(blocks, x0 + width / block);
                    while (x1 < limit && (need[x1] = need(balls, maxKth, claimed, x1)) != 0) x1++;
                    x = x1 < limit ? x1 + 1 : x1; // block x1, when below the limit, needs nothing
                    int j0 = x0 * block, cw = Math.min(u, x1 * block) - j0;
                    int ld = cw + PAD;
                    Kernels.gemmFor(bi, cw, d).gemm(false, true, bi, cw, d, 1f, rows, i0 * d, d, rows, j0 * d, d, 0f, est, 0, ld);
                    boolean rowSide = false;
                    for (int y = x0; y < x1; y++) rowSide |= (need[y] & 1) != 0;
                    if (rowSide) {
                        synchronized (locks[claimed]) { // along the rows: the queries of block I see the rows of the run
                            for (int r = 0; r < bi; r++) {
                                for (int y = x0; y < x1; y++) {
                                    if ((need[y] & 1) == 0) continue;
                                    int c0 = y * block, c1 = Math.min(u, c0 + block);
                                    scanRow(qs[i0 + r], norm2[i0 + r], est, r * ld + c0 - j0, c0, c1 - c0);
                                }
                            }
                            maxKth[claimed] = maxKth(qs, claimed);
                        }
                    }
                    // down the columns: the queries of the later blocks see the rows of block I
                    for (int y = Math.max(x0, claimed + 1); y < x1; y++) {
                        if ((need[y] & 2) == 0) continue;
                        int c0 = y * block, c1 = Math.min(u, c0 + block);
                        synchronized (locks[y]) {
                            scanColumns(qs, c0, c1, est, c0 - j0, ld, i0, bi, trans);
                            maxKth[y] = maxKth(qs, y);
                        }
                    }
                }
            }
        });
        if (STATS) System.err.printf("gemm self-search: %d blocks of %d, %d tile sides of %d skipped%n",
                blocks, block, skipped.get(), (long) blocks * (blocks + 1) - blocks);
        // measure each query's candidates exactly, in ascending order of rows
        AtomicInteger nextQuery = new AtomicInteger();
        Parallel.forRange(Parallel.threads(), 1, (a, b) -> {
            NeighborHeap exact = new NeighborHeap(k);
            for (int claimed; (claimed = nextQuery.getAndIncrement()) < blocks; ) {
                for (int p = claimed * block, e = Math.min(u, p + block); p < e; p++) {
                    measure(qs[p], xs, firstOf[p] * d, k, exact, idx, dist, firstOf[p] * k);
                    qs[p] = null;
                }
            }
        });
        // the copies of a row get its answer
        for (int i = 0; i < n; i++) {
            int r = firstOf[group[i]];
            if (r != i) {
                System.arraycopy(idx, r * k, idx, i * k, k);
                System.arraycopy(dist, r * k, dist, i * k, k);
            }
        }
    }

    private static final boolean STATS = Boolean.getBoolean("latentad.gemmStats");
    /** Tile sides skipped by {@link #knnOfIndexed} so far (for tests and {@code -Dlatentad.gemmStats}). */
    private final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();

    long skippedTileSides() {
        return skipped.get();
    }

    /** The largest running k-th upper end of the queries of block x, rounded up to a float. */
    private float maxKth(Query[] qs, int x) {
        double m = 0;
        for (int g = x * block, e = Math.min(u, g + block); g < e; g++) m = Math.max(m, qs[g].kth);
        return roundUp(m);
    }

    /**
     * Which sides of the tile of query block I and row block J must be scanned: 1 the rows (the queries of I see
     * the rows of J), 2 the columns (the queries of J see the rows of I; only for J > I), 0 neither. A side is
     * skipped when the smallest squared distance any pair of the two blocks can have is above the largest running
     * k-th upper end of that side's queries (which only falls): those rows are then farther than every one of the
     * queries' k-th neighbours, and never tie with them.
     */
    private byte need(Balls balls, float[] maxKth, int i, int j) {
        if (i == j) return 1;
        double low = balls.lowerSquared(i, j);
        int need = (low > maxKth[i] ? 0 : 1) | (low > maxKth[j] ? 0 : 2);
        skipped.addAndGet((need & 1) == 0 ? ((need & 2) == 0 ? 2 : 1) : ((need & 2) == 0 ? 1 : 0));
        return (byte) need;
    }

    /**
     * A ball around each block of {@code block} distinct rows (in the tile order): its centre, radius and largest
     * row norm, in double over the centred float rows; {@link #lowerSquared} bounds from below the squared distance,
     * as {@link #distance} computes it on the original rows, between any row of one block and any row of another.
     */
    private final class Balls {
        final double[] centre, radius, maxNorm;
        /** The relative slack for the roundings of the double sums (of d terms) behind both distances. */
        final double eps;

        Balls(int blocks) {
            centre = new double[blocks * d];
            radius = new double[blocks];
            maxNorm = new double[blocks];
            eps = Math.max(1e-9, 4.0 * (d + 8) * Math.scalb(1.0, -53));
            for (int x = 0; x < blocks; x++) {
                int g0 = x * block, e = Math.min(u, g0 + block);
                for (int g = g0; g < e; g++) for (int t = 0; t < d; t++) centre[x * d + t] += rows[g * d + t];
                for (int t = 0; t < d; t++) centre[x * d + t] /= e - g0;
                double r = 0, mn = 0;
                for (int g = g0; g < e; g++) {
                    double s = 0;
                    for (int t = 0; t < d; t++) {
                        double v = rows[g * d + t] - centre[x * d + t];
                        s += v * v;
                    }
                    r = Math.max(r, s);
                    mn = Math.max(mn, norm2[g]);
                }
                radius[x] = Math.sqrt(r) * (1 + eps);
                maxNorm[x] = Math.sqrt(mn) * (1 + eps);
            }
        }

        /**
         * At most the squared distance between any row of block i and any of block j (0 when the balls meet): the
         * distance of the centres less both radii (triangle inequality over the float rows), less the float rounding
         * of the centred rows ({@code 2^-24} of each norm, taken as {@code 2^-23}), squared, less the roundings of
         * the double sums.
         */
        double lowerSquared(int i, int j) {
            double s = 0;
            for (int t = 0; t < d; t++) {
                double v = centre[i * d + t] - centre[j * d + t];
                s += v * v;
            }
            double low = Math.sqrt(s) * (1 - eps) - radius[i] - radius[j] - Math.scalb(maxNorm[i] + maxNorm[j], -23);
            return low > 0 ? low * low * (1 - eps) : 0;
        }
    }

    /**
     * Each query's first bound (its cap and running k-th upper end) from the rows around it: the distinct rows
     * in {@link LocalityOrder}, in runs of {@link #NEARBY} rows, each run multiplied by itself; a query's k-th
     * smallest upper end over its run is then close to its final k-th distance, so few rows pass the scans'
     * filter (a sample of every stride-th row, as {@link #knnAll} takes, gave a bound so loose that most of the
     * fit's time went to rows that entered the bound and left it again). Any rows give a valid bound.
     */
    private void firstBoundsNearby(Query[] qs) {
        int[] order = LocalityOrder.of(rows, u, d, NEARBY);
        int runs = (u + NEARBY - 1) / NEARBY;
        AtomicInteger next = new AtomicInteger();
        Parallel.forRange(Parallel.threads(), 1, (a, b) -> {
            float[] run = new float[NEARBY * d], est = new float[NEARBY * NEARBY];
            for (int claimed; (claimed = next.getAndIncrement()) < runs; ) {
                int p0 = claimed * NEARBY, m = Math.min(NEARBY, u - p0);
                for (int r = 0; r < m; r++) System.arraycopy(rows, order[p0 + r] * d, run, r * d, d);
                Kernels.gemmFor(m, m, d).gemm(false, true, m, m, d, 1f, run, 0, d, run, 0, d, 0f, est, 0, m);
                for (int r = 0; r < m; r++) {
                    int g = order[p0 + r];
                    Query q = qs[g];
                    double qn = norm2[g], cq = C * qn;
                    for (int s = 0; s < m; s++) {
                        int h = order[p0 + s];
                        q.upper.offer(qn + norm2[h] - 2.0 * est[r * m + s] + cq + C * norm2[h], copies(h));
                    }
                    q.kth = q.cap = q.upper.worst();
                    q.upper.clear();
                }
            }
        });
    }

    /**
     * Query q's first bound (its cap and running k-th upper end): the k-th smallest upper end over every
     * stride-th distinct row, whose estimates stand at {@code est[o + s step]} for the s-th of them.
     */
    private void firstBound(Query q, double qn, float[] est, int o, int step, int stride) {
        double cq = C * qn;
        for (int g = 0, e = o; g < u; g += stride, e += step) {
            q.upper.offer(qn + norm2[g] - 2.0 * est[e] + cq + C * norm2[g], copies(g));
        }
        q.kth = q.cap = q.upper.worst();
        q.upper.clear();
    }

    /**
     * Measures query q's candidates exactly (the query row at {@code qs[qo]}), in ascending order of rows, and
     * writes its k nearest at {@code idx[out]}, {@code dist[out]}: a lower end above the final k-th upper end,
     * or above the k-th measured distance so far (which only falls), cannot get in.
     */
    private void measure(Query q, double[] qs, int qo, int k, NeighborHeap exact, int[] idx, double[] dist, int out) {
        q.sort();
        exact.clear();
        for (int c = 0; c < q.found; c++) {
            if (q.low[c] > q.kth || q.low[c] > exact.worst()) continue;
            int g = q.cand[c];
            offerCopies(exact, distance(qs, qo, firstOf[g]), g, k);
        }
        exact.drainSorted(idx, dist, out);
    }

    /** Query q (squared norm qn) against rows {@code j0 .. j0 + cw}, their estimates at {@code est[o ..]}. */
    private void scanRow(Query q, double qn, float[] est, int o, int j0, int cw) {
        double cq = C * qn;
        boolean filter = lowNorm != null && qn < FILTER_MAX_NORM2;
        float lowQ = (float) ((1 - C - 8 * U) * qn);
        for (int i = 0; i < cw; i++) {
            if (filter) {
                i = Kernels.firstAtMost(i, cw, lowQ, lowNorm, j0, est, o, roundUp(q.kth));
                if (i == cw) break;
            }
            int g = j0 + i;
            q.consider(g, qn + norm2[g] - 2.0 * est[o + i], cq + C * norm2[g], copies(g));
        }
    }

    /**
     * Floats added to the rows of a tile and of its transposed piece: rows of 2^k floats put a column's
     * elements in one L1 set (the transposed copy ran 1.7x slower, a walk down the column 3x).
     */
    private static final int PAD = 16;

    /**
     * The queries {@code c0 .. c1} (columns {@code col0 ..} of the tile, row length ld) against rows
     * {@code i0 .. i0 + bi}: their columns are copied out as rows ({@link Kernels#transpose}), so each query
     * scans a contiguous row through {@link #scanRow} with its state hot. Walking the tile down each column
     * cost 3x the row pass; row by row over all the queries at once, a cache miss on a query's state at
     * every candidate, 5x.
     */
    private void scanColumns(Query[] qs, int c0, int c1, float[] est, int col0, int ld, int i0, int bi, float[] t) {
        int m = c1 - c0, ldt = bi + PAD;
        Kernels.transpose(bi, m, est, col0, ld, t, 0, ldt);
        for (int c = 0; c < m; c++) scanRow(qs[c0 + c], norm2[c0 + c], t, c * ldt, i0, bi);
    }

    private static int roundUpTo(int x, int m) {
        return (x + m - 1) / m * m;
    }

    /** One query's running state (in {@link #knnOfIndexed} kept from tile to tile): its k-th upper end so far and its candidates. */
    private static final class Query {
        final KthBound upper;
        double cap, kth;
        int[] cand = new int[32];
        double[] low = new double[32];
        int found;

        Query(int k) {
            upper = new KthBound(k);
        }

        /** Ready for another query (the arrays are kept). */
        void reset() {
            upper.clear();
            found = 0;
        }

        /** Row g at estimate e with error bound margin (standing for its copies). */
        void consider(int g, double e, double margin, int copies) {
            if (e - margin > kth) return;
            if (found == cand.length) {
                cand = java.util.Arrays.copyOf(cand, 2 * found);
                low = java.util.Arrays.copyOf(low, 2 * found);
            }
            cand[found] = g;
            low[found++] = e - margin;
            if (e + margin <= kth) {
                upper.offer(e + margin, copies);
                kth = Math.min(cap, upper.worst());
            }
        }

        /** The candidates in ascending order of rows (tiles may have come in any order). */
        void sort() {
            boolean ascending = true;
            for (int c = 1; c < found && ascending; c++) ascending = cand[c - 1] < cand[c];
            if (ascending) return; // one thread, tiles in order: the usual case
            long[] keys = new long[found];
            for (int c = 0; c < found; c++) keys[c] = ((long) cand[c] << 32) | c;
            java.util.Arrays.sort(keys);
            int[] nc = new int[found];
            double[] nl = new double[found];
            for (int c = 0; c < found; c++) {
                int from = (int) keys[c];
                nc[c] = cand[from];
                nl[c] = low[from];
            }
            cand = nc;
            low = nl;
        }
    }

    /** The smallest float at least {@code x}. */
    private static float roundUp(double x) {
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }

    /** How many rows distinct row g stands for. */
    private int copies(int g) {
        return start[g + 1] - start[g];
    }

    /**
     * Offers the copies of distinct row g, by index, until one is not taken: the later copies, as far and
     * with higher indices, would lose every tie to it (so at most k are ever offered).
     */
    private void offerCopies(NeighborHeap heap, double value, int g, int k) {
        int end = Math.min(start[g + 1], start[g] + k);
        for (int c = start[g]; c < end && heap.offer(value, members[c]); c++) {
            // taken: try the next copy
        }
    }

    /** The squared distance in double, summed in the brute force's order (first column, then the rest). */
    private double distance(double[] qs, int qo, int j) {
        int xo = j * d;
        double v = qs[qo] - xs[xo];
        double s = v * v;
        for (int t = 1; t < d; t++) {
            v = qs[qo + t] - xs[xo + t];
            s += v * v;
        }
        return s;
    }

    /** A row of a row-major array as a map key: equal when every value is the same double (by bits). */
    private static final class Row {
        final double[] xs;
        final int offset, d, hash;

        Row(double[] xs, int offset, int d) {
            this.xs = xs;
            this.offset = offset;
            this.d = d;
            int h = 1;
            for (int t = 0; t < d; t++) {
                long b = Double.doubleToLongBits(xs[offset + t]);
                h = 31 * h + (int) (b ^ (b >>> 32));
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Row r) || r.hash != hash) return false;
            for (int t = 0; t < d; t++) {
                if (Double.doubleToLongBits(xs[offset + t]) != Double.doubleToLongBits(r.xs[r.offset + t])) return false;
            }
            return true;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
