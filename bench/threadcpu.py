#!/usr/bin/env python3
"""CPU seconds per thread kind of one command (Linux /proc, sampled every 0.5 s; thread names with
their trailing digits folded: "Thread-#", "GC Thread#"). Used for where a load's CPU goes:

    python3 bench/threadcpu.py ./derm load --data D --store S --no-validate
    python3 bench/threadcpu.py java -XX:+UseParallelGC -cp "LIB/*" tdb2.tdbloader --loader=parallel --loc T F.nq
"""
import os, sys, time, subprocess, collections, re
cmd = sys.argv[1:]
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
last = {}
hz = os.sysconf('SC_CLK_TCK')
while p.poll() is None:
    try:
        for tid in os.listdir(f'/proc/{p.pid}/task'):
            try:
                comm = open(f'/proc/{p.pid}/task/{tid}/comm').read().strip()
                st = open(f'/proc/{p.pid}/task/{tid}/stat').read()
                f = st[st.rindex(')')+2:].split()
                last[tid] = (comm, int(f[11]) / hz, int(f[12]) / hz)
            except OSError:
                pass
    except OSError:
        pass
    time.sleep(0.5)
g = collections.defaultdict(lambda: [0.0, 0.0, 0])
for comm, u, s in last.values():
    k = re.sub(r'\d+$', '#', comm)
    g[k][0] += u; g[k][1] += s; g[k][2] += 1
tot = sum(v[0] + v[1] for v in g.values())
print(f"total cpu {tot:.1f} s")
for k, (u, s, n) in sorted(g.items(), key=lambda x: -(x[1][0] + x[1][1]))[:15]:
    print(f"{u+s:7.1f} s (user {u:6.1f} sys {s:6.1f})  {n:3d}x {k}")
