#!/usr/bin/env python3
"""Label-free scorers on dumped VRAE codes (Ecg5000Codes): ROC-AUC per seed, and per abnormal class.

Usage: ecg_codes_scorers.py CODES_DIR TAG(epoch or final) SEEDS(e.g. 1-5) [variant,...]

Reads CODES_DIR/codes-SEED-EPOCH.csv (split,index,mu..,logvar..) and CODES_DIR/labels.csv (the labels only for the
ROC-AUC and the per-class figures). w-clean repeats the library's default (LatentWasserstein, clean=otsu) in numpy,
so the other variants can be compared on the same models. numpy only.
"""
import sys
import numpy as np


def load(dirname, seed, epoch):
    rows = np.genfromtxt(f"{dirname}/codes-{seed}-{epoch}.csv", delimiter=",", dtype=str)
    split = rows[:, 0]
    vals = rows[:, 2:].astype(float)
    d = vals.shape[1] // 2
    tr, te = split == "train", split == "test"
    return vals[tr, :d], vals[tr, d:], vals[te, :d], vals[te, d:]


def labels(dirname):
    rows = np.genfromtxt(f"{dirname}/labels.csv", delimiter=",", dtype=str)
    return rows[rows[:, 0] == "train", 2].astype(int), rows[rows[:, 0] == "test", 2].astype(int)


def auc(score, y):  # y = 1 abnormal; ties averaged (Mann-Whitney)
    order = np.argsort(score, kind="mergesort")
    s = score[order]
    ranks = np.empty(len(s))
    i = 0
    while i < len(s):
        j = i
        while j + 1 < len(s) and s[j + 1] == s[i]:
            j += 1
        ranks[order[i:j + 1]] = 0.5 * (i + j) + 1
        i = j + 1
    pos = y == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)


def otsu(x):
    s = np.sort(x)
    n = len(s)
    total = s.sum()
    best, low, thr = -1.0, 0.0, s[-1]
    for k in range(1, n):
        low += s[k - 1]
        if s[k] == s[k - 1]:
            continue
        w0 = k / n
        m0, m1 = low / k, (total - low) / (n - k)
        b = w0 * (1 - w0) * (m0 - m1) ** 2
        if b > best:
            best, thr = b, s[k - 1]
    return thr


def w2(am, asd, bm, bsd):
    """Squared W2 between every row of a and every row of b (diagonal Gaussians)."""
    dm = ((am[:, None, :] - bm[None, :, :]) ** 2).sum(-1)
    ds = ((asd[:, None, :] - bsd[None, :, :]) ** 2).sum(-1)
    return dm + ds


def self_scores(D, stat):
    n = D.shape[0]
    out = np.empty(n)
    for k in range(n):
        out[k] = stat(np.delete(D[k], k))
    return out


def median(w):
    return np.median(w)


def two_gauss_threshold(x, iters=200):
    """Threshold between the two components of a 1-D two-Gaussian mixture fitted by EM (start: Otsu's split)."""
    t = otsu(x)
    lo, hi = x[x <= t], x[x > t]
    pi, m, v = np.array([len(lo), len(hi)]) / len(x), np.array([lo.mean(), hi.mean()]), np.array([lo.var() + 1e-12, hi.var() + 1e-12])
    for _ in range(iters):
        ll = -0.5 * (x[:, None] - m) ** 2 / v - 0.5 * np.log(2 * np.pi * v) + np.log(pi)
        r = np.exp(ll - ll.max(1, keepdims=True))
        r /= r.sum(1, keepdims=True)
        nk = r.sum(0)
        pi, m = nk / len(x), (r * x[:, None]).sum(0) / nk
        v = (r * (x[:, None] - m) ** 2).sum(0) / nk + 1e-12
    hiC = int(np.argmax(m))
    return x[r[:, hiC] < 0.5].max()  # keep the rows the low component owns


def gmm_nll(train, test, k, seed=0, iters=200):
    """-log density of a k-component full-covariance Gaussian mixture fitted by EM (k-means++ start) on train."""
    rng = np.random.default_rng(seed)
    n, d = train.shape
    c = [train[rng.integers(n)]]
    for _ in range(1, k):
        dd = np.min(((train[:, None] - np.array(c)[None]) ** 2).sum(-1), 1)
        c.append(train[rng.choice(n, p=dd / dd.sum())])
    m = np.array(c)
    cov = np.array([np.cov(train.T) + 1e-6 * np.eye(d)] * k)
    pi = np.full(k, 1 / k)

    def logp(x):
        out = np.empty((len(x), k))
        for j in range(k):
            L = np.linalg.cholesky(cov[j])
            z = np.linalg.solve(L, (x - m[j]).T)
            out[:, j] = -0.5 * (z ** 2).sum(0) - np.log(np.diag(L)).sum() - 0.5 * d * np.log(2 * np.pi) + np.log(pi[j])
        return out

    for _ in range(iters):
        lp = logp(train)
        r = np.exp(lp - lp.max(1, keepdims=True))
        r /= r.sum(1, keepdims=True)
        nk = r.sum(0) + 1e-12
        pi = nk / n
        m = (r.T @ train) / nk[:, None]
        for j in range(k):
            x = train - m[j]
            cov[j] = (r[:, j, None] * x).T @ x / nk[j] + 1e-6 * np.eye(d)
    lp = logp(test)
    mx = lp.max(1)
    return -(mx + np.log(np.exp(lp - mx[:, None]).sum(1)))


