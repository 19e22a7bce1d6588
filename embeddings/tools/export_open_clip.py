"""Exports a CLIP model to the format the Java runtime loads (README, "DermLIP models"):

  model.pt      TorchScript with encode_image(image[N,3,S,S]) and encode_text(ids[N,C]) (not normalised);
                for a HuggingFace text tower (BERT) the attention mask is derived inside from the ids
                (ids != pad id), as open_clip's HFTextEncoder does: the ids are the only text input
  config.json   embed_dim, image_size, mean/std, interpolation, resize_mode, context_length, vocab_size,
                tokenizer, activation, logit_scale, model_id; for a HuggingFace text tower also
                tokenizer_kind, text_tower, pooling, text_projection, pad_id, text_input, text_clean,
                max_positions
  bpe_simple_vocab_16e6.txt.gz   the tokenizer's BPE merges (CLIP BPE text towers), or
  tokenizer.json                 the HuggingFace tokenizer, truncating and padding to context_length
                                 (HuggingFace text towers, e.g. DermLIP-PanDerm's PubMedBERT)
  parity.json   open_clip's token ids (and, for HuggingFace towers, attention masks) and embeddings
                for a few texts and one image, so the Java side can check itself against the
                original (derm embed --check)

Run it where open_clip and the model hub are reachable (the weights are CC BY-NC-ND: never commit them):

  pip install open_clip_torch            # + transformers for HuggingFace text towers
  python export_open_clip.py --model hf-hub:redlessone/DermLIP_ViT-B-16 --out derm-data/model

DermLIP-PanDerm (hf-hub:redlessone/DermLIP_PanDerm-base-w-PubMed-256) was made with the Derm1M fork of
open_clip: its vision tower is PanDerm's CAE ViT (Derm1M's src/CAE), which upstream open_clip does not
build, and its config has a "pretrain_path" key upstream rejects. Export it with the fork:

  git clone https://github.com/SiyuanYan1/Derm1M && pip install transformers timm
  PYTHONPATH=Derm1M/src python export_open_clip.py \\
      --model hf-hub:redlessone/DermLIP_PanDerm-base-w-PubMed-256 --out derm-data/model-panderm

Config keys this open_clip does not know (pretrain_path with upstream open_clip) are dropped before
the model is built, and a pretrain_path whose file is not here is cleared (the hub checkpoint loaded
afterwards holds those weights); upstream open_clip then fails to load PanDerm's vision weights
and this script says to use the fork. The HuggingFace text-tower path has been run only against
stand-ins of open_clip, transformers and tokenizers (check_export_hf_stub.py), not the real libraries.

--text-impl plain (BERT text towers) exports the text tower as bert_clip.BertText, a plain-PyTorch
BERT loaded with the tower's weights and scripted, instead of tracing transformers' BertModel; either
way it is checked against open_clip's eager encode_text. For BERT towers the plain re-creation is
always built and compared, and its max difference printed (it is the architecture of the tiny
test model, fixtures/tiny-bert-clip).

--random-vit-b16 exports a real-shaped ViT-B/16 with random weights through the same code path (the
benchmark model; needs only torch, e.g. Debian's python3-torch).
"""
import argparse
import copy
import dataclasses
import json
import math
import os
import shutil
import sys

import torch
from torch import nn

PARITY_TEXTS = ["a photo of a melanoma", "This is a skin image of psoriasis.",
                "erythematous scaly plaques on the extensor surfaces, a kind of inflammatory skin disease"]
# checked against open_clip's tokenizer too (not in parity.json) when a tokenizer.json is written
TOKENIZER_TEXTS = PARITY_TEXTS + [
    "", "   lots \t of\n\n whitespace  ", "\u00c9CZ\u00c9MA na\u00efve caf\u00e9 \u2014 \u00c5ngstr\u00f6m 38\u00b0C",
    "html &amp; entities &lt;b&gt;", "hyper-pigmented, well-demarcated plaques (2\u20133 cm) on the dorsum",
    "\u4e2d\u6587 \u65e5\u672c\u8a9e emoji \U0001F600", "psoriasis " * 300]


