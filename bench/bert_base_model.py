"""Exports the text-tower benchmark model of bench/text-towers.sh: a BERT-base-shaped text tower
(DermLIP-PanDerm's and BiomedCLIP's PubMedBERT shape: vocabulary 30,522, width 768, 12 layers, 12
heads, 512 positions, mean pooling, open_clip's "mlp" projection to 512; random weights) with a tiny
image tower (only the text side is measured), the real BERT-Base uncased tokenizer.json of the
tests, context 256. Run with Debian's /usr/bin/python3 (python3-torch):

  /usr/bin/python3 bench/bert_base_model.py OUT_DIR
"""
import gzip
import json
import os
import shutil
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "embeddings", "tools"))
import bert_clip  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)
visual = bert_clip.VisionTower(embed_dim=512, image_size=32, patch=8, width=32, layers=1, heads=4)
text = bert_clip.BertText(embed_dim=512, vocab=30522, width=768, layers=12, heads=12,
                          max_positions=512, pad_id=0, pooling="mean", proj="mlp")
model = bert_clip.BertClip(visual, text).eval()
torch.jit.script(model).save(os.path.join(out, "model.pt"))
src = os.path.join(here, "..", "embeddings", "src", "test", "resources", "fixtures", "wordpiece",
                   "tokenizer.json.gz")
with gzip.open(src, "rb") as f, open(os.path.join(out, "tokenizer.json"), "wb") as g:
    shutil.copyfileobj(f, g)
config = {
    "format": "derm-clip/1", "model_id": "bert-base text tower (random weights, benchmark)",
    "architecture": "tiny ViT + BERT-base text tower", "embed_dim": 512, "image_size": 32,
    "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
    "interpolation": "bicubic", "resize_mode": "shortest", "context_length": 256,
    "vocab_size": 30522, "tokenizer": "tokenizer.json", "tokenizer_kind": "wordpiece",
    "activation": "gelu", "logit_scale": 100.0, "torchscript": "model.pt", "text_tower": "hf-bert",
    "pooling": "mean", "text_projection": "mlp", "pad_id": 0, "text_input": "ids",
    "text_clean": "whitespace", "max_positions": 512,
}
with open(os.path.join(out, "config.json"), "w") as f:
    json.dump(config, f, indent=1)
print(f"exported a BERT-base text tower (random weights) to {out}")
