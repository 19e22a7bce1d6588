#!/usr/bin/env python3
"""Propose MONDO / DOID cross-reference candidates for the DERM disease classes.

Reads the DERM disease table (ontology/src/ontology/tables/diseases.tsv), the Derm1M
registry (derm1m-registry.tsv) and a DOID/MONDO dermatology slice folder (doid_skin.tsv,
mondo_skin.tsv; see that folder's README.md) and writes a candidates TSV: for every live
DERM class the best-scoring MONDO and DOID classes, with the strings that matched, a score,
the benign/malignant status of both sides, and flags a curator must look at.

The output is a *worklist*, not a mapping set: every row must be reviewed by a curator
before it goes into ontology/src/ontology/xrefs/derm-{mondo,doid}.sssom.tsv. Columns: the DERM
class (and its benign/malignant side), the target, score (1.0 = label equals label; synonym,
Derm1M-name, word-order and token-overlap matches score lower), match_kind, the matched strings,
the target's MONDO<->DOID exact partner, flags (BENIGN_MALIGNANT_CROSS, NONNEOPLASTIC_TO_MALIGNANT,
PREMALIGNANT_TARGET, KEYWORD_ONLY_ROW, SITE:<non-skin site>, NOT_LABEL_MATCH), fallback
(ancestor: a candidate of the nearest DERM ancestor; root: the skin grouping class), and curated
(the predicate when the row is the current choice in the curated files). Candidates that cross the
benign/malignant line are kept visible but their score is multiplied by 0.25.

    python3 ontology/tools/propose_xref_candidates.py SLICE_DIR [-o candidates.tsv]
        [--tables ontology/src/ontology/tables] [--curated ontology/src/ontology/xrefs] [--top 6]

    # validate curated SSSOM files against the slice, the DERM tables and xrefs/targets.tsv
    # (also mirrors the build's xref_* validation checks); exit status 1 on a problem
    python3 ontology/tools/propose_xref_candidates.py SLICE_DIR --check \\
        ontology/src/ontology/xrefs/derm-mondo.sssom.tsv ontology/src/ontology/xrefs/derm-doid.sssom.tsv

Standard library only; the output is deterministic (sorted, no randomness, no clock).
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import unicodedata
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TABLES = os.path.normpath(os.path.join(HERE, "..", "src", "ontology", "tables"))
DEFAULT_XREFS = os.path.normpath(os.path.join(HERE, "..", "src", "ontology", "xrefs"))

# DERM branches that carry a neoplasm dignity (inspected in diseases.tsv).
DERM_MALIGNANT_ROOT = "DERM:0001308"  # Malignant skin neoplasm
DERM_BENIGN_ROOT = "DERM:0001222"  # Benign proliferative skin lesion

# ---------------------------------------------------------------------------------------------
# normalisation
# ---------------------------------------------------------------------------------------------

# British -> American and other spelling variants, applied to token prefixes.
PREFIX_VARIANTS = [
    ("naev", "nev"),
    ("haem", "hem"),
    ("oedem", "edem"),
    ("oesoph", "esoph"),
    ("paed", "ped"),
    ("leukaem", "leukem"),
    ("anaem", "anem"),
    ("ischaem", "ischem"),
    ("seborrhoe", "seborrhe"),
    ("coeli", "celi"),
    ("tumour", "tumor"),
    ("colour", "color"),
    ("keratodermia", "keratoderma"),
    ("pilomatricoma", "pilomatrixoma"),
    ("dyshidrosiform", "dyshidrotic"),
]

# whole-token variants (after the prefix rules, before singularisation)
TOKEN_VARIANTS = {
    "telangiectasis": "telangiectasia",
    "telangiectases": "telangiectasia",
    "telangiectasias": "telangiectasia",
    "nevi": "nevus",
    "lentigines": "lentigo",
    "milia": "milium",
    "striae": "stria",
    "comedones": "comedo",
    "amyloidosus": "amyloidosis",
    "polymorphic": "polymorphous",
    "behcets": "behcet",
    "mucinoses": "mucinosis",
    "ringworm": "tinea",
    "verrucae": "verruca",
    "hyperkeratoses": "hyperkeratosis",
}

# words that do not change the meaning much; dropped for the 'loose' key only
LOOSE_STOP = {
    "of", "the", "and", "or", "in", "a", "an", "to", "with", "by", "due", "on", "caused",
    "disease", "disorder", "syndrome", "condition", "skin", "cutaneous", "cutis", "dermal",
    "nos", "unspecified", "type", "form", "human", "primary",
}

GENERIC_TOKENS = LOOSE_STOP | {
    "infection", "infectious", "lesion", "benign", "malignant", "neoplasm", "tumor", "acute",
    "chronic", "congenital", "hereditary", "inherited", "familial", "localized", "generalized",
    "of", "due", "reaction", "dermatitis", "dermatosis", "eruption", "nail", "hair",
}


def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def singular(tok: str) -> str:
    """Crude English/Latin singular of one token (enough for matching disease names)."""
    tok = TOKEN_VARIANTS.get(tok, tok)
    if len(tok) <= 3 or tok in KEEP_S:
        return tok
    if tok.endswith("oses"):
        tok = tok[:-4] + "osis"
    elif tok.endswith(("iases", "ectases")):
        tok = tok[:-2] + "is"
    elif tok.endswith("sses"):
        tok = tok[:-2]
    elif tok.endswith("ies"):
        tok = tok[:-3] + "y"
    elif tok.endswith("omas"):
        tok = tok[:-1]
    elif tok.endswith("omata"):
        tok = tok[:-2]
    elif tok.endswith("s") and not tok.endswith(("ss", "us", "is", "ys", "as", "os")):
        tok = tok[:-1]
    return TOKEN_VARIANTS.get(tok, tok)


KEEP_S = {"herpes", "scabies", "species", "diabetes", "pes", "rabies", "series", "lues",
          "tabes", "pubes", "naris", "pedis", "cruris", "capitis", "corporis", "manus"}


def tokens(s: str, drop_parenthetical: bool = False) -> list[str]:
    s = strip_accents(s).lower()
    s = s.replace("\u2019", "'").replace("`", "'")
    if drop_parenthetical:
        s = re.sub(r"\([^)]*\)", " ", s)
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"s'\b", "s", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    out = []
    for t in s.split():
        for a, b in PREFIX_VARIANTS:
            if t.startswith(a):
                t = b + t[len(a):]
                break
        t = TOKEN_VARIANTS.get(t, t)
        out.append(singular(t))
    return out


def keys(s: str) -> dict[str, str]:
    """The three matching keys of a name: exact token string, token set, loose token set."""
    res = {}
    for drop in (False, True):
        toks = tokens(s, drop)
        if not toks:
            continue
        res.setdefault("exact", " ".join(toks))
        res.setdefault("sorted", " ".join(sorted(set(toks))))
        loose = sorted(set(t for t in toks if t not in LOOSE_STOP))
        if loose:
            res.setdefault("loose", " ".join(loose))
        if drop:
            res["exact_np"] = " ".join(toks)
            res["sorted_np"] = " ".join(sorted(set(toks)))
    return res


LEVEL_FACTOR = {"exact": 1.0, "exact_np": 0.97, "sorted": 0.96, "sorted_np": 0.94, "loose": 0.85}

# ---------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------


def read_tsv(path: str) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def split_bar(s: str) -> list[str]:
    return [x.strip() for x in (s or "").split("|") if x.strip()]


class Derm:
    def __init__(self, tables: str):
        rows = read_tsv(os.path.join(tables, "diseases.tsv"))
        self.rows = {}
        self.parent = {}
        self.dead = {}
        for r in rows:
            if r.get("status", "").strip() in ("obsolete", "deprecated") or r["label"].startswith("obsolete "):
                self.dead[r["id"]] = r
                continue
            self.rows[r["id"]] = r
            p = r.get("parent", "").split(" ! ")[0].strip()
            self.parent[r["id"]] = p or None
        self.registry = defaultdict(set)
        reg = os.path.join(tables, "derm1m-registry.tsv")
        if os.path.exists(reg):
            for r in read_tsv(reg):
                did = r["id"].split(" ! ")[0].strip()
                leaf = r["derm1m_path"].split(" > ")[-1].strip()
                self.registry[did].add(leaf)
                # 'A, B' lists alternatives unless it is an inverted name ('Nail diseases, nail disease')
                for part in leaf.split(", "):
                    if len(part) > 3:
                        self.registry[did].add(part.strip())
                m = re.match(r"^(.*?)\((.*)\)$", leaf.split(", ")[0])
                if m:  # 'Actinic solar damage(pigmentation)' -> also 'pigmentation'
                    self.registry[did].add(m.group(2).strip())

    def ancestors(self, did: str) -> list[str]:
        out, cur, seen = [], self.parent.get(did), set()
        while cur and cur not in seen:
            seen.add(cur)
            out.append(cur)
            cur = self.parent.get(cur)
        return out

    def dignity(self, did: str) -> str:
        chain = [did] + self.ancestors(did)
        if DERM_MALIGNANT_ROOT in chain:
            return "malignant"
        if DERM_BENIGN_ROOT in chain:
            return "benign"
        return "-"

    def names(self, did: str) -> list[tuple[str, str, float]]:
        r = self.rows[did]
        out = [("label", r["label"], 1.0)]
        out += [("exact_synonym", s, 0.9) for s in split_bar(r.get("exact_synonyms"))]
        out += [("derm1m", s, 0.88) for s in sorted(self.registry.get(did, ()))]
        out += [("related_synonym", s, 0.75) for s in split_bar(r.get("related_synonyms"))]
        out += [("misspelling", s, 0.6) for s in split_bar(r.get("misspellings"))]
        return out


MALIGNANT_RE = re.compile(
    r"\b(cancer|carcinoma|carcinomas|melanoma|sarcoma|lymphoma|leukemia|leukaemia|malignant|"
    r"malignancy|metastatic|mycosis fungoides|sezary|carcinosarcoma|adenocarcinoma|"
    r"porocarcinoma|myeloma|blastic|neoplasm malignant)\b|carcinoma|sarcoma\b|lymphoma\b")
PREMALIGNANT_RE = re.compile(r"\b(pre-?malignant|precancerous|pre-?cancerous)\b")
BENIGN_RE = re.compile(
    r"\b(benign|nevus|nevi|naevus|adenoma|papilloma|lipoma|fibroma|hemangioma|angioma|"
    r"angiokeratoma|seborrheic keratosis|cyst|hamartoma|syringoma|hidrocystoma|hidradenoma|"
    r"trichoepithelioma|poroma|pilomatrixoma|neurofibroma|leiomyoma|dermatofibroma|acanthoma|"
    r"lentigo|lymphangioma|xanthoma|acrochordon|skin tag|milium|spiradenoma|cylindroma)\b")


class Target:
    """One ontology of the slice (MONDO or DOID)."""

    def __init__(self, prefix: str, rows: list[dict]):
        self.prefix = prefix
        self.rows = {r["id"]: r for r in rows}
        self.parents = {r["id"]: split_bar(r.get("parent_ids")) for r in rows}
        self.parent_labels = {r["id"]: split_bar(r.get("parent_labels")) for r in rows}
        self.index = defaultdict(list)  # (level, key) -> [(id, name_type, name, weight)]
        self.token_index = defaultdict(set)
        self.loose_tokens = {}
        for r in rows:
            for ntype, name, w in self.names(r):
                for level, k in keys(name).items():
                    self.index[(level, k)].append((r["id"], ntype, name, w))
                lt = set(keys(name).get("loose", "").split())
                self.loose_tokens.setdefault(r["id"], []).append((ntype, name, w, lt))
                for t in lt:
                    self.token_index[t].add(r["id"])

    def names(self, r: dict) -> list[tuple[str, str, float]]:
        out = [("label", r["label"], 1.0)]
        if self.prefix == "DOID":
            out += [("exact_synonym", s, 0.92) for s in split_bar(r.get("exact_synonyms"))]
            out += [("exact_synonym_2018", s, 0.8) for s in split_bar(r.get("exact_synonyms_2018_only"))]
            out += [("related_synonym", s, 0.75) for s in split_bar(r.get("related_synonyms"))]
            out += [("narrow_broad_synonym", s, 0.6) for s in split_bar(r.get("narrow_broad_synonyms"))]
        else:
            out += [("synonym", s, 0.9) for s in split_bar(r.get("synonyms_rare_subset"))]
        return out

    def label(self, tid: str) -> str:
        return self.rows[tid]["label"] if tid in self.rows else ""

    def ancestor_labels(self, tid: str) -> list[str]:
        out, stack, seen = [], list(self.parents.get(tid, [])), set()
        out += self.parent_labels.get(tid, [])
        while stack:
            p = stack.pop()
            if p in seen:
                continue
            seen.add(p)
            if p in self.rows:
                out.append(self.rows[p]["label"])
                stack += self.parents.get(p, [])
                out += self.parent_labels.get(p, [])
        return out

    def dignity(self, tid: str) -> str:
        lab = strip_accents(self.label(tid)).lower()
        if PREMALIGNANT_RE.search(lab):
            return "premalignant"
        if "benign" in lab:
            return "benign"
        if MALIGNANT_RE.search(lab):
            return "malignant"
        if BENIGN_RE.search(lab):
            return "benign"
        anc = [strip_accents(a).lower() for a in self.ancestor_labels(tid)]
        if any(PREMALIGNANT_RE.search(a) for a in anc):
            return "premalignant"
        if any(MALIGNANT_RE.search(a) and "benign" not in a for a in anc):
            return "malignant"
        if any(BENIGN_RE.search(a) for a in anc):
            return "benign"
        return "-"

    def obsolete(self, tid: str) -> bool:
        lab = self.label(tid).lower()
        return lab.startswith("obsolete") or lab.startswith("deprecated") or tid not in self.rows

    def keyword_only(self, tid: str) -> bool:
        rule = self.rows[tid].get("inclusion_rule", "")
        kinds = {x.split(":")[0] for x in rule.split(";") if x}
        return kinds <= {"keyword"}

    def crosswalk(self, tid: str) -> list[str]:
        r = self.rows.get(tid, {})
        if self.prefix == "MONDO":
            return [x for x in split_bar(r.get("exact_matches")) if x.startswith("DOID:")]
        return [x for x in split_bar(r.get("mondo_exactMatch")) if x.startswith("MONDO:")]


NONSKIN_SITE_RE = re.compile(
    r"\b(uveal|ocular|intraocular|choroid|ciliary|iris|conjunctiva|conjunctival|orbital|eyelid|"
    r"esophag\w*|rectum|rectal|colon|anal|anus|vulva|vulvar|cervix|cervical|ovarian|breast|"
    r"meningeal|leptomeningeal|spinal|oral|mucosal|penis|penile|scrotum|scrotal|lung|gastric|"
    r"stomach|intestinal|bladder|renal|kidney|liver|hepatic|bone|brain|pelvic|ear|tongue|lip)\b")


def load_slice(slice_dir: str) -> dict[str, Target]:
    return {
        "MONDO": Target("MONDO", read_tsv(os.path.join(slice_dir, "mondo_skin.tsv"))),
        "DOID": Target("DOID", read_tsv(os.path.join(slice_dir, "doid_skin.tsv"))),
    }


# ---------------------------------------------------------------------------------------------
# candidate generation
# ---------------------------------------------------------------------------------------------


def match_one(derm: Derm, did: str, tgt: Target) -> dict[str, dict]:
    best: dict[str, dict] = {}

    def offer(tid, score, kind, sname, tname):
        if tgt.obsolete(tid):
            return
        cur = best.get(tid)
        if cur is None or score > cur["score"] + 1e-9 or (
                abs(score - cur["score"]) < 1e-9 and (kind, sname, tname) < (cur["kind"], cur["s"], cur["t"])):
            best[tid] = {"score": round(score, 4), "kind": kind, "s": sname, "t": tname}

    for stype, sname, sw in derm.names(did):
        sk = keys(sname)
        for level, k in sk.items():
            for tid, ttype, tname, tw in tgt.index.get((level, k), []):
                offer(tid, sw * tw * LEVEL_FACTOR[level], f"{stype}={ttype}:{level}", sname, tname)
        # fuzzy: token overlap on loose keys
        st = set(sk.get("loose", "").split())
        informative = {t for t in st if t not in GENERIC_TOKENS}
        if not informative:
            continue
        pool = set()
        for t in informative:
            pool |= tgt.token_index.get(t, set())
        for tid in pool:
            for ttype, tname, tw, tt in tgt.loose_tokens[tid]:
                if not tt:
                    continue
                shared = st & tt
                if not (shared - GENERIC_TOKENS):
                    continue
                jac = len(shared) / len(st | tt)
                if st <= tt:
                    rel = "target_more_specific"
                elif tt <= st:
                    rel = "target_more_general"
                else:
                    rel = "overlap"
                if jac < 0.34 and rel == "overlap":
                    continue
                score = 0.7 * jac * sw * tw
                if rel != "overlap":
                    score = max(score, 0.45 * sw * tw)
                offer(tid, score, f"{stype}~{ttype}:{rel}", sname, tname)
    return best


# grouping classes offered as a last-resort broadMatch when nothing else is found
ROOT_FALLBACK = {"MONDO": "MONDO:0005093", "DOID": "DOID:37"}  # skin disorder / skin disease
CROSS_PENALTY = 0.25  # score factor for candidates that cross the benign/malignant line


def read_curated(xref_dir: str | None) -> dict[tuple[str, str], tuple[str, str]]:
    """(subject, 'MONDO'|'DOID') -> (predicate, object) from existing curated SSSOM files."""
    out = {}
    if not xref_dir:
        return out
    for name, prefix in (("derm-mondo.sssom.tsv", "MONDO"), ("derm-doid.sssom.tsv", "DOID")):
        path = os.path.join(xref_dir, name)
        if os.path.exists(path):
            for r in read_tsv(path):
                out[(r["subject_id"], prefix)] = (r["predicate_id"], r["object_id"])
    return out


def candidates(derm: Derm, targets: dict[str, Target], top: int,
               curated: dict[tuple[str, str], tuple[str, str]] | None = None) -> list[dict]:
    curated = curated or {}
    rows = []
    per = {}
    for did in sorted(derm.rows):
        per[did] = {p: match_one(derm, did, t) for p, t in targets.items()}
        # crosswalk: the MONDO<->DOID exact partner of a strong candidate is itself a candidate
        for p, other in (("MONDO", "DOID"), ("DOID", "MONDO")):
            for tid, c in sorted(per[did][p].items(), key=lambda kv: (-kv[1]["score"], kv[0]))[:3]:
                if c["score"] < 0.5:
                    continue
                for xid in targets[p].crosswalk(tid):
                    if xid in targets[other].rows and not targets[other].obsolete(xid):
                        got = per[did][other].get(xid)
                        sc = round(c["score"] * 0.95, 4)
                        if got is None or got["score"] < sc:
                            per[did][other][xid] = {"score": sc, "kind": f"crosswalk_from_{tid}",
                                                    "s": c["s"], "t": c["t"]}
    for did in sorted(derm.rows):
        r = derm.rows[did]
        sd = derm.dignity(did)
        for p in ("MONDO", "DOID"):
            tgt = targets[p]

            def flags_of(tid: str, kind: str) -> list[str]:
                td = tgt.dignity(tid)
                fl = []
                if {sd, td} == {"benign", "malignant"}:
                    fl.append("BENIGN_MALIGNANT_CROSS")
                elif sd == "-" and td == "malignant":
                    fl.append("NONNEOPLASTIC_TO_MALIGNANT")
                elif sd in ("benign", "malignant") and td == "premalignant":
                    fl.append("PREMALIGNANT_TARGET")
                if tgt.keyword_only(tid):
                    fl.append("KEYWORD_ONLY_ROW")
                site = NONSKIN_SITE_RE.search(strip_accents(tgt.label(tid)).lower())
                if site and not NONSKIN_SITE_RE.search(strip_accents(r["label"]).lower()):
                    fl.append("SITE:" + site.group(1))
                if kind.split(":")[0].split("=")[-1].split("~")[-1] != "label":
                    fl.append("NOT_LABEL_MATCH")
                return fl

            pool = {}
            for tid, c in per[did][p].items():
                fl = flags_of(tid, c["kind"])
                sc = c["score"] * (CROSS_PENALTY if "BENIGN_MALIGNANT_CROSS" in fl else 1.0)
                pool[tid] = dict(c, score=round(sc, 4), flags=fl, fallback="")
            ranked = sorted(pool.items(), key=lambda kv: (-kv[1]["score"], kv[0]))[:top]
            best = ranked[0][1]["score"] if ranked else 0.0
            # strong string matches that cross the benign/malignant line stay visible (demoted, flagged)
            shown = {t for t, _ in ranked}
            ranked += sorted(((t, c) for t, c in pool.items() if t not in shown
                              and "BENIGN_MALIGNANT_CROSS" in c["flags"]
                              and c["score"] >= 0.8 * CROSS_PENALTY),
                             key=lambda kv: (-kv[1]["score"], kv[0]))
            if best < 0.6:
                # offer the candidates of the nearest DERM ancestor as broad-match fallbacks
                for anc in derm.ancestors(did):
                    got = sorted(per.get(anc, {}).get(p, {}).items(),
                                 key=lambda kv: (-kv[1]["score"], kv[0]))
                    got = [(t, c) for t, c in got if c["score"] >= 0.8][:2]
                    if got:
                        seen = {t for t, _ in ranked}
                        for t, c in got:
                            if t in seen:
                                continue
                            kind = f"via_derm_ancestor_{anc}:" + c["kind"]
                            fl = flags_of(t, kind)
                            sc = c["score"] * 0.5 * (CROSS_PENALTY if "BENIGN_MALIGNANT_CROSS" in fl else 1.0)
                            ranked.append((t, dict(c, score=round(sc, 4), kind=kind, flags=fl,
                                                   fallback="ancestor")))
                        break
            if not ranked or max(c["score"] for _, c in ranked) < 0.45:
                root = ROOT_FALLBACK[p]
                if root in tgt.rows and root not in {t for t, _ in ranked}:
                    ranked.append((root, {"score": 0.2, "kind": "root_fallback", "s": "", "t": "",
                                          "flags": flags_of(root, "root_fallback"), "fallback": "root"}))
            cur = curated.get((did, p))
            if cur and cur[1] not in {t for t, _ in ranked} and cur[1] in tgt.rows:
                ranked.append((cur[1], {"score": 0.0, "kind": "curated_only", "s": "", "t": "",
                                        "flags": flags_of(cur[1], "curated_only"), "fallback": ""}))
            ranked.sort(key=lambda kv: (-kv[1]["score"], kv[0]))
            if not ranked:
                rows.append({"subject_id": did, "subject_label": r["label"],
                             "subject_parent": r.get("parent", ""), "subject_dignity": sd,
                             "target": p, "rank": 0, "score": "0.0000", "object_id": "",
                             "object_label": "", "object_parents": "", "object_dignity": "",
                             "match_kind": "none", "subject_string": "", "object_string": "",
                             "crosswalk_exact": "", "flags": "NO_CANDIDATE", "fallback": "",
                             "curated": ""})
            for rank, (tid, c) in enumerate(ranked, 1):
                rows.append({
                    "subject_id": did,
                    "subject_label": r["label"],
                    "subject_parent": r.get("parent", ""),
                    "subject_dignity": sd,
                    "target": p,
                    "rank": rank,
                    "score": f"{c['score']:.4f}",
                    "object_id": tid,
                    "object_label": tgt.label(tid),
                    "object_parents": "|".join(tgt.parent_labels.get(tid, [])),
                    "object_dignity": tgt.dignity(tid),
                    "match_kind": c["kind"],
                    "subject_string": c["s"],
                    "object_string": c["t"],
                    "crosswalk_exact": "|".join(tgt.crosswalk(tid)),
                    "flags": ",".join(c["flags"]),
                    "fallback": c["fallback"],
                    "curated": cur[0] if cur and cur[1] == tid else "",
                })
    return rows


COLUMNS = ["subject_id", "subject_label", "subject_parent", "subject_dignity", "target", "rank",
           "score", "object_id", "object_label", "object_parents", "object_dignity", "match_kind",
           "subject_string", "object_string", "crosswalk_exact", "flags", "fallback", "curated"]

# ---------------------------------------------------------------------------------------------
# checking curated files
# ---------------------------------------------------------------------------------------------

SSSOM_COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                 "mapping_justification", "confidence", "author_id", "mapping_date", "comment"]
PREDICATES = {"skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch",
              "skos:relatedMatch"}


def check(derm: Derm, targets: dict[str, Target], files: list[str]) -> int:
    problems = []
    chosen = {}  # (subject, prefix) -> (predicate, object)
    informative = set()  # subjects with a mapping of confidence > 0.5
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        header = [l for l in text.splitlines() if l.startswith("#")]
        if not any(l.startswith("#curie_map:") for l in header):
            problems.append(f"{path}: no #curie_map header")
        rows = read_tsv(path)
        cols = list(rows[0].keys()) if rows else []
        if cols != SSSOM_COLUMNS:
            problems.append(f"{path}: columns {cols} != {SSSOM_COLUMNS}")
        prev, seen = "", set()
        for i, r in enumerate(rows, 2):
            where = f"{path}:{r['subject_id']}"
            s, o = r["subject_id"], r["object_id"]
            prefix = o.split(":")[0]
            if s < prev:
                problems.append(f"{where}: rows not in DERM id order")
            prev = s
            if s in seen:
                problems.append(f"{where}: more than one row for the subject")
            seen.add(s)
            if s in derm.dead:
                problems.append(f"{where}: subject is deprecated/obsolete")
            elif s not in derm.rows:
                problems.append(f"{where}: unknown subject")
            elif r["subject_label"] != derm.rows[s]["label"]:
                problems.append(f"{where}: subject_label '{r['subject_label']}' != '{derm.rows[s]['label']}'")
            if prefix not in targets:
                problems.append(f"{where}: object prefix {prefix}")
                continue
            t = targets[prefix]
            if o not in t.rows:
                problems.append(f"{where}: object {o} not in the slice")
                continue
            if t.obsolete(o):
                problems.append(f"{where}: object {o} is obsolete")
            if r["object_label"] != t.label(o):
                problems.append(f"{where}: object_label '{r['object_label']}' != '{t.label(o)}'")
            if r["predicate_id"] not in PREDICATES:
                problems.append(f"{where}: predicate {r['predicate_id']}")
            if r["mapping_justification"] != "semapv:ManualMappingCuration":
                problems.append(f"{where}: justification {r['mapping_justification']}")
            try:
                c = float(r["confidence"])
                if not 0.0 <= c <= 1.0:
                    raise ValueError
            except ValueError:
                problems.append(f"{where}: confidence '{r['confidence']}'")
            if s in derm.rows:
                sd, td = derm.dignity(s), t.dignity(o)
                if {sd, td} == {"benign", "malignant"}:
                    problems.append(f"{where}: crosses benign/malignant ({sd} -> {td} {o} {t.label(o)})")
            chosen[(s, prefix)] = (r["predicate_id"], o)
            if r["confidence"] and float(r["confidence"]) > 0.5:
                informative.add(s)
    # the build's validation checks (XrefChecks.java), mirrored here so a curator can pre-check
    by_target = defaultdict(list)
    for (s, prefix), (pred, o) in sorted(chosen.items()):
        if pred == "skos:exactMatch":
            by_target[o].append(s)
    for o, subjects in sorted(by_target.items()):
        for i, a in enumerate(subjects):
            for b in subjects[i + 1:]:
                related = b in derm.ancestors(a) or a in derm.ancestors(b)
                what = "xref_exact_ancestor" if related else "xref_exact_shared"
                problems.append(f"{what}: {a} and {b} both exactMatch {o}")
    kinds = {}
    for path in files:
        tpath = os.path.join(os.path.dirname(os.path.abspath(path)), "targets.tsv")
        if os.path.exists(tpath) and not kinds:
            kinds = {r["id"]: r for r in read_tsv(tpath)}
    for (s, prefix), (pred, o) in sorted(chosen.items()):
        if not kinds or s not in derm.rows:
            continue
        if o not in kinds:
            problems.append(f"xref_unknown_target: {s} {pred} {o} is not in targets.tsv")
            continue
        side = derm.dignity(s)
        kind = kinds[o].get("kind", "")
        if side in ("benign", "malignant") and kind and kind != side:
            problems.append(f"xref_crosses_malignancy: {s} ({side}) {pred} {o} '{kinds[o]['label']}' ({kind})")
    # MONDO <-> DOID consistency: an exactMatch pair should agree with the slice's exact matches
    for (s, prefix), (pred, o) in sorted(chosen.items()):
        if prefix != "MONDO":
            continue
        d = chosen.get((s, "DOID"))
        xs = targets["MONDO"].crosswalk(o)
        if d and xs and d[1] not in xs and pred == "skos:exactMatch" and d[0] == "skos:exactMatch":
            problems.append(f"note {s}: exactMatch {o} (DOID exact {'|'.join(xs)}) but DOID file has exactMatch {d[1]}")
    for p in problems:
        print(p)
    n = len(derm.rows)
    subj = {s for s, _ in chosen}
    by = defaultdict(lambda: defaultdict(int))
    for (s, prefix), (pred, _) in chosen.items():
        by[prefix][pred] += 1
    print(f"live DERM classes: {n}", file=sys.stderr)
    for prefix in ("MONDO", "DOID"):
        m = sum(by[prefix].values())
        print(f"  with {prefix}: {m} ({100.0 * m / n:.1f}%) " +
              ", ".join(f"{k} {v}" for k, v in sorted(by[prefix].items())), file=sys.stderr)
    print(f"  with either: {len(subj)} ({100.0 * len(subj) / n:.1f}%)", file=sys.stderr)
    exact = {s for (s, _), (pred, _) in chosen.items() if pred == "skos:exactMatch"}
    print(f"  with an exactMatch in either: {len(exact)}", file=sys.stderr)
    print(f"  with a mapping of confidence > 0.5 (more than the generic skin-disease fallback): "
          f"{len(informative)} ({100.0 * len(informative) / n:.1f}%)", file=sys.stderr)
    hard = [p for p in problems if not p.startswith("note ")]
    return 1 if hard else 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("slice_dir", help="folder with doid_skin.tsv and mondo_skin.tsv")
    ap.add_argument("--tables", default=DEFAULT_TABLES, help="DERM tables folder (diseases.tsv, derm1m-registry.tsv)")
    ap.add_argument("-o", "--out", help="candidates TSV (default: stdout)")
    ap.add_argument("--top", type=int, default=6, help="candidates per DERM class and ontology (default 6)")
    ap.add_argument("--curated", default=DEFAULT_XREFS,
                    help="folder with the curated derm-{mondo,doid}.sssom.tsv; their choices fill the 'curated' "
                         "column (default: ontology/src/ontology/xrefs; '' to skip)")
    ap.add_argument("--check", nargs="+", metavar="SSSOM", help="validate curated SSSOM files instead")
    a = ap.parse_args(argv)
    derm = Derm(a.tables)
    targets = load_slice(a.slice_dir)
    if a.check:
        return check(derm, targets, a.check)
    rows = candidates(derm, targets, a.top, read_curated(a.curated))
    out = open(a.out, "w", newline="", encoding="utf-8") if a.out else sys.stdout
    w = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    if a.out:
        out.close()
    n = len(derm.rows)
    strong = {r["subject_id"] for r in rows if r["object_id"] and float(r["score"]) >= 0.8}
    print(f"{n} live DERM classes; {len(strong)} with a candidate scoring >= 0.8; "
          f"{len(rows)} candidate rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
