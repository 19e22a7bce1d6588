#!/usr/bin/env bash
# DermLIP-shaped embedding throughput, Java (DJL + libtorch) against Python's torch on the same
# TorchScript model (a real-shaped ViT-B/16 with random weights), images and batch size.
#
#   bench/embed.sh [IMAGES=16] [BATCH=8] [RUNS=3] [PROMPTS=32] [WORK=/tmp/derm-embed-bench]
#
# Needs Debian's /usr/bin/python3 with python3-torch and python3-pil (apt-get install python3-torch
# python3-pil python3-regex) for the model export and the Python side; the Java side needs nothing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
n="${1:-16}"; batch="${2:-8}"; runs="${3:-3}"; prompts="${4:-32}"; work="${5:-/tmp/derm-embed-bench}"
py=/usr/bin/python3
mkdir -p "$work"
"$here/derm" --version >/dev/null
if [ ! -f "$work/model/model.pt" ]; then
  "$py" "$here/embeddings/tools/export_open_clip.py" --random-vit-b16 --out "$work/model" \
    --vocab "${DERM_CLIP_VOCAB:-$here/../shared/data/clip/bpe_simple_vocab_16e6.txt.gz}"
fi
if [ "$(ls "$work/images" 2>/dev/null | wc -l)" -ne "$n" ]; then
  rm -rf "$work/images"; mkdir -p "$work/images"
  "$py" - "$work/images" "$n" <<'PY'
import sys, numpy as np
from PIL import Image
out, n = sys.argv[1], int(sys.argv[2])
rng = np.random.RandomState(0)
for i in range(n):
    w, h = (640, 480) if i % 2 else (480, 640)
    y, x = np.mgrid[0:h, 0:w]
    img = np.stack([128 + 90 * np.sin(x / (9 + i % 7)), 128 + 80 * np.cos(y / 13), (x + y) % 256], -1)
    img = np.clip(img + rng.normal(0, 8, img.shape), 0, 255).astype(np.uint8)
    Image.fromarray(img).save(f"{out}/img{i:04d}.jpg", quality=90)
PY
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "model: real-shaped ViT-B/16 (random weights), $n JPEGs of 640x480, batch $batch, $prompts prompts"
cp="$here/server/target/derm-server.jar:$here/server/target/lib/*"
for run in $(seq 1 "$runs"); do
  "$py" "$here/embeddings/tools/bench_torch.py" "$work/model" "$work/images" "$batch" 1 "$prompts"
  rm -rf "$work/out"
  java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$cp" "$here/bench/EmbedBench.java" \
    "$work/model" "$work/images" "$batch" 1 "$prompts" "${DERM_BENCH_WORKERS:-2}" "$work/out"
done | tee "$work/results.jsonl"
"$py" - "$work/results.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
def med(side, key):
    return statistics.median(r[key] for r in rows if r["side"] == side)
for key, name in (("images_per_s", "images/s end to end"), ("prompts_per_s", "prompts/s")):
    j, p = med("java", key), med("python", key)
    print(f"{name}: java {j:.2f}, python {p:.2f}, ratio java/python {j / p:.2f} (median of {len(rows)//2} runs)")
m = med("java", "model_only_images_per_s")
print(f"java model alone on preprocessed images: {m:.2f} images/s; end to end / model alone = {med('java', 'images_per_s') / m:.2f}")
print("python torch:", next(r["torch"] for r in rows if r["side"] == "python"), "threads", next(r["threads"] for r in rows if r["side"] == "python"))
PY
