"""Makes the preprocessing fixtures with Pillow and torch (run from the repository root with Debian's
/usr/bin/python3 and python3-pil, python3-torch):

  /usr/bin/python3 embeddings/tools/make_image_fixtures.py

open_clip's inference transform is Resize(224, bicubic) on the PIL image, CenterCrop(224), RGB,
ToTensor, Normalize(mean, std); this script applies the same steps with Pillow and torch (torchvision
is not needed: Resize on a PIL image is Image.resize with the shorter side set, CenterCrop rounds the
offsets with Python's round). Writes under embeddings/src/test/resources/fixtures/preprocess/:
the input images, each one's resized-and-cropped RGB as a PNG (<name>.crop.png, compared byte for
byte), and preprocess.json with the sizes, crop offsets and sampled normalised values.
"""
import json
import os

import numpy as np
import torch
from PIL import Image

OUT = "embeddings/src/test/resources/fixtures/preprocess"
SIZE = 224
MEAN = (0.48145466, 0.4578275, 0.40821073)
STD = (0.26862954, 0.26130258, 0.27577711)


def synthetic(w, h, seed, mode="RGB"):
    rng = np.random.RandomState(seed)
    y, x = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.stack([
        128 + 100 * np.sin(x / (7 + seed)) * np.cos(y / 11),
        128 + 90 * np.cos((x + y) / 13),
        255 * (x / max(w - 1, 1)) * (y / max(h - 1, 1)),
    ], axis=-1)
    cx, cy = w * 0.6, h * 0.4
    img[(x - cx) ** 2 + (y - cy) ** 2 < (min(w, h) / 5) ** 2] = (200, 40, 60)  # a sharp-edged disc
    img += rng.normal(0, 2, img.shape)
    img = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    im = Image.fromarray(img, "RGB")
    return im.convert("L") if mode == "L" else im


def reference(im):
    w, h = im.size
    if w <= h:
        nw, nh = SIZE, int(SIZE * h / w)
    else:
        nw, nh = int(SIZE * w / h), SIZE
    resized = im.resize((nw, nh), Image.BICUBIC)
    top = int(round((nh - SIZE) / 2.0))
    left = int(round((nw - SIZE) / 2.0))
    crop = resized.crop((left, top, left + SIZE, top + SIZE)).convert("RGB")
    t = torch.from_numpy(np.array(crop, np.uint8, copy=True)).permute(2, 0, 1).contiguous()
    t = t.to(torch.float32).div(255)
    t = (t - torch.tensor(MEAN).view(3, 1, 1)) / torch.tensor(STD).view(3, 1, 1)
    return crop, (nw, nh), (left, top), t


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [
        ("landscape", synthetic(320, 240, 1), "png"),
        ("portrait", synthetic(181, 299, 2), "png"),
        ("gray", synthetic(250, 250, 3, "L"), "png"),
        ("small", synthetic(40, 30, 4), "png"),
        ("exact", synthetic(224, 224, 5), "png"),
        ("halfcrop", synthetic(224, 225, 6), "png"),
        ("wide", synthetic(520, 170, 7), "png"),
        ("photo", synthetic(300, 225, 8), "jpg"),
    ]
    rng = np.random.RandomState(0)
    meta = {"size": SIZE, "mean": MEAN, "std": STD, "cases": []}
    for name, im, fmt in cases:
        src = f"{OUT}/{name}.{fmt}"
        if fmt == "jpg":
            im.save(src, quality=92)
        else:
            im.save(src)
        loaded = Image.open(src)
        crop, (nw, nh), (left, top), t = reference(loaded)
        crop.save(f"{OUT}/{name}.crop.png")
        idx = [(int(c), int(y), int(x)) for c, y, x in zip(rng.randint(0, 3, 64), rng.randint(0, SIZE, 64),
                                                            rng.randint(0, SIZE, 64))]
        meta["cases"].append({
            "name": name, "file": os.path.basename(src), "mode": loaded.mode,
            "resized": [nw, nh], "offset": [left, top],
            "samples": [[c, y, x, float(t[c, y, x])] for c, y, x in idx],
            "mean_value": float(t.mean()),
        })
    with open(f"{OUT}/preprocess.json", "w") as f:
        json.dump(meta, f, indent=1)


if __name__ == "__main__":
    main()