def ranknorm(s):
    return np.argsort(np.argsort(s)) / len(s)


def variants(trm, trlv, tem, telv):
    trs, tes = np.exp(0.5 * trlv), np.exp(0.5 * telv)
    Dtr = w2(trm, trs, trm, trs)
    self = self_scores(Dtr, median)
    keep = self <= otsu(self)
    Dte = w2(tem, tes, trm, trs)
    out = {}
    out["w"] = np.median(Dte, 1)
    out["w-clean"] = np.median(Dte[:, keep], 1)
    keepLog = np.log(self) <= otsu(np.log(self))
    out["w-clean-logotsu"] = np.median(Dte[:, keepLog], 1)
    keepMix = self <= two_gauss_threshold(self)
    out["w-clean-mix"] = np.median(Dte[:, keepMix], 1)
    Dk = np.sort(Dte[:, keep], 1)
    for k in (1, 5, 10, 25, 50):
        out[f"w-clean-knn{k}"] = Dk[:, :k].mean(1)
    for q in (0.1, 0.25, 0.4, 0.6):
        out[f"w-clean-q{q}"] = np.quantile(Dte[:, keep], q, axis=1)
    out["w-clean-mean"] = Dte[:, keep].mean(1)
    for k in (1, 2, 3):
        out[f"gmm{k}-clean"] = gmm_nll(trm[keep], tem, k)
    # contrast with the references the cleaning dropped (mostly abnormal beats): near them = more anomalous
    wd = np.median(Dte[:, ~keep], 1)
    out["w-contrast-diff"] = out["w-clean"] - wd
    out["w-contrast-ratio"] = out["w-clean"] / (out["w-clean"] + wd)
    for a in (0.25, 0.5, 0.75):
        out[f"w-contrast{a}"] = np.log(out["w-clean"]) - a * np.log(wd)
    # session 12: the dropped side read as the mean of the k nearest dropped references (the library's contrast_k)
    Dd = np.sort(Dte[:, ~keep], 1)
    for k in (1, 3, 5, 10):
        for a in (0.15, 0.25, 0.4):
            out[f"w-contrast{a}-nn{k}"] = np.log(out["w-clean"]) - a * np.log(Dd[:, :k].mean(1))
    out["fuse-w-clean+gmm1"] = ranknorm(out["w-clean"]) + ranknorm(out["gmm1-clean"])
    out["fuse-w-clean+knn10"] = ranknorm(out["w-clean"]) + ranknorm(out["w-clean-knn10"])
    info = dict(kept=int(keep.sum()), keptLog=int(keepLog.sum()), keptMix=int(keepMix.sum()))
    return out, info, keep


def main():
    dirname, epoch, rng = sys.argv[1], sys.argv[2], sys.argv[3]
    a, b = (int(t) for t in rng.split("-"))
    want = sys.argv[4].split(",") if len(sys.argv) > 4 else None
    ytr, yte = labels(dirname)
    y = (yte != 1).astype(int)
    table, perclass = {}, {}
    for seed in range(a, b + 1):
        try:
            trm, trlv, tem, telv = load(dirname, seed, epoch)
        except OSError:
            continue
        out, info, keep = variants(trm, trlv, tem, telv)
        print(f"seed {seed}: kept {info} (normal among kept: {(ytr[keep] == 1).sum()})", flush=True)
        for name, s in out.items():
            if want and name not in want:
                continue
            table.setdefault(name, []).append(auc(s, y))
            pc = []
            for cl in (2, 3, 4, 5):
                sel = (yte == 1) | (yte == cl)
                pc.append(auc(s[sel], (yte[sel] == cl).astype(int)))
            perclass.setdefault(name, []).append(pc)
    seeds = len(next(iter(table.values())))
    print(f"\nepoch {epoch}, {seeds} seeds; ROC-AUC per seed, mean +- sd; per class (normal vs class c) mean over seeds")
    for name, v in table.items():
        v = np.array(v)
        pc = np.array(perclass[name]).mean(0)
        print(f"| {name} | {' '.join(f'{x:.4f}' for x in v)} | {v.mean():.4f} +- {v.std(ddof=1) if len(v) > 1 else 0:.4f} | "
              f"c2 {pc[0]:.4f} c3 {pc[1]:.4f} c4 {pc[2]:.4f} c5 {pc[3]:.4f} |")


if __name__ == "__main__":
    main()
