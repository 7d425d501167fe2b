# ADBench thyroid (ODDS) ROC-AUC of the NumPy / SciPy references for ecod, copod and hbos
# (src-test/models/resources/fixtures/detect/pyod_reference.py), on the very splits ThyroidExperiment uses:
#   java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.latentad.bench.detect.ThyroidExperiment \
#       ../shared/data/odds/thyroid.csv ecod,copod,hbos /tmp/splits
#   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 /usr/bin/python3 \
#       bench/scripts/thyroid_ecdf_detectors.py ../shared/data/odds/thyroid.csv /tmp/splits
# Also prints PyOD's other conventions for comparison: ECOD as PyOD <= 1.1 (per-column max, then the sum), HBOS
# with PyOD's np.digitize(right=True) lookup, and ECOD / COPOD re-fitted on train + test as PyOD's decision_function.
import os, sys
import numpy as np
from sklearn.metrics import roc_auc_score

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "../../src-test/models/resources/fixtures/detect"))
from pyod_reference import ecod, copod, hbos, ecod_pyod_per_column, tails_in_sample, skew_signs

data = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
x, y = data[:, :-1], data[:, -1].astype(int)
splits = sys.argv[2]

def refit_batch(kind, train, test):
    """PyOD's decision_function: ECDFs and skewness of train + test together, the test rows' scores."""
    both = np.vstack([train, test])
    u, v = tails_in_sample(both, test)
    s = skew_signs(both)
    w = np.where(s < 0, u, v)
    if kind == "copod":
        return np.maximum(w, (u + v) / 2).sum(1)
    return np.maximum(w, np.maximum(u, v)).sum(1)  # PyOD <= 1.1's ECOD

methods = {
    "ecod": lambda tr, te: ecod(tr, te, False),
    "copod": lambda tr, te: copod(tr, te, False),
    "hbos": lambda tr, te: hbos(tr, te),
    "ecod (PyOD<=1.1 per-column max)": lambda tr, te: ecod_pyod_per_column(tr, te, False),
    "ecod (PyOD<=1.1, re-fit on batch)": lambda tr, te: refit_batch("ecod", tr, te),
    "copod (PyOD, re-fit on batch)": lambda tr, te: refit_batch("copod", tr, te),
    "hbos (PyOD digitize lookup)": lambda tr, te: hbos(tr, te, pyod_lookup=True),
}
for name, f in methods.items():
    aucs = []
    for seed in range(3):
        with open(os.path.join(splits, f"split{seed}.txt")) as fh:
            tr = np.array(fh.readline().split(), dtype=int); te = np.array(fh.readline().split(), dtype=int)
        aucs.append(roc_auc_score(y[te], f(x[tr], x[te])))
    print(f"{name:36s} ROC-AUC mean {100 * np.mean(aucs):.2f}  (seeds 0,1,2: {' '.join(f'{a:.4f}' for a in aucs)})")