class Export(nn.Module):
    """The two encoders of a CLIP model as the methods the Java runtime calls."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def encode_image(self, image):
        return self.model.encode_image(image)

    def encode_text(self, text):
        return self.model.encode_text(text)


class ImageOnly(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, image):
        return self.model.encode_image(image)


class PlainTextExport(nn.Module):
    """A traced image tower and a scripted plain-PyTorch text tower (--text-impl plain)."""

    def __init__(self, visual, text):
        super().__init__()
        self.visual = visual
        self.text = text

    @torch.jit.export
    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        return self.visual(image)

    @torch.jit.export
    def encode_text(self, text: torch.Tensor) -> torch.Tensor:
        return self.text(text)


def activation_of(model):
    names = {type(m).__name__ for m in model.modules()}
    return "quick_gelu" if "QuickGELU" in names else "gelu"


def export(model, config, out, vocab_path, tokenize, check_image=None, text_module=None, pad_id=None):
    """Traces both encoders (batch 2), checks the traced module against eager on batch 3, writes
    the model directory. vocab_path is copied there (None: the tokenizer file is there already).
    text_module: a scriptable text tower to export instead of tracing model.encode_text. pad_id:
    parity.json gets attention masks (ids != pad_id) when given."""
    os.makedirs(out, exist_ok=True)
    model = model.eval()
    s, ctx = config["image_size"], config["context_length"]
    gen = torch.Generator().manual_seed(0)
    img2, img3 = torch.randn(2, 3, s, s, generator=gen), torch.randn(3, 3, s, s, generator=gen)
    txt2 = torch.tensor([tokenize(t) for t in PARITY_TEXTS[:2]], dtype=torch.long)
    txt3 = torch.tensor([tokenize(t) for t in PARITY_TEXTS], dtype=torch.long)
    if txt3.shape[1] != ctx:
        sys.exit(f"the tokenizer gives {txt3.shape[1]} ids a text, context_length is {ctx}; not exported")
    wrapper = Export(model).eval()
    with torch.no_grad():
        if text_module is None:
            traced = torch.jit.trace_module(wrapper, {"encode_image": img2, "encode_text": txt2}, check_trace=False)
        else:
            visual = torch.jit.trace(ImageOnly(model).eval(), img2, check_trace=False)
            traced = torch.jit.script(PlainTextExport(visual, text_module.eval()))
        for name, x in (("encode_image", img3), ("encode_text", txt3)):
            want = getattr(wrapper, name)(x)
            got = getattr(traced, name)(x)
            err = (want - got).abs().max().item()
            if want.shape != got.shape or err > 1e-4:
                sys.exit(f"exported {name} differs from eager on another batch size (max diff {err}); not exported")
        if pad_id is not None:  # a text alone and in a batch with longer texts: padding must not count
            alone = traced.encode_text(txt3[:1])
            err = (alone - wrapper.encode_text(txt3)[:1]).abs().max().item()
            if err > 1e-4:
                sys.exit(f"exported encode_text depends on the batch (max diff {err}); not exported")
        path = os.path.join(out, "model.pt")
        traced.save(path)
        config["torchscript"] = "model.pt"
        if vocab_path is not None:
            config["tokenizer"] = os.path.basename(vocab_path)
            if os.path.abspath(vocab_path) != os.path.abspath(os.path.join(out, config["tokenizer"])):
                shutil.copy(vocab_path, os.path.join(out, config["tokenizer"]))
        rows = []
        for t, e in zip(PARITY_TEXTS, wrapper.encode_text(txt3)):
            ids = tokenize(t)
            row = {"text": t, "ids": ids}
            if pad_id is not None:
                row["attention_mask"] = [int(i != pad_id) for i in ids]
            row["embedding"] = e.tolist()
            rows.append(row)
        parity = {"texts": rows}
        if check_image is not None:
            pixels, name = check_image
            parity["image"] = {"file": name, "embedding": wrapper.encode_image(pixels[None])[0].tolist()}
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=1)
    with open(os.path.join(out, "parity.json"), "w") as f:
        json.dump(parity, f)
    print(f"exported {config['model_id']} to {out} ({os.path.getsize(path) / 1e6:.0f} MB)")


# --- open_clip -------------------------------------------------------------------------------------

def tolerate_old_configs(open_clip):
    """Makes open_clip's hub-config reader drop the vision_cfg / text_cfg keys this open_clip's
    CLIPVisionCfg / CLIPTextCfg do not know (DermLIP-PanDerm's "pretrain_path", written by the Derm1M
    fork, which upstream's dataclasses reject), and clear a pretrain_path whose file is not here (the
    fork reads it while building; the hub checkpoint loaded afterwards replaces those weights).
    Returns the dict of what was dropped or cleared, filled in as configs are read."""
    changed = {}
    factory = getattr(open_clip, "factory", None)
    get = getattr(factory, "_get_hf_config", None)
    try:
        from open_clip.model import CLIPTextCfg, CLIPVisionCfg
    except ImportError:
        return changed
    if get is None:
        print("note: this open_clip has no factory._get_hf_config; hub configs are read unchanged", file=sys.stderr)
        return changed
    known = {"vision_cfg": {f.name for f in dataclasses.fields(CLIPVisionCfg)},
             "text_cfg": {f.name for f in dataclasses.fields(CLIPTextCfg)}}

    def read(model_id, *args, **kwargs):
        config = copy.deepcopy(get(model_id, *args, **kwargs))
        model_cfg = config.get("model_cfg", config)
        for part, names in known.items():
            sub = model_cfg.get(part)
            if not isinstance(sub, dict):
                continue
            for key in sorted(set(sub) - names):
                changed[f"{part}.{key}"] = sub.pop(key)
                print(f"note: {model_id}: {part}.{key} = {changed[f'{part}.{key}']!r} is unknown to this "
                      f"open_clip; dropped", file=sys.stderr)
            p = sub.get("pretrain_path")
            if isinstance(p, str) and not os.path.exists(p):
                changed[f"{part}.pretrain_path"] = p
                sub["pretrain_path"] = None
                print(f"note: {model_id}: {part}.pretrain_path {p!r} is not here; cleared (the checkpoint "
                      f"holds those weights)", file=sys.stderr)
        return config

    factory._get_hf_config = read
    return changed


def create(open_clip, model_id, changed):
    try:
        return open_clip.create_model_and_transforms(model_id)
    except (RuntimeError, ModuleNotFoundError, ImportError) as e:
        if "vision_cfg.pretrain_path" in changed:
            sys.exit(f"{model_id} could not be built ({type(e).__name__}: {str(e)[:500]}).\n"
                     "Its vision tower is PanDerm's CAE ViT, which only the Derm1M fork of open_clip builds: "
                     "run with PYTHONPATH=<Derm1M>/src (the fork's open_clip and its CAE package), "
                     "see this script's help.")
        raise


def hf_text_tower(model):
    """open_clip's HFTextEncoder of a model (CustomTextCLIP.text), or None."""
    text = getattr(model, "text", None)
    if text is not None and all(hasattr(text, a) for a in ("transformer", "config", "pooler", "proj")):
        return text
    return None


