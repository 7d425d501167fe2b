package io.latentad.models.detect;

import io.latentad.models.common.Inputs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalOutlierFactorTest {
    private static final Fixture F = Fixture.load("/fixtures/detect/lof.json");

    /** The fixture's duplicated data: x, then x[:15] twice, then x[40] 25 more times. */
    private static double[][] duplicated() {
        double[][] x = F.matrix("x");
        double[][] dup = new double[x.length + 15 + 15 + 25][];
        int r = 0;
        for (double[] row : x) dup[r++] = row;
        for (int rep = 0; rep < 2; rep++) for (int i = 0; i < 15; i++) dup[r++] = x[i];
        for (int i = 0; i < 25; i++) dup[r++] = x[40];
        return dup;
    }

    @Test
    void trainingAndNoveltyScoresEqualScikitLearn() {
        // reference: sklearn 1.2 LocalOutlierFactor(n_neighbors=20), -negative_outlier_factor_
        // and novelty=True -score_samples (make_detect.py)
        LocalOutlierFactor.Model m = new LocalOutlierFactor().fit(F.matrix("x"));
        assertTrue(TestData.maxRelErr(m.trainingScores(), F.vector("train")) < 1e-6);
        assertTrue(TestData.maxRelErr(m.score(F.matrix("q")), F.vector("novel")) < 1e-6);
    }

    @Test
    void duplicatePointsAreHandledAsScikitLearn() {
        LocalOutlierFactor.Model m = new LocalOutlierFactor().fit(duplicated());
        assertTrue(TestData.maxRelErr(m.trainingScores(), F.vector("dup_train")) < 1e-6);
        assertTrue(TestData.maxRelErr(m.score(F.matrix("q")), F.vector("dup_novel")) < 1e-6);
    }

    @Test
    void bruteForceInHighDimensionsEqualsScikitLearn() {
        LocalOutlierFactor.Model m = new LocalOutlierFactor().fit(F.matrix("xh"));
        assertTrue(TestData.maxRelErr(m.trainingScores(), F.vector("h_train")) < 1e-6);
        assertTrue(TestData.maxRelErr(m.score(F.matrix("qh")), F.vector("h_novel")) < 1e-6);
    }

    @Test
    void kdTreeAndBruteForceFindTheSameNeighbours() {
        double[][] x = TestData.blobs(700, 4, 3, 5, 11);
        for (int i = 0; i < 30; i++) x[600 + i] = x[i].clone(); // ties
        double[] xs = Inputs.flatten(x, 4);
        int k = 9;
        int[] ia = new int[700 * k], ib = new int[700 * k];
        double[] da = new double[700 * k], db = new double[700 * k];
        new KdTree(xs, 700, 4).knnAll(xs, 700, k, ia, da);
        new BruteForceNeighbors(xs, 700, 4).knnAll(xs, 700, k, ib, db);
        assertArrayEquals(ib, ia);
        assertArrayEquals(db, da, 0);
    }

    @Test
    void gemmAndBruteForceFindTheSameNeighboursBitForBit() {
        // wide rows far from the origin (the estimate's error grows with the norms), near ties and exact ties
        for (int d : new int[] {17, 40, 120}) {
            double[][] x = TestData.blobs(900, d, 4, 3, 13);
            for (double[] row : x) for (int t = 0; t < d; t++) row[t] += 1000;
            for (int i = 0; i < 30; i++) x[800 + i] = x[i].clone();
            for (int i = 0; i < 30; i++) {
                x[850 + i] = x[100 + i].clone();
                x[850 + i][0] += 1e-9;
            }
            double[] xs = Inputs.flatten(x, d);
            double[][] q = TestData.blobs(70, d, 2, 4, 17);
            for (double[] row : q) for (int t = 0; t < d; t++) row[t] += 1000;
            q[0] = x[5].clone();
            double[] qs = Inputs.flatten(q, d);
            for (int k : new int[] {1, 20}) {
                int[] ia = new int[900 * k], ib = new int[900 * k];
                double[] da = new double[900 * k], db = new double[900 * k];
                new GemmNeighbors(xs, 900, d).knnAll(xs, 900, k, ia, da);
                new BruteForceNeighbors(xs, 900, d).knnAll(xs, 900, k, ib, db);
                assertArrayEquals(ib, ia, "d = " + d + ", k = " + k);
                assertArrayEquals(db, da, 0);
                int[] qa = new int[70 * k], qb = new int[70 * k];
                double[] ea = new double[70 * k], eb = new double[70 * k];
                new GemmNeighbors(xs, 900, d).knnAll(qs, 70, k, qa, ea);
                new BruteForceNeighbors(xs, 900, d).knnAll(qs, 70, k, qb, eb);
                assertArrayEquals(qb, qa, "queries, d = " + d + ", k = " + k);
                assertArrayEquals(eb, ea, 0);
            }
        }
    }

    @Test
    void symmetricSelfSearchMatchesBruteForceBitForBitOnEveryThreadCount() {
        // the rows as their own queries through the upper triangle of tiles: wide rows far from the origin,
        // exact and near ties, many copies (more than k), several query blocks and column chunks (u > 2048)
        int before = io.latentad.engine.kernel.Parallel.threads();
        try {
            java.util.Random rnd = new java.util.Random(41);
            for (int[] nd : new int[][] {{900, 120}, {2600, 17}, {700, 40}}) {
                int n = nd[0], d = nd[1];
                double[][] x = TestData.blobs(n, d, 4, 3, 13 + d);
                for (double[] row : x) for (int t = 0; t < d; t++) row[t] += 1000;
                for (int i = 0; i < n; i++) {
                    int c = rnd.nextInt(20);
                    if (c == 0) x[i] = x[3].clone();                    // row 3: ~n/20 copies
                    else if (c == 1) x[i] = x[10 + rnd.nextInt(30)].clone();
                    else if (c == 2) {
                        x[i] = x[100 + rnd.nextInt(30)].clone();
                        x[i][0] += 1e-9;                                 // near ties
                    }
                }
                double[] xs = Inputs.flatten(x, d);
                for (int k : new int[] {1, 20, 80}) {
                    int[] ib = new int[n * k];
                    double[] db = new double[n * k];
                    new BruteForceNeighbors(xs, n, d).knnAll(xs, n, k, ib, db);
                    for (int threads : new int[] {1, 2, 3}) {
                        io.latentad.engine.kernel.Parallel.setThreads(threads);
                        int[] ia = new int[n * k];
                        double[] da = new double[n * k];
                        new GemmNeighbors(xs, n, d).knnOfIndexed(k, ia, da);
                        assertArrayEquals(ib, ia, "n = " + n + ", d = " + d + ", k = " + k + ", threads " + threads);
                        assertArrayEquals(db, da, 0);
                    }
                }
            }
            // huge norms: the float filter stays off for those rows and the search stays exact
            int n = 300, d = 20;
            double[][] x = TestData.blobs(n, d, 3, 2, 31);
            for (int i = 0; i < 10; i++) for (int t = 0; t < d; t++) x[i][t] *= 1e16;
            double[] xs = Inputs.flatten(x, d);
            int[] ia = new int[n * 7], ib = new int[n * 7];
            double[] da = new double[n * 7], db = new double[n * 7];
            new GemmNeighbors(xs, n, d).knnOfIndexed(7, ia, da);
            new BruteForceNeighbors(xs, n, d).knnAll(xs, n, 7, ib, db);
            assertArrayEquals(ib, ia);
            assertArrayEquals(db, da, 0);
        } finally {
            io.latentad.engine.kernel.Parallel.setThreads(before);
        }
    }

    @Test
    void gemmSearchOverRepeatedRowsMatchesBruteForceBitForBit() {
        // rows with many copies (more than k), scattered through the data, and repeated queries: the
        // distinct-row search must give the brute force's neighbours, ties by index, bit for bit
        int n = 600, d = 30;
        double[][] x = TestData.blobs(n, d, 3, 2, 23);
        java.util.Random rnd = new java.util.Random(5);
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(10);
            if (c < 3) x[i] = x[c].clone();                  // rows 0, 1, 2: ~60 copies each
            else if (c < 5) x[i] = x[10 + rnd.nextInt(40)].clone(); // a few copies of 40 others
        }
        double[] xs = Inputs.flatten(x, d);
        double[][] q = new double[50][];
        for (int i = 0; i < q.length; i++) q[i] = x[rnd.nextInt(n)].clone();
        q[7] = q[3].clone();
        double[] qs = Inputs.flatten(q, d);
        for (int k : new int[] {1, 5, 21, 80}) {
            int[] ia = new int[n * k], ib = new int[n * k];
            double[] da = new double[n * k], db = new double[n * k];
            GemmNeighbors gemm = new GemmNeighbors(xs, n, d);
            gemm.knnAll(xs, n, k, ia, da);
            new BruteForceNeighbors(xs, n, d).knnAll(xs, n, k, ib, db);
            assertArrayEquals(ib, ia, "k = " + k);
            assertArrayEquals(db, da, 0);
            int m = q.length;
            int[] qa = new int[m * k], qb = new int[m * k];
            double[] ea = new double[m * k], eb = new double[m * k];
            gemm.knn(qs, 0, 20, k, qa, ea);
            gemm.knn(qs, 20, m, k, qa, ea);
            new BruteForceNeighbors(xs, n, d).knnAll(qs, m, k, qb, eb);
            assertArrayEquals(qb, qa, "queries, k = " + k);
            assertArrayEquals(eb, ea, 0);
        }
    }

    @Test
    void gemmSearchWithHugeNormsSkipsTheFloatFilterAndStaysExact() {
        int n = 300, d = 20;
        double[][] x = TestData.blobs(n, d, 3, 2, 31);
        for (int i = 0; i < 10; i++) for (int t = 0; t < d; t++) x[i][t] *= 1e16; // squared norms ~1e33
        double[] xs = Inputs.flatten(x, d);
        int k = 7;
        int[] ia = new int[n * k], ib = new int[n * k];
        double[] da = new double[n * k], db = new double[n * k];
        new GemmNeighbors(xs, n, d).knnAll(xs, n, k, ia, da);
        new BruteForceNeighbors(xs, n, d).knnAll(xs, n, k, ib, db);
        assertArrayEquals(ib, ia);
        assertArrayEquals(db, da, 0);
    }

    @Test
    void kthBoundIsTheKthSmallestWithMultiplicity() {
        java.util.Random rnd = new java.util.Random(9);
        for (int k : new int[] {1, 3, 20}) {
            KthBound bound = new KthBound(k);
            for (int trial = 0; trial < 200; trial++) {
                bound.clear();
                java.util.List<Double> all = new java.util.ArrayList<>();
                int offers = 1 + rnd.nextInt(40);
                for (int i = 0; i < offers; i++) {
                    double v = rnd.nextInt(15);              // ties on purpose
                    int copies = 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(30) : 0);
                    bound.offer(v, copies);
                    for (int c = 0; c < copies; c++) all.add(v);
                    java.util.Collections.sort(all);
                    double expected = all.size() >= k ? all.get(k - 1) : Double.POSITIVE_INFINITY;
                    assertEquals(expected, bound.worst(), 0, "k = " + k + ", trial " + trial + ", offer " + i);
                }
            }
        }
    }

    @Test
    void scoreIsNearOneInsideAnEvenCluster() {
        double[][] x = TestData.blobs(400, 2, 1, 0, 3);
        double[] s = new LocalOutlierFactor().fit(x).score(new double[][] {{0, 0}});
        assertEquals(1.0, s[0], 0.15);
    }

    @Test
    void scoreIsHigherForAnIsolatedPointThanForClusterPoints() {
        double[][] x = TestData.blobs(300, 2, 2, 6, 5);
        x[0] = new double[] {40, 40};
        double[] s = new LocalOutlierFactor().fit(x).trainingScores();
        for (int i = 1; i < s.length; i++) assertTrue(s[0] > s[i]);
    }

    @Test
    void kEqualToNUsesNMinusOneNeighbours() {
        double[][] x = TestData.blobs(10, 2, 1, 0, 1);
        assertEquals(9, new LocalOutlierFactor(new LocalOutlierFactor.Options(10)).fit(x).k());
    }

    @Test
    void reducesKAboveNToNMinusOneAsScikitLearn() {
        // scikit-learn 1.2: n_neighbors > n_samples warns and uses n_samples - 1 (the default k = 20 on a small file)
        double[][] x = TestData.blobs(10, 2, 1, 0, 1);
        LocalOutlierFactor.Model nine = new LocalOutlierFactor(new LocalOutlierFactor.Options(9)).fit(x);
        for (int k : new int[] {11, 20}) {
            LocalOutlierFactor.Model m = new LocalOutlierFactor(new LocalOutlierFactor.Options(k)).fit(x);
            assertEquals(9, m.k());
            assertArrayEquals(nine.trainingScores(), m.trainingScores(), 0.0);
        }
    }

    @Test
    void rejectsKBelowOne() {
        assertThrows(IllegalArgumentException.class, () -> new LocalOutlierFactor.Options(0));
    }

    @Test
    void rejectsNaNNamingRowAndColumn() {
        double[][] x = TestData.blobs(30, 3, 1, 0, 1);
        x[7][2] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LocalOutlierFactor().fit(x));
        assertTrue(e.getMessage().contains("row 7") && e.getMessage().contains("column 2"), e.getMessage());
    }

    @Test
    void rejectsInfinity() {
        double[][] x = TestData.blobs(30, 3, 1, 0, 1);
        x[3][0] = Double.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> new LocalOutlierFactor().fit(x));
    }

    @Test
    void rejectsEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new LocalOutlierFactor().fit(new double[0][]));
    }

    @Test
    void rejectsASingleRow() {
        assertThrows(IllegalArgumentException.class,
                () -> new LocalOutlierFactor(new LocalOutlierFactor.Options(1)).fit(new double[][] {{1, 2}}));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        LocalOutlierFactor.Model m = new LocalOutlierFactor().fit(TestData.blobs(50, 3, 1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2}}));
    }
}
