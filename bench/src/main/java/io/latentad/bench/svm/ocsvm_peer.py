# Side-by-side peer for OcsvmTiming: the data of ../shared/peers/sklearn_detectors.py (10 Gaussian
# blobs, 1% uniform outliers, seed 0), cut to the first m rows as that script does for OCSVM, written
# to a CSV that OcsvmTiming reads; then times scikit-learn's OneClassSVM(nu=0.05, gamma='scale')
# fit and decision_function on it. Run with Debian's scikit-learn:
#   /usr/bin/python3 ocsvm_peer.py OUT.csv [n=60000] [d=2] [m=20000] [repeats=3]
import sys, time, warnings, numpy as np
from sklearn.svm import OneClassSVM
from sklearn.metrics import roc_auc_score
warnings.filterwarnings('ignore')
path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 60000
d = int(sys.argv[3]) if len(sys.argv) > 3 else 2
m = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
reps = int(sys.argv[5]) if len(sys.argv) > 5 else 3
rng = np.random.default_rng(0)
centers = rng.normal(0, 8, (10, d)); y = rng.integers(0, 10, n)
X = centers[y] + rng.normal(0, 1, (n, d)); out = rng.random(n) < 0.01
X[out] = rng.uniform(X.min(0), X.max(0), (out.sum(), d))
X, out = X[:m], out[:m]
with open(path, 'w') as f:
    f.write(','.join(f'x{j}' for j in range(d)) + ',outlier\n')
    for i in range(m):
        f.write(','.join(repr(float(v)) for v in X[i]) + f',{int(out[i])}\n')
for r in range(reps):
    c0 = time.thread_time()
    t = time.perf_counter(); svm = OneClassSVM(nu=0.05, gamma='scale').fit(X); tf = time.perf_counter() - t
    c1 = time.thread_time()
    t = time.perf_counter(); s = -svm.decision_function(X); ts = time.perf_counter() - t
    c2 = time.thread_time()
    print(f"sklearn m={m} d={d} fit {tf:.3f} s score {ts:.3f} s total {tf + ts:.3f} s "
          f"(cpu fit {c1 - c0:.3f} score {c2 - c1:.3f}) nSV {svm.support_.size} "
          f"rho {svm.offset_[0]:.6f} auc {roc_auc_score(out, s):.4f}")
