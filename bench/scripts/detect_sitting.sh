#!/bin/sh
# Issue 17's detector jobs beside scikit-learn in one sitting, whole jobs as a user runs them.
# From the repository root after `mvn -B -q -DskipTests package`; needs Debian's python3-sklearn
# (/usr/bin/python3). OpenBLAS is given its own best kernel (the environment's AVX2 pin unset for the
# peer only). Writes its data to a temporary directory and prints wall and CPU seconds.
#   1. LOF k = 20 on 49,000 KDDCUP99-shaped rows (121 encoded features) via `detect`, defaults
#   2. one-class SVM (nu 0.5, gamma scale: the defaults) on 49,097 x 9 blobs via `detect`, defaults
set -e
dir=$(mktemp -d)
B="java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar"
L="java --add-modules jdk.incubator.vector -jar models/target/latentad.jar"
PY="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3"
T="/usr/bin/time -f %e_s_wall_%U_s_user"
$B io.latentad.bench.ae.KddData "$dir/kdd.csv" 49000 0
$B io.latentad.bench.detect.EncodeCsv "$dir/kdd.csv" "$dir/kdd-enc.csv" label
/usr/bin/python3 bench/src/main/java/io/latentad/bench/svm/ocsvm_peer.py "$dir/oc.csv" 49097 9 49097 0
uptime
echo "latentad lof kdd 49000 x 121:"; $T $L detect --detector lof --data "csv:$dir/kdd.csv" --exclude label -q --out "$dir/lof.csv"
$PY - "$dir" <<'PY'
import sys, time, numpy as np
from sklearn.neighbors import LocalOutlierFactor
from sklearn.svm import OneClassSVM
from sklearn.preprocessing import StandardScaler
d = sys.argv[1]
x = np.loadtxt(d + '/kdd-enc.csv', delimiter=',')
t, c = time.perf_counter(), time.process_time()
s = -LocalOutlierFactor(n_neighbors=20).fit(x).negative_outlier_factor_
print("scikit-learn lof kdd %d x %d: %.1f s wall %.1f s cpu" % (x.shape + (time.perf_counter() - t, time.process_time() - c)), flush=True)
ours = np.loadtxt(d + '/lof.csv', delimiter=',', skiprows=1, usecols=-1)
print("  largest relative difference of the scores: %.2e" % np.max(np.abs(ours - s) / np.abs(s)), flush=True)
PY
uptime
echo "latentad ocsvm 49097 x 9:"; $T $L detect --detector ocsvm --data "csv:$dir/oc.csv" --exclude outlier -q --out "$dir/oc-ours.csv"
$PY - "$dir" <<'PY'
import sys, time, numpy as np
from sklearn.svm import OneClassSVM
from sklearn.preprocessing import StandardScaler
d = sys.argv[1]
x = StandardScaler().fit_transform(np.loadtxt(d + '/oc.csv', delimiter=',', skiprows=1)[:, :-1])
t, c = time.perf_counter(), time.process_time()
m = OneClassSVM().fit(x); s = -m.decision_function(x)
print("scikit-learn ocsvm %d x %d (fit + decision_function): %.1f s wall %.1f s cpu, %d support vectors" % (x.shape + (time.perf_counter() - t, time.process_time() - c, m.support_.size)), flush=True)
ours = np.loadtxt(d + '/oc-ours.csv', delimiter=',', skiprows=1, usecols=-1)
print("  largest difference of the scores over their scale: %.2e" % (np.max(np.abs(ours - s)) / np.max(np.abs(s))), flush=True)
PY
uptime
rm -r "$dir"
