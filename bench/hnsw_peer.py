"""hnswlib on the files bench/HnswBench.java wrote: build with M=16, ef_construction=100 on THREADS
threads, then query p50 and recall@10 at each ef, one query at a time (like the Java side).
Prints the same lines as HnswBench's lucene mode: "build SECONDS", then "ef EF P50_MS RECALL"."""
import sys, time
import numpy as np
import hnswlib

directory, dim, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = np.fromfile(f"{directory}/data.f32", dtype="<f4").reshape(-1, dim)
queries = np.fromfile(f"{directory}/queries.f32", dtype="<f4").reshape(-1, dim)
truth = np.fromfile(f"{directory}/truth.i32", dtype="<i4").reshape(-1, 10)
index = hnswlib.Index(space="ip", dim=dim)
t0 = time.perf_counter()
index.init_index(max_elements=len(data), M=16, ef_construction=100, random_seed=42)
index.add_items(data, np.arange(len(data)), num_threads=threads)
print(f"build {time.perf_counter() - t0:.2f}")
index.set_num_threads(1)
for q in queries[:500]:
    index.knn_query(q, k=10)
for ef in (10, 16, 20, 32, 50, 100):
    index.set_ef(max(ef, 10))
    times, found = [], 0
    for i, q in enumerate(queries):
        s = time.perf_counter()
        labels, _ = index.knn_query(q, k=10)
        times.append((time.perf_counter() - s) * 1000)
        found += len(set(labels[0].tolist()) & set(truth[i].tolist()))
    times.sort()
    print(f"ef {ef} {times[len(times) // 2]:.4f} {found / (10 * len(queries)):.4f}")
