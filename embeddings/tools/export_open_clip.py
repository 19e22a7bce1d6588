"""Exports a CLIP model to the format the Java runtime loads (README, "DermLIP models"):

  model.pt      TorchScript with encode_image(image[N,3,S,S]) and encode_text(ids[N,77]) (not normalised)
  config.json   embed_dim, image_size, mean/std, interpolation, resize_mode, context_length, vocab_size,
                tokenizer, activation, logit_scale, model_id
  bpe_simple_vocab_16e6.txt.gz   the tokenizer's BPE merges
  parity.json   open_clip's token ids and embeddings for a few texts and one image, so the Java side
                can check itself against the original (derm embed --check)

Run it where open_clip and the model hub are reachable (the weights are CC BY-NC-ND: never commit them):

  pip install open_clip_torch
  python export_open_clip.py --model hf-hub:redlessone/DermLIP_ViT-B-16 --out derm-data/model

--random-vit-b16 exports a real-shaped ViT-B/16 with random weights through the same code path (the
benchmark model; needs only torch, e.g. Debian's python3-torch).
"""
import argparse
import json
import math
import os
import shutil
import sys

import torch
from torch import nn

PARITY_TEXTS = ["a photo of a melanoma", "This is a skin image of psoriasis.",
                "erythematous scaly plaques on the extensor surfaces, a kind of inflammatory skin disease"]


class Export(nn.Module):
    """The two encoders of a CLIP model as the methods the Java runtime calls."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def encode_image(self, image):
        return self.model.encode_image(image)

    def encode_text(self, text):
        return self.model.encode_text(text)


def activation_of(model):
    names = {type(m).__name__ for m in model.modules()}
    return "quick_gelu" if "QuickGELU" in names else "gelu"


def export(model, config, out, vocab_path, tokenize, check_image=None):
    """Traces both encoders (batch 2), checks the traced module against eager on batch 3, writes
    the model directory."""
    os.makedirs(out, exist_ok=True)
    model = model.eval()
    s, ctx = config["image_size"], config["context_length"]
    gen = torch.Generator().manual_seed(0)
    img2, img3 = torch.randn(2, 3, s, s, generator=gen), torch.randn(3, 3, s, s, generator=gen)
    txt2 = torch.tensor([tokenize(t) for t in PARITY_TEXTS[:2]], dtype=torch.long)
    txt3 = torch.tensor([tokenize(t) for t in PARITY_TEXTS], dtype=torch.long)
    wrapper = Export(model).eval()
    with torch.no_grad():
        traced = torch.jit.trace_module(wrapper, {"encode_image": img2, "encode_text": txt2}, check_trace=False)
        for name, x in (("encode_image", img3), ("encode_text", txt3)):
            want = getattr(wrapper, name)(x)
            got = getattr(traced, name)(x)
            err = (want - got).abs().max().item()
            if want.shape != got.shape or err > 1e-4:
                sys.exit(f"traced {name} differs from eager on another batch size (max diff {err}); not exported")
        path = os.path.join(out, "model.pt")
        traced.save(path)
        config["torchscript"] = "model.pt"
        config["tokenizer"] = os.path.basename(vocab_path)
        if os.path.abspath(vocab_path) != os.path.abspath(os.path.join(out, config["tokenizer"])):
            shutil.copy(vocab_path, os.path.join(out, config["tokenizer"]))
        parity = {"texts": [{"text": t, "ids": tokenize(t), "embedding": e.tolist()}
                            for t, e in zip(PARITY_TEXTS, wrapper.encode_text(txt3))]}
        if check_image is not None:
            pixels, name = check_image
            parity["image"] = {"file": name, "embedding": wrapper.encode_image(pixels[None])[0].tolist()}
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(out, "parity.json"), "w") as f:
        json.dump(parity, f)
    print(f"exported {config['model_id']} to {out} ({os.path.getsize(path) / 1e6:.0f} MB)")


def from_open_clip(model_id, out, image):
    import open_clip
    from open_clip.tokenizer import SimpleTokenizer
    model, _, preprocess = open_clip.create_model_and_transforms(model_id)
    tokenizer = open_clip.get_tokenizer(model_id)
    if not isinstance(getattr(tokenizer, "tokenizer", tokenizer), SimpleTokenizer) and \
            not isinstance(tokenizer, SimpleTokenizer):
        sys.exit(f"{model_id} does not use CLIP's BPE tokenizer; only CLIP BPE models are supported")
    pp = open_clip.get_model_preprocess_cfg(model) if hasattr(open_clip, "get_model_preprocess_cfg") else {}
    size = pp.get("size", model.visual.image_size)
    size = size[0] if isinstance(size, (tuple, list)) else size
    config = {
        "format": "derm-clip/1", "model_id": model_id, "architecture": type(model.visual).__name__,
        "embed_dim": int(model.text_projection.shape[-1]) if hasattr(model, "text_projection") else None,
        "image_size": int(size),
        "mean": list(pp.get("mean", (0.48145466, 0.4578275, 0.40821073))),
        "std": list(pp.get("std", (0.26862954, 0.26130258, 0.27577711))),
        "interpolation": pp.get("interpolation", "bicubic"),
        "resize_mode": pp.get("resize_mode", "shortest"),
        "context_length": int(model.context_length), "vocab_size": int(model.vocab_size),
        "activation": activation_of(model), "logit_scale": float(model.logit_scale.exp()),
    }
    with torch.no_grad():
        config["embed_dim"] = int(model.encode_text(tokenizer(["x"])).shape[-1])
    check = None
    if image:
        from PIL import Image
        check = (preprocess(Image.open(image)), os.path.basename(image))
    export(model, config, out, open_clip.tokenizer.default_bpe(),
           lambda t: tokenizer([t])[0].tolist(), check)


def random_vit_b16(out, vocab):
    sys.path.insert(0, os.path.dirname(__file__))
    import clip_model
    import clip_reference
    torch.manual_seed(0)
    model = clip_model.Clip()  # ViT-B/16 shape: 224 px, patch 16, width 768 x 12, text 512 x 12, embed 512
    tok = clip_reference.Tokenizer(vocab)
    config = {
        "format": "derm-clip/1", "model_id": "random ViT-B/16 (benchmark, random weights)",
        "architecture": "ViT-B-16", "embed_dim": 512, "image_size": 224,
        "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711],
        "interpolation": "bicubic", "resize_mode": "shortest", "context_length": 77, "vocab_size": 49408,
        "activation": "quick_gelu", "logit_scale": float(model.logit_scale.exp()),
    }
    export(model, config, out, vocab, tok.tokenize)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", help="open_clip model id, e.g. hf-hub:redlessone/DermLIP_ViT-B-16")
    p.add_argument("--random-vit-b16", action="store_true", help="a real-shaped model with random weights")
    p.add_argument("--vocab", default="../shared/data/clip/bpe_simple_vocab_16e6.txt.gz",
                   help="BPE merges for --random-vit-b16")
    p.add_argument("--image", help="an image whose embedding goes into parity.json")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.random_vit_b16:
        random_vit_b16(a.out, a.vocab)
    elif a.model:
        from_open_clip(a.model, a.out, a.image)
    else:
        p.error("give --model or --random-vit-b16")


if __name__ == "__main__":
    main()
