#!/usr/bin/env python3
"""Writes synthetic benchmark datasets in their published layouts at their real sizes, for
bench/datasets.sh: HAM10000 (10,015 images, its published dx distribution, ~1.35 images per
lesion, float ages, 'unknown' values) and Fitzpatrick17k (16,577 images over the 114 labels of the
shipped label set, Fitzpatrick types 1-6 and -1). Metadata only, no image files. Deterministic.

    python3 bench/datasets.py OUT_DIR
"""
import csv
import os
import random
import sys

out = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20)

ham = os.path.join(out, "ham10000")
os.makedirs(ham, exist_ok=True)
dx = [("nv", 6705), ("mel", 1113), ("bkl", 1099), ("bcc", 514), ("akiec", 327), ("vasc", 142), ("df", 115)]
sites = ["back", "lower extremity", "trunk", "upper extremity", "abdomen", "face", "chest", "foot",
         "unknown", "neck", "scalp", "hand", "ear", "genital", "acral"]
with open(os.path.join(ham, "HAM10000_metadata.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["lesion_id", "image_id", "dx", "dx_type", "age", "sex", "localization", "dataset"])
    image = 24306
    lesion = 0
    for code, n in dx:
        left = n
        while left > 0:
            k = min(left, rng.choice([1, 1, 1, 2, 2, 3]))
            lesion += 1
            age = rng.choice(["", "5.0"] + [f"{a}.0" for a in range(10, 90, 5)])
            sex = rng.choice(["male", "female", "unknown"])
            site = rng.choice(sites)
            dxt = rng.choice(["histo", "follow_up", "consensus", "confocal"])
            for _ in range(k):
                w.writerow([f"HAM_{lesion:07d}", f"ISIC_{image:07d}", code, dxt, age, sex, site, "vidir_modern"])
                image += 1
            left -= k

labels = []
with open(os.path.join(here, "..", "ontology", "src", "ontology", "mappings", "Fitzpatrick17k.sssom.tsv")) as f:
    for row in csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t"):
        labels.append(row["subject_label"])
f17 = os.path.join(out, "fitzpatrick17k")
os.makedirs(f17, exist_ok=True)
with open(os.path.join(f17, "fitzpatrick17k.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["md5hash", "fitzpatrick_scale", "fitzpatrick_centaur", "label", "nine_partition_label",
                "three_partition_label", "qc", "url", "url_alphanum"])
    for i in range(16577):
        h = "%032x" % rng.getrandbits(128)
        fst = rng.choice([-1, 1, 2, 2, 3, 3, 4, 5, 6])
        label = rng.choice(labels)
        w.writerow([h, fst, fst, label, "inflammatory", "non-neoplastic", "",
                    f"https://example.org/{h}.jpg", f"httpsexampleorg{h}jpg"])
print(f"wrote {ham} ({sum(n for _, n in dx)} images) and {f17} (16577 images)")
