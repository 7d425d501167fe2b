# PyTorch peer of `train --model dagmm` (and `--model ae`) for training throughput, same sizes as
# bench/notes/novelty.md: a KDDCUP99-shaped CSV (io.latentad.bench.ae.KddData) one-hot encoded and
# standardised like latentad's FeatureEncoder (38 numeric + one-hot with an <unseen> column per
# categorical = 121 features), compression 121-60-30-10-1 tanh with a mirrored decoder and Gaussian
# output (1/2 squared error), estimation 3-10 (tanh, dropout 0.5)-4 softmax, full-covariance mixture
# per batch (Cholesky of Sigma + 1e-6 I), energy by logsumexp, lambda1 0.1, lambda2 0.005,
# Adam lr 1e-3, batch 1024. Usage: /usr/bin/python3 torch_dagmm.py CSV [dagmm|ae] [EPOCHS] [THREADS]
import sys, time, numpy as np, torch, torch.nn as nn
path = sys.argv[1]; mode = sys.argv[2] if len(sys.argv) > 2 else "dagmm"
epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 6; threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
torch.set_num_threads(threads); torch.manual_seed(1)
raw = np.genfromtxt(path, delimiter=",", dtype=str, skip_header=1)
cols = []
for j in range(41):
    c = raw[:, j]
    if j in (1, 2, 3):
        vals = sorted(set(c)); oh = (c[:, None] == np.array(vals)[None, :]).astype(np.float32)
        cols.append(np.hstack([oh, np.zeros((len(c), 1), np.float32)]))   # + the <unseen> bucket
    else:
        v = c.astype(np.float64); sd = v.std(); cols.append(((v - v.mean()) / (sd if sd > 0 else 1))[:, None].astype(np.float32))
X = torch.from_numpy(np.hstack(cols)); n, d = X.shape
def mlp(sizes, last_act=False, dropout=0.0):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2 or last_act:
            layers.append(nn.Tanh())
            if dropout > 0: layers.append(nn.Dropout(dropout))
    return nn.Sequential(*layers)
enc, dec = mlp([d, 60, 30, 10, 1]), mlp([1, 10, 30, 60, d])
est = mlp([3, 10, 4], dropout=0.5)
params = list(enc.parameters()) + list(dec.parameters()) + (list(est.parameters()) if mode == "dagmm" else [])
opt = torch.optim.Adam(params, 1e-3)
def step(x):
    zc = enc(x); r = dec(zc)
    rec = 0.5 * ((x - r) ** 2).sum(1).mean()
    if mode == "ae":
        loss = rec
    else:
        nx = x.norm(dim=1).clamp_min(1e-6)
        rel = (x - r).norm(dim=1) / nx
        cos = (x * r).sum(1) / (nx * r.norm(dim=1).clamp_min(1e-6))
        z = torch.cat([zc, rel[:, None], cos[:, None]], 1)
        g = torch.softmax(est(z), 1)
        nk = g.sum(0); phi = nk / x.shape[0]
        mu = (g.t() @ z) / nk[:, None]
        diff = z[:, None, :] - mu[None, :, :]                                  # n K d
        cov = torch.einsum("nk,nki,nkj->kij", g, diff, diff) / nk[:, None, None] + 1e-6 * torch.eye(z.shape[1])
        L = torch.linalg.cholesky(cov)
        y = torch.linalg.solve_triangular(L[None].expand(x.shape[0], -1, -1, -1), diff[..., None], upper=False)[..., 0]
        logp = torch.log(phi) - 0.5 * (y ** 2).sum(2) - torch.log(torch.diagonal(L, dim1=1, dim2=2)).sum(1) \
            - 0.5 * z.shape[1] * np.log(2 * np.pi)
        energy = -torch.logsumexp(logp, 1).mean()
        pen = (1 / torch.diagonal(cov, dim1=1, dim2=2)).sum()
        loss = rec + 0.1 * energy + 0.005 * pen
    opt.zero_grad(); loss.backward(); opt.step(); return loss.item()
B = 1024
for ep in range(epochs):
    t = time.perf_counter(); perm = torch.randperm(n); total = 0.0
    for i in range(0, n, B):
        total += step(X[perm[i:i + B]]) * min(B, n - i)
    dt = time.perf_counter() - t
    print(f"torch {torch.__version__} {mode} threads={threads} epoch {ep + 1}/{epochs} loss {total / n:.4f} {n / dt:.0f} samples/s")
