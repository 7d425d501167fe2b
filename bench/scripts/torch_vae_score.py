# PyTorch CPU inference peer for latentad's scoring throughput (issue 6): embed + reconstruction
# error of the CL-VAE 784-512-256-2 (the network of ../shared/peers/torch_vae.py) on the 60,000
# Fashion-MNIST training images. Per row: mu = encoder(x), r = sigmoid(decoder(mu)),
# score = sum((x - r)^2), under torch.no_grad(), in batches. The weights are PyTorch's default
# initialisation: the cost of inference does not depend on their values.
#
#   /usr/bin/python3 bench/scripts/torch_vae_score.py THREADS [BATCH=512] [ROUNDS=5]
#
# Prints rows/s of the best and the median round (one warm-up round first).
import gzip, os, subprocess, sys, time
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 512
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
torch.set_num_threads(threads); torch.manual_seed(0)

def fashion_dir():
    if os.environ.get('FASHION_MNIST_DIR'): return os.environ['FASHION_MNIST_DIR'].rstrip('/') + '/'
    files = subprocess.run(['dpkg', '-L', 'dataset-fashion-mnist'], capture_output=True, text=True).stdout.split()
    return os.path.dirname([f for f in files if f.endswith('train-images-idx3-ubyte.gz')][0]) + '/'

with gzip.open(fashion_dir() + 'train-images-idx3-ubyte.gz') as f:
    X = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).astype(np.float32) / 255)

class VAE(nn.Module):
    def __init__(s):
        super().__init__()
        s.e1, s.e2 = nn.Linear(784, 512), nn.Linear(512, 256)
        s.mu, s.lv = nn.Linear(256, 2), nn.Linear(256, 2)
        s.d1, s.d2, s.d3 = nn.Linear(2, 256), nn.Linear(256, 512), nn.Linear(512, 784)
    def score(s, x):
        mu = s.mu(F.relu(s.e2(F.relu(s.e1(x)))))
        r = torch.sigmoid(s.d3(F.relu(s.d2(F.relu(s.d1(mu))))))
        return ((x - r) ** 2).sum(1)

m = VAE().eval()
def once():
    out = torch.empty(X.shape[0])
    with torch.no_grad():
        for i in range(0, X.shape[0], batch):
            out[i:i + batch] = m.score(X[i:i + batch])
    return out

once()
rates = []
for _ in range(rounds):
    t = time.perf_counter(); s = once(); rates.append(X.shape[0] / (time.perf_counter() - t))
rates.sort()
print(f"torch {torch.__version__} threads={threads} batch={batch}: scoring best {rates[-1]:.0f} rows/s, "
      f"median {rates[len(rates) // 2]:.0f} rows/s (embed + recon error, {X.shape[0]} rows)")
