# PyTorch's nn.Conv2d on the shapes of ConvBenchmark (the MNIST conv AE's encoder layers: 3 x 3,
# stride 2, padding 1; 1 -> 32 on 28 x 28 and 32 -> 64 on 14 x 14; batch 64): forward under no_grad,
# and forward + y.sum().backward() into the input and the parameters (gradients cleared between
# steps). Median and minimum of 200 steps after 20 warm-ups, in microseconds per step, wall time and the
# calling thread's CPU time (with one thread oneDNN runs on it; leaves out the time other processes held the core).
# One core:  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 /usr/bin/python3 torch_conv.py 1
import sys, time, statistics, torch, torch.nn as nn
threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 64
torch.set_num_threads(threads); torch.manual_seed(0)
print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, mkldnn {torch.backends.mkldnn.is_available()}")
for cin, cout, size in ((1, 32, 28), (32, 64, 14)):
    conv = nn.Conv2d(cin, cout, 3, stride=2, padding=1)
    x = torch.randn(batch, cin, size, size, requires_grad=True)
    def fwd():
        with torch.no_grad():
            return conv(x)
    def fwd_bwd():
        conv.zero_grad(set_to_none=False); x.grad = None
        conv(x).sum().backward()
    for name, f in (("forward", fwd), ("forwardBackward", fwd_bwd)):
        for _ in range(20): f()
        ts, cpu = [], []
        for _ in range(200):
            c = time.thread_time(); t = time.perf_counter(); f()
            ts.append(time.perf_counter() - t); cpu.append(time.thread_time() - c)
        print(f"{cin}-{cout}-{size} {name}: median {statistics.median(ts)*1e6:.1f} us, min {min(ts)*1e6:.1f} us; "
              f"thread CPU time median {statistics.median(cpu)*1e6:.1f} us, min {min(cpu)*1e6:.1f} us")
