package io.latentad.models.pipeline;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProjectionTest {
    @Test
    void twoDimensionalCodesAreShownAsTheyAre() {
        double[][] z = {{1, 2}, {3, 4}};
        assertSame(z, Projection.view2d(z));
    }

    @Test
    void higherDimensionalCodesShowTheirTwoLargestPrincipalComponents() {
        // variance 25 along (1,1,0)/sqrt2, 4 along z, 0.01 along (1,-1,0)/sqrt2
        Random r = new Random(1);
        double[][] z = new double[4000][];
        for (int i = 0; i < z.length; i++) {
            double a = 5 * r.nextGaussian(), b = 2 * r.nextGaussian(), c = 0.1 * r.nextGaussian();
            z[i] = new double[] {(a + c) / Math.sqrt(2), (a - c) / Math.sqrt(2), b};
        }
        double[][] v = Projection.view2d(z);
        double v0 = 0, v1 = 0;
        for (double[] p : v) {
            v0 += p[0] * p[0] / v.length;
            v1 += p[1] * p[1] / v.length;
        }
        assertEquals(25, v0, 2.0);
        assertEquals(4, v1, 0.4);
    }

    @Test
    void slugsAreFileNameSafe() {
        assertEquals("cl-vae_gamma_0.3", ReportFigures.slug("CL-VAE (gamma 0.3)"));
        assertEquals("model", ReportFigures.slug("???"));
        assertTrue(ReportFigures.slug("VAE").equals("vae"));
    }
}
