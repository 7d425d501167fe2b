# PyTorch CPU anchor for VRAE *scoring* throughput (issue 13): the architecture of
# ../shared/peers/torch_vrae.py (Bi-LSTM encoder H per direction -> mu from the last states of both
# directions; z repeated at every step -> Bi-LSTM -> per-step mean), in eval mode under no_grad:
# encode, decode the mean code, per-sequence squared reconstruction error, the work of
# `latentad score --scorer recon`. Weights are untrained (speed does not depend on them).
#   env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 torch_vrae_score.py THREADS HIDDEN BATCH [REPS]
# Data: ECG5000 TEST (4,500 beats of 140 steps) from $ECG5000_DIR (default ../../../shared/data/ecg5000).
import os, sys, time, numpy as np, torch, torch.nn as nn
threads, H, B = (int(a) for a in sys.argv[1:4]); reps = int(sys.argv[4]) if len(sys.argv) > 4 else 3
latent = 5
torch.set_num_threads(threads); torch.manual_seed(0)
here = os.path.dirname(os.path.abspath(__file__))
d = os.environ.get('ECG5000_DIR', os.path.join(here, '..', '..', '..', 'shared', 'data', 'ecg5000'))
X = torch.from_numpy(np.loadtxt(os.path.join(d, 'ECG5000_TEST.txt'))[:, 1:].astype(np.float32)).unsqueeze(-1)
T = X.shape[1]
class Vrae(nn.Module):
    def __init__(s):
        super().__init__()
        s.enc = nn.LSTM(1, H, batch_first=True, bidirectional=True)
        s.mu = nn.Linear(2 * H, latent)
        s.dec = nn.LSTM(latent, H, batch_first=True, bidirectional=True)
        s.out = nn.Linear(2 * H, 1)
    def forward(s, x):
        _, (h, _) = s.enc(x)
        z = s.mu(torch.cat([h[0], h[1]], 1))
        y, _ = s.dec(z.unsqueeze(1).expand(-1, T, -1))
        return ((s.out(y) - x) ** 2).sum(dim=(1, 2))
m = Vrae().eval()
best = float('inf')
with torch.no_grad():
    m(X[:B])
    for r in range(reps):
        t = time.perf_counter()
        s = torch.cat([m(X[i:i + B]) for i in range(0, X.shape[0], B)])
        best = min(best, time.perf_counter() - t)
print(f"torch {torch.__version__} vrae scoring threads={threads} H={H} B={B}: {X.shape[0]/best:.0f} sequences/s (best of {reps})")
