#!/usr/bin/env python3
"""Embeds a folder of images with a CLIP model on a GPU (or the CPU) and writes exactly what
`derm embed --import` reads: PREFIX.npy (N x dim, float32 or float16, C order, raw encode_image
output as `derm embed` stores it), PREFIX.ids.txt (the images' file names relative to --images, one
per line, in row order) and PREFIX.skipped.tsv (images that could not be read, with why).

Two kinds of model:
  --open-clip NAME      an open_clip model (e.g. hf-hub:redlessone/DermLIP_ViT-B-16), with open_clip's
                        own preprocessing (needs open_clip_torch; on a GPU box)
  --torchscript DIR     a model exported by export_open_clip.py (config.json + model.pt: the very
                        file `derm embed` runs), preprocessed as open_clip does (shortest side
                        resized bicubic, centre crop, RGB, normalised with the config's mean/std)

  python3 embeddings/tools/embed_images.py --open-clip hf-hub:redlessone/DermLIP_ViT-B-16 \\
      --images /data/derm1m --list filenames.txt --out /data/dermlip --batch 256 --workers 8 --amp
  ./derm embed --import /data/dermlip.npy --ids /data/dermlip.ids.txt --model derm-data/model

Batches run through a torch DataLoader (decoding and preprocessing on --workers processes), under
autocast when --amp (CUDA). Progress (images/s, ETA) goes to stderr.
"""
import argparse
import json
import os
import sys
import time

import numpy as np
import torch
from PIL import Image

EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp")


def listing(root, list_file):
    if list_file:
        with open(list_file, encoding="utf-8") as f:
            return [line.strip() for line in f if line.strip()]
    names = []
    for d, _, files in os.walk(root):
        for n in files:
            if n.lower().endswith(EXTENSIONS):
                names.append(os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/"))
    return sorted(names)


class ClipPreprocess:
    """open_clip's inference transform, for an exported model's config."""

    def __init__(self, config):
        self.size = config["image_size"]
        self.mean = torch.tensor(config["mean"]).view(3, 1, 1)
        self.std = torch.tensor(config["std"]).view(3, 1, 1)

    def __call__(self, im):
        s = self.size
        w, h = im.size
        nw, nh = (s, int(s * h / w)) if w <= h else (int(s * w / h), s)
        im = im.resize((nw, nh), Image.BICUBIC)
        top, left = int(round((nh - s) / 2.0)), int(round((nw - s) / 2.0))
        im = im.crop((left, top, left + s, top + s)).convert("RGB")
        t = torch.from_numpy(np.array(im, np.uint8, copy=True)).permute(2, 0, 1).float().div(255)
        return (t - self.mean) / self.std


class Images(torch.utils.data.Dataset):
    def __init__(self, root, names, preprocess):
        self.root, self.names, self.preprocess = root, names, preprocess

    def __len__(self):
        return len(self.names)

    def __getitem__(self, i):
        try:
            with Image.open(os.path.join(self.root, self.names[i])) as im:
                im.load()
                return i, self.preprocess(im), ""
        except Exception as e:  # noqa: BLE001 - any unreadable image is listed and skipped
            return i, None, f"{type(e).__name__}: {e}".replace("\t", " ").replace("\n", " ")


def collate(items):
    good = [(i, t) for i, t, _ in items if t is not None]
    bad = [(i, why) for i, t, why in items if t is None]
    if not good:
        return [], None, bad
    return [i for i, _ in good], torch.stack([t for _, t in good]), bad


def load_model(args, device):
    if args.torchscript:
        with open(os.path.join(args.torchscript, "config.json"), encoding="utf-8") as f:
            config = json.load(f)
        model = torch.jit.load(os.path.join(args.torchscript, config["torchscript"]), map_location=device)
        return model.encode_image, ClipPreprocess(config), config["model_id"]
    import open_clip  # only needed for --open-clip

    model, _, preprocess = open_clip.create_model_and_transforms(args.open_clip, device=device)
    model.eval()
    return model.encode_image, preprocess, args.open_clip


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    m = p.add_mutually_exclusive_group(required=True)
    m.add_argument("--open-clip", metavar="NAME")
    m.add_argument("--torchscript", metavar="DIR")
    p.add_argument("--images", required=True, help="the dataset's image folder")
    p.add_argument("--list", help="file names relative to --images, one per line (default: every image under it)")
    p.add_argument("--out", required=True, help="output prefix: PREFIX.npy, PREFIX.ids.txt, PREFIX.skipped.tsv")
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--workers", type=int, default=min(8, os.cpu_count() or 1))
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--amp", action="store_true", help="autocast to float16 on CUDA")
    p.add_argument("--float16", action="store_true", help="write float16 vectors (half the size)")
    args = p.parse_args()

    device = torch.device(args.device)
    encode, preprocess, model_id = load_model(args, device)
    names = listing(args.images, args.list)
    loader = torch.utils.data.DataLoader(
        Images(args.images, names, preprocess), batch_size=args.batch, num_workers=args.workers,
        collate_fn=collate, pin_memory=device.type == "cuda", shuffle=False)
    rows, ids, skipped = [], [], []
    t0, done = time.time(), 0
    with torch.inference_mode(), torch.autocast(device.type, enabled=args.amp and device.type == "cuda"):
        for index, batch, bad in loader:
            skipped += [(names[i], why) for i, why in bad]
            if batch is not None:
                v = encode(batch.to(device, non_blocking=True)).float().cpu().numpy()
                rows.append(v)
                ids += [names[i] for i in index]
            done += len(index) + len(bad)
            rate = done / max(time.time() - t0, 1e-9)
            print(f"\r{done}/{len(names)} images, {rate:.1f} images/s, ETA {(len(names) - done) / max(rate, 1e-9):.0f} s",
                  end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    dim = rows[0].shape[1] if rows else 0
    data = np.concatenate(rows) if rows else np.zeros((0, dim), np.float32)
    np.save(args.out + ".npy", np.ascontiguousarray(data.astype(np.float16 if args.float16 else np.float32)))
    with open(args.out + ".ids.txt", "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in ids))
    with open(args.out + ".skipped.tsv", "w", encoding="utf-8") as f:
        f.write("file\treason\n" + "".join(f"{n}\t{why}\n" for n, why in skipped))
    secs = time.time() - t0
    print(f"{model_id} on {device}: {len(ids)} embedded ({dim} dimensions), {len(skipped)} skipped, "
          f"{secs:.1f} s, {len(ids) / max(secs, 1e-9):.1f} images/s -> {args.out}.npy", file=sys.stderr)


if __name__ == "__main__":
    main()
