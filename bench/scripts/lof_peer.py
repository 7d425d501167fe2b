# scikit-learn LOF on the blobs of ../shared/peers/sklearn_detectors.py (same generator), fit only, 3 rounds
# Run: env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/scripts/lof_peer.py 20000 120
# (drop the two *_NUM_THREADS for its defaults); compare with DetectorTiming 20000 120 3 lof (bench jar).
import sys, time, numpy as np
from sklearn.neighbors import LocalOutlierFactor
n, d = int(sys.argv[1]), int(sys.argv[2])
rng = np.random.default_rng(0)
centers = rng.normal(0, 8, (10, d)); y = rng.integers(0, 10, n)
X = centers[y] + rng.normal(0, 1, (n, d)); out = rng.random(n) < 0.01
X[out] = rng.uniform(X.min(0), X.max(0), (out.sum(), d))
for r in range(3):
    t, c = time.perf_counter(), time.process_time()
    LocalOutlierFactor(n_neighbors=20).fit(X)
    print(f"sklearn lof {n} x {d}: {time.perf_counter()-t:.3f} s wall, {time.process_time()-c:.3f} s cpu", flush=True)
