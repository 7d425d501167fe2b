# ../shared/peers/torch_lstm.py with the minimum reported beside the median (the same job, model,
# seed, warm-ups and repetitions). On the shared machine the minimum is the figure least disturbed
# by other processes; bench/README.md ("LSTM") uses both.
#   python3 torch_lstm_timing.py THREADS T INPUT HIDDEN BATCH BIDIRECTIONAL(0|1)
import sys, time, statistics, torch, torch.nn as nn
threads, T, I, H, B, bi = (int(a) for a in sys.argv[1:7])
torch.set_num_threads(threads); torch.manual_seed(0)
lstm = nn.LSTM(I, H, batch_first=True, bidirectional=bool(bi))
x = torch.randn(B, T, I, requires_grad=True)
def run():
    y, _ = lstm(x); y.sum().backward()
for _ in range(5): run()
ts = []
for _ in range(20):
    t = time.perf_counter(); run(); ts.append(time.perf_counter() - t)
ms = statistics.median(ts) * 1e3
print(f"torch {torch.__version__} lstm threads={threads} T={T} I={I} H={H} B={B} bidirectional={bi}: {ms:.2f} ms per forward+backward, {B/ms*1e3:.0f} sequences/s (min {min(ts)*1e3:.2f} ms)")
