# Ensembles of the per-epoch Wasserstein scores that Ecg5000Snapshots dumps (seed,epoch,variant,4500 scores per line).
# Label-free ensembles: the mean of test-rank-normalised scores; the labels are read for the ROC-AUC only.
#   /usr/bin/python3 ecg_snapshot_ensembles.py SCORES.csv ../shared/data/ecg5000/ECG5000_TEST.txt [VARIANT] [A-B]
import sys, itertools, numpy as np
from scipy.stats import rankdata
from sklearn.metrics import roc_auc_score
path, test = sys.argv[1], sys.argv[2]
variant = sys.argv[3] if len(sys.argv) > 3 else 'w'
a, b = (int(v) for v in (sys.argv[4] if len(sys.argv) > 4 else '6-10').split('-'))
y = (np.loadtxt(test)[:, 0] != 1).astype(int)
S = {}
for line in open(path):
    p = line.rstrip('\n').split(',', 3)
    if p[2] == variant:
        S[(int(p[0]), int(p[1]))] = np.array(p[3].split(','), dtype=float)
seeds = sorted({s for s, _ in S}); epochs = sorted({e for _, e in S})
r = lambda v: rankdata(v) / len(v)
def ens(keys): return np.mean([r(S[k]) for k in keys], axis=0)
print(f'variant {variant}, seeds {seeds}, epochs {epochs[0]}..{epochs[-1]}, snapshot range {a}..{b}')
single = [roc_auc_score(y, S[(s, b)]) for s in seeds]
snap = [roc_auc_score(y, ens([(s, e) for e in range(a, b + 1)])) for s in seeds]
print('epoch %d alone      : %s  mean %.4f +- %.4f' % (b, ' '.join('%.4f' % v for v in single), np.mean(single), np.std(single, ddof=1)))
print('snapshots %d..%d    : %s  mean %.4f +- %.4f' % (a, b, ' '.join('%.4f' % v for v in snap), np.mean(snap), np.std(snap, ddof=1)))
allk = [(s, e) for s in seeds for e in range(a, b + 1)]
print('every seed x epoch : %.4f (%d models)' % (roc_auc_score(y, ens(allk)), len(allk)))
for k in (2, 3):
    v = [roc_auc_score(y, ens([(s, e) for s in c for e in range(a, b + 1)])) for c in itertools.combinations(seeds, k)]
    print('%d seeds x snapshots: mean %.4f +- %.4f over %d seed sets (overlapping)' % (k, np.mean(v), np.std(v, ddof=1), len(v)))
