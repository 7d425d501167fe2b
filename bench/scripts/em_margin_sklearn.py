"""Is the class partition the likeliest k-component mixture on saved latent codes? (a diagnostic)

Reads codes CSVs written by `latentad embed` or `ClVaeDefaultsExperiment -Dcodes=DIR` (index,z0,z1,...)
and the idx label file of the same rows. Fits scikit-learn 1.2's GaussianMixture (full covariance) once
from the class medians and from `starts` single k-means++ starts (random_state 0 .. starts-1), calls an
optimum class-like when its V-measure against the labels is >= `cut`, and prints per file:

- the share of starts that end class-like (how wide the class partition's basin is),
- the best mean log-likelihood per row of a class-like optimum and of any other optimum,
- margin = the first minus the second. A negative margin means the maximum-likelihood mixture is not
  the class partition: EM with restarts then finds the class partition only when no restart falls
  into the likelier optimum's basin, so its V-measure depends on the restarts' seed.

The labels are used to judge the optima only; nothing here is fitted on them.

    /usr/bin/python3 bench/scripts/em_margin_sklearn.py LABELS-idx1-ubyte.gz CODES.csv [CODES.csv ...]
        (environment: K=10, STARTS=30, CUT=0.915)
"""
import os
import sys

import numpy as np
from sklearn.metrics import v_measure_score
from sklearn.mixture import GaussianMixture

from em_codes_sklearn import idx_labels


def main():
    k = int(os.environ.get("K", "10"))
    starts = int(os.environ.get("STARTS", "30"))
    cut = float(os.environ.get("CUT", "0.915"))
    y = idx_labels(sys.argv[1])
    for path in sys.argv[2:]:
        z = np.loadtxt(path, delimiter=",", skiprows=1)[:, 1:]
        if len(y) != len(z):
            raise SystemExit(f"{path}: {len(z)} codes but {len(y)} labels")
        classes = np.unique(y)
        if len(classes) != k:
            raise SystemExit(f"k = {k} but the labels have {len(classes)} classes")
        medians = np.array([np.median(z[y == c], axis=0) for c in classes])
        fits = [GaussianMixture(k, covariance_type="full", means_init=medians, random_state=0).fit(z)]
        fits += [GaussianMixture(k, covariance_type="full", n_init=1, random_state=s).fit(z) for s in range(starts)]
        res = [(g.score(z), v_measure_score(y, g.predict(z))) for g in fits]
        like = [r for r in res if r[1] >= cut]
        other = [r for r in res if r[1] < cut]
        bl = max(like) if like else (float("nan"), float("nan"))
        bo = max(other) if other else (float("nan"), float("nan"))
        print(f"{path}: class-like {len(like)}/{len(res)}; best class-like loglik {bl[0]:.4f} (V {bl[1]:.4f}), "
              f"best other {bo[0]:.4f} (V {bo[1]:.4f}); margin {bl[0] - bo[0]:+.4f}")


if __name__ == "__main__":
    main()