def pooling_of(text):
    name = type(text.pooler).__name__
    if name == "MeanPooler":
        return "mean"
    if name == "ClsLastHiddenStatePooler" or (name == "ClsPooler" and (
            not getattr(text.pooler, "use_pooler_output", True)
            or getattr(text.transformer, "pooler", None) is None)):
        return "cls"
    if name == "ClsPooler":
        return "cls_pooler_output"
    return {"MaxPooler": "max"}.get(name, name)


def projection_of(text):
    p = text.proj
    if isinstance(p, nn.Identity):
        return "none"
    if isinstance(p, nn.Linear) and p.bias is None:
        return "linear"
    kinds = [type(m).__name__ for m in p] if isinstance(p, nn.Sequential) else []
    if kinds == ["Linear", "GELU", "Linear"] and p[0].bias is None and p[2].bias is None:
        return "mlp"
    return "+".join(kinds) or type(p).__name__


def clean_kind(tokenizer):
    import open_clip.tokenizer as oct
    fn = getattr(tokenizer, "clean_fn", None)
    for name, kind in (("_clean_whitespace", "whitespace"), ("_clean_lower", "lower"),
                       ("_clean_canonicalize", "canonicalize"), ("_clean_whitespace_underscore", "whitespace_underscore")):
        if fn is not None and fn is getattr(oct, name, None):
            return kind
    return getattr(fn, "__name__", "unknown")


