"""How scattered are a labelled set's latent codes around their classes? (a diagnostic, 2-D or more)

Reads codes CSVs written by `latentad embed` or `ClVaeDefaultsExperiment -Dcodes=DIR` (index,z0,z1,...) and the idx
label file of the same rows, and prints per file: the share of codes nearest their own class median, the mean distance
from a class median to the nearest other one (the spacing), how many codes lie farther than half a spacing and than
one spacing from their own class median (the far scatter that lets EM at k = classes prefer a broad component, session 8
of bench/notes/ae.md), and the core spread (geometric-mean sd of each class's 90% nearest codes) relative to the spacing.
The labels only judge the codes; nothing is fitted on them.

    /usr/bin/python3 bench/scripts/code_scatter.py LABELS-idx1-ubyte.gz CODES.csv [CODES.csv ...]
"""
import sys

import numpy as np

from em_codes_sklearn import idx_labels


def main():
    y = idx_labels(sys.argv[1])
    classes = np.unique(y)
    for path in sys.argv[2:]:
        z = np.loadtxt(path, delimiter=",", skiprows=1)[:, 1:]
        if len(y) != len(z):
            raise SystemExit(f"{path}: {len(z)} codes but {len(y)} labels")
        idx = np.searchsorted(classes, y)
        med = np.array([np.median(z[y == c], axis=0) for c in classes])
        d = np.linalg.norm(z[:, None, :] - med[None], axis=2)
        own = d[np.arange(len(y)), idx]
        dm = np.linalg.norm(med[:, None] - med[None], axis=2)
        np.fill_diagonal(dm, np.inf)
        spacing = dm.min(1).mean()
        sds = []
        for j, c in enumerate(classes):
            core = (y == c) & (own < np.quantile(own[y == c], 0.9))
            sds.append(np.linalg.det(np.atleast_2d(np.cov(z[core].T))) ** (1 / (2 * z.shape[1])))
        sd = float(np.exp(np.mean(np.log(sds))))
        print(f"{path}: nearest own median {100 * (d.argmin(1) == idx).mean():.2f}%; spacing {spacing:.2f}; "
              f"farther than half a spacing {(own > spacing / 2).sum()}, than one spacing {(own > spacing).sum()}; "
              f"core sd {sd:.2f} ({sd / spacing:.3f} of the spacing)")


if __name__ == "__main__":
    main()
