#!/usr/bin/env bash
# Images/s of the Spark job (spark/, EmbedJob in local[N]) against the single-machine path
# (ImageEmbedder, what derm embed runs, through bench/EmbedBench.java) on the same model, images
# and batch size.
#
#   bench/spark-embed.sh [IMAGES=48] [BATCH=8] [MASTER=local[2]] [WORK=/tmp/derm-spark-bench]
#
# MODEL=DIR picks the model directory (default: the tiny test model, which measures the job's
# overhead more than the model; bench/embed.sh exports a real-shaped ViT-B/16 into
# /tmp/derm-embed-bench/model). Images are 640x480 JPEGs made with Debian's python3-pil when it is
# there, else copies of the preprocessing fixtures. Builds errors, embeddings and spark (offline).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
n="${1:-48}"; batch="${2:-8}"; master="${3:-local[2]}"; work="${4:-/tmp/derm-spark-bench}"
model="${MODEL:-$here/embeddings/src/test/resources/fixtures/tiny-clip}"
mkdir -p "$work"
# one reactor call: the last module (spark) writes the class path, the others' classes included
(cd "$here" && ./mvnw -B -q -o -pl spark -am test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt")
cp="$here/spark/target/classes:$(cat "$work/cp.txt")"
if [ "$(ls "$work/images" 2>/dev/null | wc -l)" -ne "$n" ]; then
  rm -rf "$work/images"; mkdir -p "$work/images"
  if /usr/bin/python3 -c "import PIL, numpy" 2>/dev/null; then
    /usr/bin/python3 - "$work/images" "$n" <<'PY'
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
  else
    fixtures=("$here"/embeddings/src/test/resources/fixtures/preprocess/{photo.jpg,landscape.png,portrait.png,wide.png})
    for i in $(seq 0 $((n - 1))); do
      f="${fixtures[$((i % 4))]}"; cp "$f" "$work/images/img$(printf %04d "$i").${f##*.}"
    done
  fi
fi
echo "machine: $(nproc) cores; model: $model; $n images, batch $batch"
spark_flags="$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$here/spark/pom.xml")"
rm -rf "$work/single"
java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -cp "$cp" "$here/bench/EmbedBench.java" \
  "$model" "$work/images" "$batch" 1 "$batch" "${DERM_BENCH_WORKERS:-2}" "$work/single" \
  2>/dev/null | grep '^{' | sed 's/^/single machine (ImageEmbedder): /'
rm -rf "$work/spark"
t0=$(date +%s.%N)
java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS $spark_flags -cp "$cp:$here/spark/src/test/resources" \
  org.dermkg.spark.EmbedJob --images "$work/images" --model "$model" --out "$work/spark" \
  --batch "$batch" --master "$master" 2> >(grep -E ' (EmbedJob|Progress): ' >&2) \
  | sed "s/^/spark $master (EmbedJob): /"
echo "spark $master: $(echo "$(date +%s.%N) - $t0" | bc) s wall, JVM and SparkSession start included"
