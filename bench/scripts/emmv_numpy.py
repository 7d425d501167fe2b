"""NumPy peer of latentad's EM/MV protocol (io.latentad.metrics.emmv.EmMv), for the side-by-side
benchmark in bench/notes/metrics.md. Reads the file written by io.latentad.bench.metrics.EmMvPeerData
(same data, same Monte Carlo points, same feature subsets), recomputes every part with the same
diagonal-Gaussian scorer and compares with latentad's values.

Two implementations of the same protocol (Goix 2016, arXiv:1607.01152):
  goix    - the straightforward one, written after the loops of Goix's EMMV_benchmarks em.py:
            for every distinct data score u, EM_t = max(EM_t, mass(u) - t * volume(u)); MV walks
            the sorted data scores and counts uniform scores >= u for each alpha.
  sorted  - the same definitions with sorts and searchsorted, and EM_t as the max over a
            (levels x t) matrix in blocks; vectorised, still O(J T) for EM.

Usage: /usr/bin/python3 emmv_numpy.py FILE [--variant goix|sorted|both] [--repeat K]
"""
import argparse
import time

import numpy as np

T_STEPS, T_STEP, EM_LEVEL = 10000, 0.01, 0.9
ALPHA_MIN, ALPHA_MAX, ALPHA_STEP = 0.9, 0.999, 1e-4


def read(path):
    with open(path, "rb") as f:
        n, d, big_n, parts, width = np.frombuffer(f.read(20), "<i4")
        feats = np.frombuffer(f.read(4 * parts * width), "<i4").reshape(parts, width)
        x = np.frombuffer(f.read(8 * n * d), "<f8").reshape(n, d)
        u = np.frombuffer(f.read(8 * big_n * d), "<f8").reshape(big_n, d)
        per_part = np.frombuffer(f.read(16 * parts), "<f8").reshape(parts, 2)
        mean = np.frombuffer(f.read(16), "<f8")
    return x, u, feats, per_part, mean


def gaussian_scorer(train):
    mean = train.mean(axis=0)
    inv_var = 1.0 / train.var(axis=0)
    return lambda z: ((z - mean) ** 2 * inv_var).sum(axis=1)


def grids(volume):
    t = np.arange(T_STEPS) * (T_STEP / volume)
    count = int(round((ALPHA_MAX - ALPHA_MIN) / ALPHA_STEP)) + 1
    alpha = ALPHA_MIN + np.arange(count) * ALPHA_STEP
    return t, alpha


def em_area(t, em):
    stop = np.argmax(em <= EM_LEVEL)
    if em[stop] > EM_LEVEL:  # never reached: whole grid (latentad's rule)
        stop = len(t) - 1
    return np.trapz(em[:stop + 1], t[:stop + 1])


def em_goix(t, volume, s_unif, s_x):
    n, big_n = s_x.shape[0], s_unif.shape[0]
    em = np.zeros(t.shape[0])
    em[0] = 1.0
    for u in np.unique(s_x):
        em = np.maximum(em, 1.0 / n * (s_x > u).sum() - t * (s_unif > u).sum() / big_n * volume)
    return em_area(t, em)


def mv_goix(alpha, volume, s_unif, s_x):
    n, big_n = s_x.shape[0], s_unif.shape[0]
    order = s_x.argsort()
    mass, cpt, u = 0.0, 0, s_x[order[-1]]
    mv = np.zeros(alpha.shape[0])
    for i in range(alpha.shape[0]):
        while mass < alpha[i]:
            cpt += 1
            u = s_x[order[-cpt]]
            mass = 1.0 / n * cpt
        mv[i] = float((s_unif >= u).sum()) / big_n * volume
    return np.trapz(mv, alpha)


def em_sorted(t, volume, s_unif, s_x):
    n, big_n = s_x.shape[0], s_unif.shape[0]
    sx, su = np.sort(s_x), np.sort(s_unif)
    levels = np.unique(sx)
    cx = n - np.searchsorted(sx, levels, side="right")
    cu = big_n - np.searchsorted(su, levels, side="right")
    em = np.zeros(t.shape[0])
    for b in range(0, levels.shape[0], 256):
        block = 1.0 / n * cx[b:b + 256, None] - t[None, :] * cu[b:b + 256, None] / big_n * volume
        em = np.maximum(em, block.max(axis=0))
    em[0] = 1.0
    return em_area(t, em)


def mv_sorted(alpha, volume, s_unif, s_x):
    n, big_n = s_x.shape[0], s_unif.shape[0]
    sx, su = np.sort(s_x), np.sort(s_unif)
    cpt = np.ceil(alpha * n).astype(int)
    # the loop's rule mass = 1/n * cpt >= alpha, fixed up where ceil and the product disagree
    cpt = np.where(1.0 / n * (cpt - 1) >= alpha, cpt - 1, cpt)
    cpt = np.where(1.0 / n * cpt < alpha, cpt + 1, cpt)
    u = sx[n - cpt]
    mv = (big_n - np.searchsorted(su, u, side="left")) / big_n * volume
    return np.trapz(mv, alpha)


def run(x, u, feats, variant):
    em_fn, mv_fn = (em_goix, mv_goix) if variant == "goix" else (em_sorted, mv_sorted)
    out = []
    for f in feats:
        xs, us = x[:, f], u[:, f]
        lo, hi = xs.min(axis=0), xs.max(axis=0)
        width = hi - lo
        volume = np.prod(width[width > 0])
        score = gaussian_scorer(xs)
        s_x, s_unif = -score(xs), -score(us)  # Goix's convention: higher = more normal
        t, alpha = grids(volume)
        out.append((em_fn(t, volume, s_unif, s_x), mv_fn(alpha, volume, s_unif, s_x)))
    return np.array(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--variant", default="both", choices=["goix", "sorted", "both"])
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    x, u, feats, java_parts, java_mean = read(a.file)
    print("numpy %s, n=%d d=%d N=%d parts=%d" % (np.__version__, x.shape[0], x.shape[1], u.shape[0], len(feats)))
    print("java  EM=%.17g MV=%.17g" % tuple(java_mean))
    for variant in (["goix", "sorted"] if a.variant == "both" else [a.variant]):
        best, res = float("inf"), None
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            res = run(x, u, feats, variant)
            best = min(best, time.perf_counter() - t0)
        em, mv = res.mean(axis=0)
        rel = np.abs(res - java_parts) / np.abs(java_parts)
        print("%-6s best of %d = %.1f ms  EM=%.17g MV=%.17g  max rel diff per part: EM %.2e MV %.2e; "
              "mean: EM %.2e MV %.2e" % (variant, a.repeat, best * 1e3, em, mv, rel[:, 0].max(), rel[:, 1].max(),
                                         abs(em - java_mean[0]) / abs(java_mean[0]),
                                         abs(mv - java_mean[1]) / abs(java_mean[1])))


if __name__ == "__main__":
    main()
