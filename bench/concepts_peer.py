"""The peer of bench/ConceptsBench.java: the same scoring in NumPy (BLAS matmul), for the ratio.

N random 512-d vectors, normalised, times a 512 x C weight matrix, z-scored per concept, thresholded
at 2.5 with the top 3 kept per row; median of RUNS. Usage: python3 concepts_peer.py N C RUNS
"""
import sys
import time

import numpy as np

n, c, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(1)
x = rng.standard_normal((n, 512), dtype=np.float32)
w = rng.standard_normal((512, c), dtype=np.float32)
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    kept = 0
    for a in range(0, n, 20000):
        b = x[a:a + 20000]
        s = (b / np.linalg.norm(b, axis=1, keepdims=True)) @ w
        z = (s - s.mean(axis=0)) / s.std(axis=0)
        top = np.sort(np.where(z >= 2.5, z, -np.inf), axis=1)[:, -3:]
        kept += int(np.isfinite(top).sum())
    times.append(time.perf_counter() - t0)
times.sort()
print(f"numpy peer: scoring {n:,} x {c} concepts (+ z, threshold, top 3): median {times[len(times) // 2]:.2f} s {times}")
