# OpenBLAS (through NumPy) on the shapes of GemmBenchmark, the peer for bench/notes/gemm.md.
# Run with Debian's python and one thread:  OPENBLAS_NUM_THREADS=1 /usr/bin/python3 bench/scripts/sgemm_shapes.py
# Prints one line per shape: name, m x n x k, GFLOPS from wall time (best of 7 timed rounds, and the
# median) and from the thread's CPU time (best of the same rounds). With one OpenBLAS thread the work
# runs on the calling thread, so CPU time excludes the time other processes hold the core: the figure
# to compare with GemmBenchmark's CPU-time mode on a shared machine.
import os, time
import numpy as np

rng = np.random.default_rng(42)

def r(*shape):
    return (rng.random(shape, dtype=np.float32) * 2 - 1)

def square(s):
    a, b = r(s, s), r(s, s)
    return (s, s, s), lambda: a @ b

def fwd(k, n):   # X (128 x k) . W (k x n)
    x, w = r(128, k), r(k, n)
    return (128, n, k), lambda: x @ w

def wgrad(k, n):  # X^T (k x 128) . dY (128 x n); x.T is a view: BLAS gets the transpose flag
    x, dy = r(128, k), r(128, n)
    return (k, n, 128), lambda: x.T @ dy

def igrad(k, n):  # dY (128 x n) . W^T (n x k)
    dy, w = r(128, n), r(k, n)
    return (128, k, n), lambda: dy @ w.T

cases = [("sq64", *square(64)), ("sq127", *square(127)), ("sq256", *square(256)),
         ("sq512", *square(512)), ("sq1024", *square(1024)),
         ("fwd784", *fwd(784, 512)), ("wgrad784", *wgrad(784, 512)), ("igrad784", *igrad(784, 512)),
         ("fwd512", *fwd(512, 256)), ("wgrad512", *wgrad(512, 256)), ("igrad512", *igrad(512, 256))]

for name, (m, n, k), f in cases:
    for _ in range(3):
        f()
    flops = 2.0 * m * n * k
    reps = max(5, int(4e8 / flops))
    rounds, cpu = [], []
    for _ in range(7):
        t, c = time.perf_counter(), time.thread_time()
        for _ in range(reps):
            f()
        rounds.append(flops * reps / (time.perf_counter() - t) / 1e9)
        cpu.append(flops * reps / max(time.thread_time() - c, 1e-9) / 1e9)
    rounds.sort()
    print(f"{name} {m}x{n}x{k} wall best {rounds[-1]:.1f} median {rounds[3]:.1f} | cpu-time best {max(cpu):.1f} GFLOPS "
          f"threads={os.environ.get('OPENBLAS_NUM_THREADS', 'default')}")