def write_hf_tokenizer(tokenizer, path, context, pad_id):
    """Writes the fast tokenizer behind open_clip's HFTokenizer as a tokenizer.json that truncates
    to and pads to `context` with `pad_id`, as HFTokenizer calls it (max_length padding, truncation),
    and checks it gives open_clip's ids for TOKENIZER_TEXTS (after open_clip's clean)."""
    hf = getattr(tokenizer, "tokenizer", None)
    backend = getattr(hf, "backend_tokenizer", None)
    if backend is None:
        sys.exit(f"the text tower's tokenizer ({type(hf).__name__}) is not a fast HuggingFace tokenizer: "
                 "no tokenizer.json to write")
    from tokenizers import Tokenizer
    tok = Tokenizer.from_str(backend.to_str())
    tok.enable_truncation(max_length=context)
    tok.enable_padding(pad_id=pad_id, pad_token=hf.pad_token or "[PAD]", length=context)
    tok.save(path)
    tok = Tokenizer.from_file(path)
    clean = getattr(tokenizer, "clean_fn", lambda t: t)
    for t in TOKENIZER_TEXTS:
        want = tokenizer([t])[0].tolist()
        got = tok.encode(clean(t)).ids
        if got != want:
            sys.exit(f"tokenizer.json gives other ids than open_clip for {t[:60]!r}:\n {got[:40]}\n {want[:40]}")
    return tok


