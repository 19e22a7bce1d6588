#!/usr/bin/env python3
"""Writes ontology/src/ontology/xrefs/targets.tsv: the MONDO and DOID classes of the dermatology
slice (../shared/data/xrefs: MONDO release 2026-08-04, CC BY 4.0; DOID release 2026-07-31, CC0) that
the curated mappings may point at, with their labels, parents and a neoplasm kind (malignant or
benign, from the class's or an ancestor's label within the slice; empty otherwise). The validation
build checks every mapping target against it (unknown or obsolete ids, stale labels, mappings that
cross benign/malignant). Facts only (ids, labels, parents). Deterministic; re-run when the slice
changes:

    python3 ontology/tools/make_xref_targets.py [../shared/data/xrefs]
"""
import csv
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "..", "shared", "data", "xrefs")
out = os.path.join(here, "..", "src", "ontology", "xrefs", "targets.tsv")

MALIGNANT = re.compile(r"\b(cancer|carcinoma|melanoma|sarcoma|lymphoma|leukemia|leukaemia|malignant|"
                       r"mycosis fungoides|sezary|merkel cell|metasta)", re.I)
BENIGN = re.compile(r"\b(benign|nevus|naevus|nevi|adenoma|hemangioma|haemangioma|lipoma|papilloma|"
                    r"fibroma|dermatofibroma|neurofibroma|seborrheic keratosis|lentigo|cyst)\b", re.I)


def read(name):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


rows = {}
for r in read("mondo_skin.tsv") + read("doid_skin.tsv"):
    rows[r["id"]] = (r["label"], [p for p in r["parent_ids"].split("|") if p])


def kind(cid, seen=()):
    label, parents = rows[cid]
    if MALIGNANT.search(label) and not re.search(r"\bpremalignant|pre-malignant\b", label, re.I):
        return "malignant"
    if BENIGN.search(label):
        return "benign"
    for p in parents:
        if p in rows and p not in seen:
            k = kind(p, seen + (cid,))
            if k:
                return k
    return ""


os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "w", newline="", encoding="utf-8") as f:
    f.write("# The MONDO (CC BY 4.0, Mondo Disease Ontology, monarch-initiative/mondo, release 2026-08-04)\n")
    f.write("# and DOID (CC0, Human Disease Ontology, release 2026-07-31) classes of the dermatology slice\n")
    f.write("# that curated mappings may target; made by ontology/tools/make_xref_targets.py.\n")
    f.write("id\tlabel\tparents\tkind\n")
    for cid in sorted(rows, key=lambda c: (c.split(":")[0], c)):
        label, parents = rows[cid]
        f.write(f"{cid}\t{label}\t{'|'.join(parents)}\t{kind(cid)}\n")
print(f"wrote {out}: {len(rows)} classes")
