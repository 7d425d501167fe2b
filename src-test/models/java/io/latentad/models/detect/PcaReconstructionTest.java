package io.latentad.models.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaReconstructionTest {
    private static final Fixture F = Fixture.load("/fixtures/detect/pca.json");

    @Test
    void reconstructionErrorMatchesScikitLearnAt95PercentVariance() {
        // reference: sklearn 1.2 PCA(n_components=0.95), squared error of inverse_transform(transform(q))
        PcaReconstruction.Model m = new PcaReconstruction().fit(F.matrix("x"));
        assertEquals((int) F.number("ncomp_0.95"), m.components());
        assertTrue(TestData.maxRelErr(m.score(F.matrix("q")), F.vector("err_0.95")) < 1e-9);
    }

    @Test
    void reconstructionErrorMatchesScikitLearnWithTwoComponents() {
        PcaReconstruction.Model m = new PcaReconstruction(new PcaReconstruction.Options(2)).fit(F.matrix("x"));
        assertEquals(2, m.components());
        assertTrue(TestData.maxRelErr(m.score(F.matrix("q")), F.vector("err_2")) < 1e-9);
    }

    @Test
    void scoreIsZeroOnThePrincipalPlaneAndGrowsOffIt() {
        double[][] x = new double[100][3];
        for (int i = 0; i < 100; i++) x[i] = new double[] {i, 2.0 * i, 0.01 * Math.sin(i)};
        PcaReconstruction.Model m = new PcaReconstruction(new PcaReconstruction.Options(1)).fit(x);
        double[] s = m.score(new double[][] {{10, 20, 0}, {10, 20, 5}});
        assertTrue(s[0] < 1e-3 && s[1] > 20);
    }

    @Test
    void rejectsComponentsAboveRankBound() {
        assertThrows(IllegalArgumentException.class, () -> new PcaReconstruction(new PcaReconstruction.Options(7)).fit(F.matrix("x")));
    }

    @Test
    void rejectsFractionalCountAboveOne() {
        assertThrows(IllegalArgumentException.class, () -> new PcaReconstruction.Options(1.5));
    }

    @Test
    void rejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> new PcaReconstruction().fit(new double[][] {{Double.NaN, 1}}));
    }

    @Test
    void rejectsEmptyData() {
        assertThrows(IllegalArgumentException.class, () -> new PcaReconstruction().fit(new double[0][]));
    }

    @Test
    void rejectsWrongWidthAtScoring() {
        PcaReconstruction.Model m = new PcaReconstruction().fit(F.matrix("x"));
        assertThrows(IllegalArgumentException.class, () -> m.score(new double[][] {{1, 2}}));
    }
}