def check_reference_tokenizer(path, tokenizer, context):
    """Whether wordpiece_reference.py (the fixtures' tokenizer) reads this tokenizer.json as open_clip
    tokenizes: a warning, not a failure (the Java side runs the real tokenizers library)."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import wordpiece_reference
    try:
        ref = wordpiece_reference.WordPiece.from_json(path)
    except (ValueError, KeyError) as e:
        print(f"note: wordpiece_reference.py does not read {path}: {e}", file=sys.stderr)
        return
    bad = [t[:40] for t in TOKENIZER_TEXTS if ref.tokenize(t, context) != tokenizer([t])[0].tolist()]
    print("wordpiece_reference.py agrees with open_clip's tokenizer" if not bad else
          f"warning: wordpiece_reference.py differs from open_clip's tokenizer for {bad}", file=sys.stderr)


def plain_bert(text, embed_dim, pooling, projection):
    """bert_clip.BertText with the weights of an open_clip HFTextEncoder over a BERT, or why not."""
    c = text.config
    why = []
    if getattr(c, "model_type", None) != "bert":
        why.append(f"model_type {getattr(c, 'model_type', None)!r}")
    if getattr(c, "hidden_act", "gelu") != "gelu":
        why.append(f"hidden_act {c.hidden_act!r}")
    if getattr(c, "position_embedding_type", "absolute") != "absolute":
        why.append(f"position_embedding_type {c.position_embedding_type!r}")
    if pooling not in ("mean", "cls"):
        why.append(f"pooling {pooling!r}")
    if projection not in ("mlp", "linear", "none"):
        why.append(f"projection {projection!r}")
    if why:
        return None, ", ".join(why)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import bert_clip
    plain = bert_clip.BertText(embed_dim=embed_dim, vocab=c.vocab_size, width=c.hidden_size,
                               layers=c.num_hidden_layers, heads=c.num_attention_heads,
                               inner=c.intermediate_size, max_positions=c.max_position_embeddings,
                               type_vocab=c.type_vocab_size, eps=c.layer_norm_eps, pad_id=c.pad_token_id,
                               pooling=pooling, proj=projection)
    sd = {k: v for k, v in text.state_dict().items() if not k.startswith("transformer.pooler.")}
    try:
        plain.load_hf_state_dict(sd)
    except ValueError as e:
        return None, str(e)[:300]
    return plain.eval(), None


def from_open_clip(model_id, out, image, text_impl="trace"):
    import open_clip
    from open_clip.tokenizer import SimpleTokenizer
    changed = tolerate_old_configs(open_clip)
    model, _, preprocess = create(open_clip, model_id, changed)
    model = model.eval()
    tokenizer = open_clip.get_tokenizer(model_id)
    text = hf_text_tower(model)
    if text is None and not isinstance(getattr(tokenizer, "tokenizer", tokenizer), SimpleTokenizer) and \
            not isinstance(tokenizer, SimpleTokenizer):
        sys.exit(f"{model_id} does not use CLIP's BPE tokenizer or a HuggingFace text tower; not supported")
    pp = open_clip.get_model_preprocess_cfg(model) if hasattr(open_clip, "get_model_preprocess_cfg") else {}
    size = pp.get("size") or getattr(model.visual, "image_size", None) or 224
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
    tokenize = lambda t: tokenizer([t])[0].tolist()  # noqa: E731
    if text is None:
        if text_impl != "trace":
            sys.exit("--text-impl plain is for HuggingFace BERT text towers")
        export(model, config, out, open_clip.tokenizer.default_bpe(), tokenize, check)
        return
    # a HuggingFace text tower (open_clip's HFTextEncoder): its tokenizer's context (text_cfg
    # context_length, 256 for DermLIP-PanDerm), not the model's (max_position_embeddings, 512)
    if getattr(tokenizer, "strip_sep_token", False) or getattr(tokenizer, "tokenizer_mode", "") not in ("", None):
        sys.exit(f"{model_id}: its HFTokenizer strips [SEP] or has a tokenizer_mode; a tokenizer.json cannot say so")
    context = int(tokenizer.context_length)
    hf_pad = tokenizer.tokenizer.pad_token_id
    pad_id = int(text.config.pad_token_id)
    if hf_pad is not None and int(hf_pad) != pad_id:
        sys.exit(f"{model_id}: the tokenizer pads with {hf_pad}, the text tower masks id {pad_id}")
    pooling, projection = pooling_of(text), projection_of(text)
    os.makedirs(out, exist_ok=True)
    tok_path = os.path.join(out, "tokenizer.json")
    write_hf_tokenizer(tokenizer, tok_path, context, pad_id)
    check_reference_tokenizer(tok_path, tokenizer, context)
    config.update({
        "context_length": context, "vocab_size": int(text.config.vocab_size), "tokenizer": "tokenizer.json",
        "tokenizer_kind": "wordpiece" if text.config.model_type == "bert" else "hf",
        "text_tower": f"hf-{text.config.model_type}", "pooling": pooling, "text_projection": projection,
        "pad_id": pad_id, "text_input": "ids", "text_clean": clean_kind(tokenizer),
        "max_positions": int(getattr(text.config, "max_position_embeddings", context)),
        "hf_model_name": getattr(text.config, "_name_or_path", None) or None,
    })
    if config["text_clean"] != "whitespace":
        print(f"warning: the tokenizer cleans texts with {config['text_clean']!r}; the Java side does 'whitespace'",
              file=sys.stderr)
    plain, why = plain_bert(text, config["embed_dim"], pooling, projection)
    if plain is None:
        print(f"note: no plain-PyTorch re-creation of this text tower ({why})", file=sys.stderr)
        if text_impl == "plain":
            sys.exit("--text-impl plain: not possible for this tower")
    else:
        ids = torch.tensor([tokenize(t) for t in PARITY_TEXTS])
        with torch.no_grad():
            err = (plain(ids) - model.encode_text(ids)).abs().max().item()
        print(f"bert_clip.BertText with the tower's weights: max diff {err:.2e} from open_clip's encode_text")
        if text_impl == "plain" and err > 1e-4:
            sys.exit("--text-impl plain: the plain tower differs from open_clip's; not exported")
    export(model, config, out, None, tokenize, check, plain if text_impl == "plain" else None, pad_id)


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
    p.add_argument("--text-impl", choices=("trace", "plain"), default="trace",
                   help="HuggingFace BERT text towers: trace transformers' model (default) or export "
                        "bert_clip.BertText with its weights")
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.random_vit_b16:
        random_vit_b16(a.out, a.vocab)
    elif a.model:
        from_open_clip(a.model, a.out, a.image, a.text_impl)
    else:
        p.error("give --model or --random-vit-b16")


if __name__ == "__main__":
    main()
