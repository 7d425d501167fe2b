package io.latentad.models.ae;

import io.latentad.engine.random.Rng;
import io.latentad.engine.tensor.Tensor;

/**
 * Well-spread class means {@code mu_y} for the class-conditioned priors N(mu_y, I) of the CL-VAE
 * and of the adversarial autoencoder's mixture prior. Neighbouring means are {@code separation}
 * apart (6 by default: six prior standard deviations, so two classes' priors overlap in about
 * 0.1% of their mass):
 * <ul>
 *   <li>latent 1: equally spaced on a line, centred on 0;</li>
 *   <li>latent 2: the vertices of a regular K-gon (a circle of radius
 *       {@code separation / (2 sin(pi / K))});</li>
 *   <li>latent &gt;= K: scaled one-hot vectors {@code (separation / sqrt 2) e_y} (a simplex);</li>
 *   <li>otherwise: random directions on the sphere, the most spread (largest minimum pairwise
 *       distance) of 64 seeded draws, scaled so that minimum distance is {@code separation}.</li>
 * </ul>
 */
final class ClassMeans {
    private ClassMeans() {
    }

    static Tensor fixed(int classes, int latent, double separation, Rng rng) {
        if (classes < 1) throw new IllegalArgumentException("class means: classes = " + classes + ", expected >= 1");
        double[][] m = new double[classes][latent];
        if (classes == 1) return toTensor(m);
        if (latent == 1) {
            for (int k = 0; k < classes; k++) m[k][0] = (k - (classes - 1) / 2.0) * separation;
        } else if (latent == 2) {
            double r = classes == 2 ? separation / 2 : separation / (2 * Math.sin(Math.PI / classes));
            for (int k = 0; k < classes; k++) {
                double a = 2 * Math.PI * k / classes;
                m[k][0] = r * Math.cos(a);
                m[k][1] = r * Math.sin(a);
            }
        } else if (latent >= classes) {
            for (int k = 0; k < classes; k++) m[k][k] = separation / Math.sqrt(2);
        } else {
            double best = -1;
            for (int draw = 0; draw < 64; draw++) {
                double[][] c = new double[classes][latent];
                for (double[] row : c) {
                    double s = 0;
                    for (int j = 0; j < latent; j++) s += (row[j] = rng.nextGaussian()) * row[j];
                    s = Math.sqrt(s);
                    for (int j = 0; j < latent; j++) row[j] /= s;
                }
                double md = minDistance(c);
                if (md > best) {
                    best = md;
                    m = c;
                }
            }
            for (double[] row : m) for (int j = 0; j < latent; j++) row[j] *= separation / best;
        }
        return toTensor(m);
    }

    static double minDistance(double[][] c) {
        double md = Double.POSITIVE_INFINITY;
        for (int a = 0; a < c.length; a++) {
            for (int b = a + 1; b < c.length; b++) {
                double s = 0;
                for (int j = 0; j < c[a].length; j++) s += (c[a][j] - c[b][j]) * (c[a][j] - c[b][j]);
                md = Math.min(md, Math.sqrt(s));
            }
        }
        return md;
    }

    private static Tensor toTensor(double[][] m) {
        return Tensor.matrix(m);
    }
}
