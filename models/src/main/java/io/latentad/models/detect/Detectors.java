package io.latentad.models.detect;

import io.latentad.models.cluster.CovarianceType;
import io.latentad.models.cluster.GaussianMixture;
import io.latentad.models.cluster.KMeans;
import io.latentad.models.common.Params;

import java.util.Map;
import java.util.Set;

/**
 * Detectors by CLI name with {@code --param} options, names and defaults exactly as the table in
 * DESIGN.md (scikit-learn's defaults where it has the detector).
 */
public final class Detectors {
    private Detectors() {
    }

    /** The names {@link #create} accepts. */
    public static String[] names() {
        return new String[] {"iforest", "lof", "knn", "ecod", "copod", "hbos", "ocsvm", "kde", "gaussian", "gmm", "kmeans", "cblof", "pca", "rpca"};
    }

    /**
     * A detector for {@code name} configured from {@code params} (string values as given on the
     * command line; missing keys take the defaults).
     *
     * @throws IllegalArgumentException for an unknown name, an unknown key or a bad value, with
     *                                  a message naming it and what was expected
     */
    public static Detector create(String name, Map<String, String> params) {
        Map<String, String> p = params == null ? Map.of() : params;
        String n = name == null ? "" : name;
        switch (n) {
            case "iforest": {
                keys(n, p, "trees", "samples", "seed");
                IsolationForest.Options d = IsolationForest.Options.defaults();
                return new IsolationForest(new IsolationForest.Options(Params.intParam(p, "trees", d.trees()),
                        Params.intParam(p, "samples", d.samples()), Params.longParam(p, "seed", d.seed())));
            }
            case "lof":
                keys(n, p, "k");
                return new LocalOutlierFactor(new LocalOutlierFactor.Options(Params.intParam(p, "k", 20)));
            case "knn": {
                keys(n, p, "k", "method");
                KnnDistance.Options d = KnnDistance.Options.defaults();
                return new KnnDistance(new KnnDistance.Options(Params.intParam(p, "k", d.k()),
                        KnnDistance.Method.parse(p.getOrDefault("method", "largest"))));
            }
            case "ecod":
                keys(n, p, "aggregate");
                return new Ecod(new Ecod.Options(Ecod.Aggregate.parse(p.getOrDefault("aggregate", "columns"))));
            case "copod":
                keys(n, p);
                return new Copod();
            case "hbos": {
                keys(n, p, "bins", "alpha", "tol");
                Hbos.Options d = Hbos.Options.defaults();
                return new Hbos(new Hbos.Options(Params.intParam(p, "bins", d.bins()), Params.doubleParam(p, "alpha", d.alpha()),
                        Params.doubleParam(p, "tol", d.tol())));
            }
            case "kde":
                keys(n, p, "bandwidth");
                return new KernelDensity(KernelDensity.Options.parse(p.getOrDefault("bandwidth", "scott")));
            case "gaussian":
                keys(n, p);
                return new GaussianDensity();
            case "gmm": {
                keys(n, p, "k", "covariance", "seed");
                GaussianMixture.Options o = GaussianMixture.Options.defaults()
                        .withK(Params.intParam(p, "k", 1))
                        .withCovariance(CovarianceType.parse(p.getOrDefault("covariance", "full")))
                        .withSeed(Params.longParam(p, "seed", 0));
                return new GmmLikelihood(new GmmLikelihood.Options(o));
            }
            case "kmeans": {
                keys(n, p, "k", "seed");
                KMeans.Options o = KMeans.Options.defaults().withK(Params.intParam(p, "k", 8)).withSeed(Params.longParam(p, "seed", 0));
                return new KMeansDistance(new KMeansDistance.Options(o));
            }
            case "cblof": {
                keys(n, p, "k", "alpha", "beta", "weighted", "seed");
                ClusterBasedLof.Options d = ClusterBasedLof.Options.defaults();
                String w = p.getOrDefault("weighted", "false");
                if (!w.equals("true") && !w.equals("false")) {
                    throw new IllegalArgumentException("detector cblof: weighted = '" + w + "': expected true or false");
                }
                KMeans.Options o = KMeans.Options.defaults().withK(Params.intParam(p, "k", 8)).withSeed(Params.longParam(p, "seed", 0));
                return new ClusterBasedLof(new ClusterBasedLof.Options(o, Params.doubleParam(p, "alpha", d.alpha()),
                        Params.doubleParam(p, "beta", d.beta()), w.equals("true")));
            }
            case "pca": {
                // score=recon (default): squared distance to the 95%-variance subspace; score=pyod: PyOD's weighted
                // distance to every component of the standardised rows (what ADBench reports as PCA)
                keys(n, p, "components", "score");
                String score = p.getOrDefault("score", "recon");
                if (score.equals("pyod")) {
                    if (p.containsKey("components")) {
                        throw new IllegalArgumentException("detector pca: score=pyod uses every component: drop components");
                    }
                    return new PcaWeightedDistance();
                }
                if (!score.equals("recon")) {
                    throw new IllegalArgumentException("detector pca: score = '" + score + "': expected recon or pyod");
                }
                return new PcaReconstruction(new PcaReconstruction.Options(Params.doubleParam(p, "components", 0.95)));
            }
            case "rpca": {
                keys(n, p, "lambda");
                RobustPca.Options d = RobustPca.Options.defaults();
                return new RobustPca(new RobustPca.Options(Params.doubleParam(p, "lambda", Double.NaN), d.maxIter(), d.tol()));
            }
            case "ocsvm":
                return OneClassSvm.fromParams(p);
            default:
                throw new IllegalArgumentException("unknown detector '" + name + "': expected one of "
                        + String.join(", ", names()));
        }
    }

    private static void keys(String name, Map<String, String> p, String... allowed) {
        Params.requireKeys("detector " + name, p, Set.of(allowed));
    }
}
