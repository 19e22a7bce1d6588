"""Makes the tiny-model fixtures (run from the repository root with Debian's /usr/bin/python3 and
python3-torch, python3-pil, python3-regex):

  /usr/bin/python3 embeddings/tools/make_model_fixtures.py

Writes embeddings/src/test/resources/fixtures/tiny-clip/: a CLIP-shaped TorchScript model small
enough to commit (32-pixel images, width 32, 2 layers per tower, the 2,000-merge vocabulary), its
config.json in the export format, the vocabulary, and expected.json: the embeddings torch computes
for three of the preprocessing fixture images (preprocessed with Pillow at 32 px) and for a few
texts (tokenised by the reference tokenizer).
"""
import json
import math
import os
import shutil
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
import clip_model  # noqa: E402
import clip_reference as ref  # noqa: E402

OUT = "embeddings/src/test/resources/fixtures/tiny-clip"
IMAGES = "embeddings/src/test/resources/fixtures/preprocess"
VOCAB = "embeddings/src/test/resources/fixtures/clip/vocab-2k.txt"
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)
SIZE = 32
TEXTS = ["a photo of a melanoma", "This is a skin image of psoriasis.", "",
         "eczema, a kind of inflammatory skin disease " * 4]


def preprocess(path):
    im = Image.open(path)
    w, h = im.size
    nw, nh = (SIZE, int(SIZE * h / w)) if w <= h else (int(SIZE * w / h), SIZE)
    im = im.resize((nw, nh), Image.BICUBIC)
    top, left = int(round((nh - SIZE) / 2.0)), int(round((nw - SIZE) / 2.0))
    im = im.crop((left, top, left + SIZE, top + SIZE)).convert("RGB")
    t = torch.from_numpy(np.array(im, np.uint8, copy=True)).permute(2, 0, 1).to(torch.float32).div(255)
    return (t - torch.tensor(MEAN).view(3, 1, 1)) / torch.tensor(STD).view(3, 1, 1)


def main():
    torch.manual_seed(1234)
    os.makedirs(OUT, exist_ok=True)
    model = clip_model.Clip(embed_dim=32, image_size=SIZE, patch=8, vision_width=32, vision_layers=2,
                            vision_heads=4, context=77, vocab=2514, text_width=32, text_layers=2,
                            text_heads=4, quick_gelu=True).eval()
    scripted = torch.jit.script(model)
    scripted.save(f"{OUT}/model.pt")
    shutil.copy(VOCAB, f"{OUT}/vocab-2k.txt")
    config = {
        "format": "derm-clip/1", "model_id": "tiny-clip (random weights, tests only)",
        "architecture": "tiny CLIP-shaped ViT", "embed_dim": 32, "image_size": SIZE,
        "mean": MEAN, "std": STD, "interpolation": "bicubic", "resize_mode": "shortest",
        "context_length": 77, "vocab_size": 2514, "tokenizer": "vocab-2k.txt",
        "activation": "quick_gelu", "logit_scale": float(model.logit_scale.exp()),
        "torchscript": "model.pt",
    }
    with open(f"{OUT}/config.json", "w") as f:
        json.dump(config, f, indent=1)
    tok = ref.Tokenizer(VOCAB, vocab_size=2514)
    names = ["landscape.png", "portrait.png", "gray.png"]
    with torch.no_grad():
        loaded = torch.jit.load(f"{OUT}/model.pt")
        images = torch.stack([preprocess(f"{IMAGES}/{n}") for n in names])
        img = loaded.encode_image(images)
        ids = torch.tensor([tok.tokenize(t) for t in TEXTS], dtype=torch.long)
        txt = loaded.encode_text(ids)
        one = loaded.encode_image(images[:1])
    expected = {
        "torch": torch.__version__,
        "images": [{"file": n, "embedding": img[i].tolist()} for i, n in enumerate(names)],
        "batch_of_one_first": one[0].tolist(),
        "texts": [{"text": t, "ids": ids[i].tolist(), "embedding": txt[i].tolist()} for i, t in enumerate(TEXTS)],
        "pixels_first_image_sum": float(images[0].sum()),
    }
    with open(f"{OUT}/expected.json", "w") as f:
        json.dump(expected, f, indent=1)
    with open(f"{OUT}/parity.json", "w") as f:  # what export_open_clip.py writes, for derm embed --check
        json.dump({"texts": [{k: t[k] for k in ("text", "ids", "embedding")} for t in expected["texts"]]}, f)
    print("model.pt", os.path.getsize(f"{OUT}/model.pt"), "bytes")


if __name__ == "__main__":
    main()
