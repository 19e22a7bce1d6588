#!/usr/bin/env bash
# Text prompts/s of a BERT-base-shaped text tower at 256 tokens (the PubMedBERT shape of
# DermLIP-PanDerm and BiomedCLIP: WordPiece tokenizer.json through the Rust tokenizers library,
# mean pooling) against the CLIP ViT-B/16 text tower at 77 tokens (CLIP BPE), same JVM, same 64
# dermatology prompts, batch BATCH, RUNS timed passes each (median), random weights on both.
#
#   bench/text-towers.sh [BATCH=32] [RUNS=5] [WORK=/tmp/derm-text-bench]
# The CLIP model is bench/embed.sh's export (/tmp/derm-embed-bench/model, made when missing);
# the BERT one is bench/bert_base_model.py's. Needs Debian's python3-torch for the exports.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/tools/jdk.sh"
batch="${1:-32}"; runs="${2:-5}"; work="${3:-/tmp/derm-text-bench}"
clip="${CLIP_MODEL:-/tmp/derm-embed-bench/model}"
mkdir -p "$work"
if [ ! -f "$clip/model.pt" ]; then
  /usr/bin/python3 "$here/embeddings/tools/export_open_clip.py" --random-vit-b16 --out "$clip" \
    --vocab "${DERM_CLIP_VOCAB:-$here/../shared/data/clip/bpe_simple_vocab_16e6.txt.gz}"
fi
[ -f "$work/bert/model.pt" ] || /usr/bin/python3 "$here/bench/bert_base_model.py" "$work/bert"
(cd "$here" && ./mvnw -B -q -o -pl embeddings -am compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt")
cp="$here/embeddings/target/classes:$here/errors/target/classes:$(cat "$work/cp.txt")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
java $DERM_VECTOR_FLAGS $DERM_NATIVE_FLAGS -cp "$cp" "$here/bench/TextTowerBench.java" \
  "$batch" "$runs" "$work/bert" "$clip" 2>/dev/null | grep '^{'
