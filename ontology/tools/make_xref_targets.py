#!/usr/bin/env python3
"""Writes ontology/src/ontology/xrefs/targets.tsv: the MONDO and DOID classes of the dermatology
slice (../shared/data/xrefs: MONDO release 2026-08-04, CC BY 4.0; DOID release 2026-07-31, CC0) that
the curated mappings may point at, with their labels, parents and a neoplasm kind (malignant or
benign, from the class's or an ancestor's label within the slice; empty otherwise). The validation
build checks every mapping target against it (unknown or obsolete ids, stale labels, mappings that
cross benign/malignant). Facts only (ids, labels, parents). Deterministic; re-run when the slice
changes:

    python3 ontology/tools/make_xref_targets.py [../shared/data/xrefs]

It also writes xrefs/target-xrefs.tsv: each target's own cross-references to the terminologies
clinicians use (ICD-10-CM, ICD-11 foundation, UMLS, MeSH, NCIt, Orphanet, OMIM, SNOMED CT), with
the predicate its ontology gives and the prefixes normalised to the bioregistry/OBO spelling (DOID's
NCI, ORDO, UMLS_CUI, SNOMEDCT_US_<date> and MONDO's mesh become NCIT, Orphanet, UMLS, SCTID, MESH).
Identifiers only: no labels of SNOMED CT, UMLS or ICD-11 content. The build derives the DERM
classes' cross-references from it through their curated matches.
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

# prefix spellings -> the bioregistry/OBO prefix (None: not carried)
PREFIXES = {"ICD10CM": "ICD10CM", "icd11.foundation": "icd11.foundation", "UMLS": "UMLS",
            "UMLS_CUI": "UMLS", "MESH": "MESH", "mesh": "MESH", "NCIT": "NCIT", "NCI": "NCIT",
            "Orphanet": "Orphanet", "ORDO": "Orphanet", "OMIM": "OMIM", "SCTID": "SCTID"}


def normalise(curie):
    prefix, _, local = curie.partition(":")
    if prefix.startswith("SNOMEDCT_US"):
        prefix = "SCTID"
    if prefix == "OMIM" and local.startswith("PS"):
        return None  # a phenotypic series (OMIMPS), not an OMIM entry
    p = PREFIXES.get(prefix)
    return f"{p}:{local}" if p and local else None


def sssom(name):
    with open(os.path.join(src, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


xrefs = {}  # (target, xref) -> (predicate, source)
RANK = {"skos:exactMatch": 0, "skos:closeMatch": 1, "skos:narrowMatch": 2, "skos:broadMatch": 2,
        "oboInOwl:hasDbXref": 3, "skos:relatedMatch": 4}
for name, source in (("mondo_skin.sssom.tsv", "MONDO"), ("doid_skin_xrefs.sssom.tsv", "DOID")):
    for r in sssom(name):
        x = normalise(r["object_id"])
        if r["subject_id"] not in rows or x is None or r["predicate_id"] not in RANK:
            continue
        key = (r["subject_id"], x)
        if key not in xrefs or RANK[r["predicate_id"]] < RANK[xrefs[key][0]]:
            xrefs[key] = (r["predicate_id"], source)
xout = os.path.join(os.path.dirname(out), "target-xrefs.tsv")
with open(xout, "w", newline="", encoding="utf-8") as f:
    f.write("# Cross-references of the targets.tsv classes (MONDO release 2026-08-04, CC BY 4.0; DOID release\n")
    f.write("# 2026-07-31, CC0) to ICD-10-CM, ICD-11 foundation, UMLS, MeSH, NCIt, Orphanet, OMIM and SNOMED CT:\n")
    f.write("# identifiers only, prefixes normalised; made by ontology/tools/make_xref_targets.py.\n")
    f.write("id\tpredicate\txref\n")
    for (cid, x), (pred, _) in sorted(xrefs.items(), key=lambda kv: (kv[0][0].split(":")[0], kv[0][0], kv[0][1])):
        f.write(f"{cid}\t{pred}\t{x}\n")
print(f"wrote {xout}: {len(xrefs)} cross-references")
