"""scikit-learn's GaussianMixture and KMeans on saved latent codes, beside latentad's EM.

Reads a codes CSV written by `latentad embed` (index,z0,z1,...) and the idx label file, fits
scikit-learn 1.2's GaussianMixture (k components, each covariance type, n_init restarts, seeds)
and KMeans (n_init 10), and prints the V-measure against the labels and the mean log-likelihood
per row, one line per fit.

    /usr/bin/python3 bench/scripts/em_codes_sklearn.py CODES.csv LABELS-idx1-ubyte.gz [k=10] [n_init=5] [seeds=1,2,3]
"""
import gzip
import struct
import sys

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import v_measure_score
from sklearn.mixture import GaussianMixture


def idx_labels(path):
    with (gzip.open(path) if path.endswith(".gz") else open(path, "rb")) as f:
        magic, n = struct.unpack(">II", f.read(8))
        if magic != 2049:
            raise SystemExit(f"{path}: magic {magic}: expected 2049 (idx1 labels)")
        return np.frombuffer(f.read(n), dtype=np.uint8).astype(int)


def main():
    codes_path, labels_path = sys.argv[1], sys.argv[2]
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    n_init = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    seeds = [int(s) for s in (sys.argv[5] if len(sys.argv) > 5 else "1,2,3").split(",")]
    z = np.loadtxt(codes_path, delimiter=",", skiprows=1)[:, 1:]
    y = idx_labels(labels_path)
    if len(y) != len(z):
        raise SystemExit(f"{len(z)} codes but {len(y)} labels")
    print(f"codes {codes_path}: {z.shape[0]} x {z.shape[1]}, k {k}")
    for seed in seeds:
        for cov in ("full", "diag", "spherical"):
            g = GaussianMixture(n_components=k, covariance_type=cov, n_init=n_init, random_state=seed).fit(z)
            lab = g.predict(z)
            print(f"sklearn EM {cov:9s} n_init {n_init} seed {seed}: V = {v_measure_score(y, lab):.4f}, "
                  f"mean loglik {g.score(z):.4f}, converged {g.converged_}, iters {g.n_iter_}")
        km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(z)
        print(f"sklearn k-means n_init 10 seed {seed}: V = {v_measure_score(y, km.labels_):.4f}")


if __name__ == "__main__":
    main()
