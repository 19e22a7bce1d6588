"""The Python side of bench/embed.sh: the same TorchScript model, batch size and images as the Java
benchmark, run from Python's torch, end to end (PIL decode, open_clip's preprocessing, model) and for
text (reference tokenizer + encode_text). Prints one JSON line per run.

  /usr/bin/python3 embeddings/tools/bench_torch.py MODEL_DIR IMAGE_DIR BATCH RUNS PROMPTS
"""
import json
import os
import sys
import time

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
import clip_reference  # noqa: E402


def preprocess(path, cfg):
    s = cfg["image_size"]
    im = Image.open(path)
    w, h = im.size
    nw, nh = (s, int(s * h / w)) if w <= h else (int(s * w / h), s)
    im = im.resize((nw, nh), Image.BICUBIC)
    top, left = int(round((nh - s) / 2.0)), int(round((nw - s) / 2.0))
    im = im.crop((left, top, left + s, top + s)).convert("RGB")
    t = torch.from_numpy(np.array(im, np.uint8, copy=True)).permute(2, 0, 1).to(torch.float32).div(255)
    return (t - torch.tensor(cfg["mean"]).view(3, 1, 1)) / torch.tensor(cfg["std"]).view(3, 1, 1)


def main():
    model_dir, image_dir, batch, runs, n_prompts = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    torch.set_num_threads(int(os.environ.get("BENCH_THREADS", os.cpu_count())))
    cfg = json.load(open(os.path.join(model_dir, "config.json")))
    model = torch.jit.load(os.path.join(model_dir, cfg["torchscript"])).eval()
    tok = clip_reference.Tokenizer(os.path.join(model_dir, cfg["tokenizer"]), cfg["vocab_size"])
    files = sorted(os.path.join(image_dir, f) for f in os.listdir(image_dir))
    prompts = [f"This is a skin image of condition number {i}, a kind of skin disease." for i in range(n_prompts)]
    with torch.no_grad():
        model.encode_image(torch.stack([preprocess(files[0], cfg)] * batch))  # warm-up
        model.encode_text(torch.tensor([tok.tokenize(p) for p in prompts[:batch]]))
        for run in range(runs):
            t0 = time.perf_counter()
            for i in range(0, len(files), batch):
                x = torch.stack([preprocess(f, cfg) for f in files[i:i + batch]])
                model.encode_image(x)
            img_s = len(files) / (time.perf_counter() - t0)
            t0 = time.perf_counter()
            for i in range(0, len(prompts), batch):
                ids = torch.tensor([tok.tokenize(p) for p in prompts[i:i + batch]], dtype=torch.long)
                model.encode_text(ids)
            txt_s = len(prompts) / (time.perf_counter() - t0)
            print(json.dumps({"side": "python", "run": run, "images_per_s": img_s, "prompts_per_s": txt_s,
                              "threads": torch.get_num_threads(), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
