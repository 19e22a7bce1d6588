"""Runs export_open_clip.py's open_clip path against stand-ins of open_clip, transformers' BERT and
the tokenizers library (none of which this machine has), to catch mistakes in its logic; run from
the repository root with Debian's /usr/bin/python3:

  /usr/bin/python3 embeddings/tools/check_export_hf_stub.py

The stand-ins copy the interfaces export_open_clip.py uses, as open_clip (upstream and the Derm1M
fork) defines them: a hub config read through open_clip.factory._get_hf_config and turned into
CLIPVisionCfg / CLIPTextCfg dataclasses (which reject unknown keys, as upstream does with
DermLIP-PanDerm's "pretrain_path"), a CustomTextCLIP with an HFTextEncoder (mask = ids != pad
token id, MeanPooler, the "mlp" projection) over a BERT written here in HuggingFace's layout and
parameter names (eager attention with an additive finfo.min mask), an HFTokenizer (open_clip's
whitespace clean, max_length padding) and a tokenizers.Tokenizer that runs tokenizer.json with
wordpiece_reference.py. What they cannot show: that the real libraries behave as copied here
(transformers' BertModel under torch.jit.trace above all). Exports, with --text-impl trace and
plain, the BERT-tower model (tokenizer from fixtures/tiny-bert-clip) and a CLIP-BPE model (the
tiny-clip shape), reloads each model.pt and checks config.json, tokenizer.json and parity.json.
Prints 'N passed, N failed' last. With --keep DIR the exports are copied to DIR (bert-trace,
bert-plain, clip) for the Java side to load (ExportedModelsTest).
"""
import dataclasses
import json
import math
import os
import sys
import tempfile
import types
from typing import Optional

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bert_clip  # noqa: E402
import clip_model  # noqa: E402
import clip_reference  # noqa: E402
import wordpiece_reference as wp  # noqa: E402

TOKENIZER = "embeddings/src/test/resources/fixtures/tiny-bert-clip/tokenizer.json"
CLIP_VOCAB = "embeddings/src/test/resources/fixtures/clip/vocab-2k.txt"
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print(("ok   " if ok else "FAIL ") + name + (f" ({detail})" if detail else ""))


# --- transformers' BertModel, HuggingFace layout ---------------------------------------------------

class Cfg(types.SimpleNamespace):
    pass


class HFSelf(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.h, self.d = c.num_attention_heads, c.hidden_size // c.num_attention_heads
        self.query, self.key, self.value = (nn.Linear(c.hidden_size, c.hidden_size) for _ in range(3))

    def forward(self, x, ext):
        def heads(t):
            return t.view(t.shape[0], t.shape[1], self.h, self.d).transpose(1, 2)
        q, k, v = heads(self.query(x)), heads(self.key(x)), heads(self.value(x))
        s = q @ k.transpose(-1, -2) / math.sqrt(self.d) + ext
        return (s.softmax(-1) @ v).transpose(1, 2).reshape(x.shape)


class HFOut(nn.Module):
    def __init__(self, n_in, c):
        super().__init__()
        self.dense = nn.Linear(n_in, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, h, res):
        return self.LayerNorm(self.dropout(self.dense(h)) + res)


class HFAttention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.self = HFSelf(c)
        self.output = HFOut(c.hidden_size, c)


class HFLayer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.attention = HFAttention(c)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(c.hidden_size, c.intermediate_size)
        self.output = HFOut(c.intermediate_size, c)

    def forward(self, x, ext):
        a = self.attention.output(self.attention.self(x, ext), x)
        return self.output(nn.functional.gelu(self.intermediate.dense(a)), a)


class HFBertModel(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.config = c
        e = self.embeddings = nn.Module()
        e.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        e.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        e.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        e.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        e.register_buffer("position_ids", torch.arange(c.max_position_embeddings).expand((1, -1)))
        e.register_buffer("token_type_ids", torch.zeros(1, c.max_position_embeddings, dtype=torch.long))
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList([HFLayer(c) for _ in range(c.num_hidden_layers)])

    def forward(self, input_ids, attention_mask):
        e, n = self.embeddings, input_ids.shape[1]
        x = e.word_embeddings(input_ids) + e.token_type_embeddings(e.token_type_ids[:, :n].expand_as(input_ids))
        x = e.LayerNorm(x + e.position_embeddings(e.position_ids[:, :n]))
        ext = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.encoder.layer:
            x = layer(x, ext)
        return types.SimpleNamespace(last_hidden_state=x)


# --- open_clip ------------------------------------------------------------------------------------

class MeanPooler(nn.Module):
    def forward(self, x, attention_mask):
        masked_output = x.last_hidden_state * attention_mask.unsqueeze(-1)
        return masked_output.sum(dim=1) / attention_mask.sum(-1, keepdim=True)


class HFTextEncoder(nn.Module):
    def __init__(self, c, output_dim):
        super().__init__()
        self.config = c
        self.transformer = HFBertModel(c)
        self.pooler = MeanPooler()
        hidden = (c.hidden_size + output_dim) // 2
        self.proj = nn.Sequential(nn.Linear(c.hidden_size, hidden, bias=False), nn.GELU(),
                                  nn.Linear(hidden, output_dim, bias=False))
        self.vocab_size, self.context_length = c.vocab_size, c.max_position_embeddings

    def forward(self, x):
        attn_mask = (x != self.config.pad_token_id).long()
        out = self.transformer(input_ids=x, attention_mask=attn_mask)
        return self.proj(self.pooler(out, attn_mask))


class CustomTextCLIP(nn.Module):
    def __init__(self, visual, text):
        super().__init__()
        self.visual, self.text = visual, text
        self.context_length, self.vocab_size = text.context_length, text.vocab_size
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(1 / 0.07))

    def encode_image(self, image, normalize: bool = False):
        return self.visual(image)

    def encode_text(self, text, normalize: bool = False):
        return self.text(text)


@dataclasses.dataclass
class CLIPVisionCfg:  # upstream's: no pretrain_path
    layers: int = 12
    width: int = 768
    patch_size: int = 16
    image_size: int = 224


@dataclasses.dataclass
class ForkCLIPVisionCfg(CLIPVisionCfg):  # the Derm1M fork's: pretrain_path read while building
    pretrain_path: Optional[str] = None


@dataclasses.dataclass
class CLIPTextCfg:
    context_length: int = 77
    hf_model_name: Optional[str] = None
    hf_tokenizer_name: Optional[str] = None
    hf_pooler_type: str = "mean_pooler"
    hf_proj_type: str = "mlp"


def _clean_whitespace(text):
    return wp.clean_keep_case(text)


class FakeHF:
    """transformers' BertTokenizerFast, as far as export_open_clip.py looks."""
    pad_token, pad_token_id = "[PAD]", 0

    def __init__(self, tj):
        bare = dict(tj, truncation=None, padding=None)
        self.backend_tokenizer = types.SimpleNamespace(to_str=lambda: json.dumps(bare))


class HFTokenizer:
    def __init__(self, context_length):
        with open(TOKENIZER, encoding="utf-8") as f:
            self.tokenizer = FakeHF(json.load(f))
        self.ref = wp.WordPiece.from_json(TOKENIZER)
        self.context_length, self.clean_fn, self.strip_sep_token = context_length, _clean_whitespace, False

    def __call__(self, texts):
        texts = [texts] if isinstance(texts, str) else texts
        return torch.tensor([self.ref.encode(self.clean_fn(t), self.context_length, clean=False)[0] for t in texts])


class SimpleTokenizer:
    def __init__(self):
        self.ref = clip_reference.Tokenizer(CLIP_VOCAB, vocab_size=2514)

    def __call__(self, texts):
        texts = [texts] if isinstance(texts, str) else texts
        return torch.tensor([self.ref.tokenize(t) for t in texts])


class Tokenizer:
    """tokenizers.Tokenizer, running the file with wordpiece_reference.py."""

    def __init__(self, tj):
        self.tj = tj

    @classmethod
    def from_str(cls, s):
        return cls(json.loads(s))

    @classmethod
    def from_file(cls, path):
        with open(path, encoding="utf-8") as f:
            return cls(json.load(f))

    def enable_truncation(self, max_length):
        self.tj["truncation"] = {"direction": "Right", "max_length": max_length, "strategy": "LongestFirst",
                                 "stride": 0}

    def enable_padding(self, pad_id=0, pad_token="[PAD]", length=None):
        self.tj["padding"] = {"strategy": {"Fixed": length}, "direction": "Right", "pad_to_multiple_of": None,
                              "pad_id": pad_id, "pad_type_id": 0, "pad_token": pad_token}

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.tj, f, ensure_ascii=False)

    def encode(self, text):
        ref = wp.WordPiece.from_json(self.tj)
        ids, _ = ref.encode(text, self.tj["truncation"]["max_length"], clean=False)
        return types.SimpleNamespace(ids=ids)


HUB = {
    "stub/tiny-bert": {"model_cfg": {
        "embed_dim": 24,
        "vision_cfg": {"image_size": 32, "layers": 2, "width": 32, "patch_size": 8,
                       "pretrain_path": "data/pretrain_weight/panderm-base-vit.pth"},
        "text_cfg": {"context_length": 256, "hf_model_name": "stub/bert", "hf_tokenizer_name": "stub/bert",
                     "hf_pooler_type": "mean_pooler"}},
        "preprocess_cfg": {"mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]}},
    "stub/tiny-clip": {"model_cfg": {"embed_dim": 32, "vision_cfg": {"image_size": 32}, "text_cfg": {}}},
}
FAIL_LOADING = []  # set to make the stand-in fail as upstream does on PanDerm's CAE weights
SEEN = []  # the vision_cfg each model was built from


def _get_hf_config(model_id, cache_dir=None):
    return json.loads(json.dumps(HUB[model_id]))


def create_model_and_transforms(name):
    model_id = name[len("hf-hub:"):]
    cfg = sys.modules["open_clip.factory"]._get_hf_config(model_id)["model_cfg"]
    SEEN.append(dict(cfg["vision_cfg"]))
    vision = sys.modules["open_clip.model"].CLIPVisionCfg(**cfg["vision_cfg"])
    text = CLIPTextCfg(**cfg["text_cfg"])
    if getattr(vision, "pretrain_path", None) is not None:
        raise FileNotFoundError(vision.pretrain_path)  # the fork's torch.load of the PanDerm weights
    torch.manual_seed(7)
    if text.hf_model_name:
        c = Cfg(model_type="bert", vocab_size=2048, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                intermediate_size=64, max_position_embeddings=512, type_vocab_size=2, layer_norm_eps=1e-12,
                pad_token_id=0, hidden_act="gelu", position_embedding_type="absolute", _name_or_path="stub/bert")
        visual = bert_clip.VisionTower(cfg["embed_dim"], vision.image_size, vision.patch_size, vision.width,
                                       vision.layers, 4)
        model = CustomTextCLIP(visual, HFTextEncoder(c, cfg["embed_dim"]))
    else:
        model = clip_model.Clip(embed_dim=32, image_size=32, patch=8, vision_width=32, vision_layers=2,
                                vision_heads=4, context=77, vocab=2514, text_width=32, text_layers=2,
                                text_heads=4, quick_gelu=True)
        model.visual = types.SimpleNamespace(image_size=32)  # what open_clip's CLIP has besides
        model.context_length, model.vocab_size = 77, 2514
    if FAIL_LOADING:
        raise RuntimeError("Error(s) in loading state_dict for CustomTextCLIP: Missing key(s): visual.proj")
    model.preprocess_cfg = dict(size=32, **_get_hf_config(model_id).get("preprocess_cfg", {}))
    return model, None, None


def get_tokenizer(name):
    model_id = name[len("hf-hub:"):]
    text_cfg = sys.modules["open_clip.factory"]._get_hf_config(model_id)["model_cfg"]["text_cfg"]
    return HFTokenizer(text_cfg["context_length"]) if "hf_tokenizer_name" in text_cfg else SimpleTokenizer()


def install_stand_ins():
    oc = types.ModuleType("open_clip")
    factory, model, tokenizer = (types.ModuleType(f"open_clip.{n}") for n in ("factory", "model", "tokenizer"))
    factory._get_hf_config = _get_hf_config
    model.CLIPVisionCfg, model.CLIPTextCfg = CLIPVisionCfg, CLIPTextCfg
    tokenizer.SimpleTokenizer, tokenizer.HFTokenizer = SimpleTokenizer, HFTokenizer
    tokenizer._clean_whitespace = _clean_whitespace
    tokenizer.default_bpe = lambda: CLIP_VOCAB
    oc.factory, oc.model, oc.tokenizer = factory, model, tokenizer
    oc.create_model_and_transforms, oc.get_tokenizer = create_model_and_transforms, get_tokenizer
    oc.get_model_preprocess_cfg = lambda m: m.preprocess_cfg
    tk = types.ModuleType("tokenizers")
    tk.Tokenizer = Tokenizer
    sys.modules.update({"open_clip": oc, "open_clip.factory": factory, "open_clip.model": model,
                        "open_clip.tokenizer": tokenizer, "tokenizers": tk})


def reloaded_parity(out, pad_id=None):
    model = torch.jit.load(f"{out}/model.pt")
    with open(f"{out}/parity.json") as f:
        parity = json.load(f)
    ids = torch.tensor([t["ids"] for t in parity["texts"]])
    with torch.no_grad():
        err = (model.encode_text(ids) - torch.tensor([t["embedding"] for t in parity["texts"]])).abs().max().item()
    masks_ok = pad_id is None or all(t["attention_mask"] == [int(i != pad_id) for i in t["ids"]]
                                     for t in parity["texts"])
    return model, parity, err, masks_ok


def main():
    install_stand_ins()
    import export_open_clip as ex
    with open(TOKENIZER, encoding="utf-8") as f:
        fixture_tj = json.load(f)
    with tempfile.TemporaryDirectory() as tmp:
        for impl in ("trace", "plain"):
            out = f"{tmp}/bert-{impl}"
            factory = sys.modules["open_clip.factory"]
            factory._get_hf_config = _get_hf_config  # undo the previous run's wrapping
            ex.from_open_clip("hf-hub:stub/tiny-bert", out, None, impl)
            with open(f"{out}/config.json") as f:
                cfg = json.load(f)
            want = {"context_length": 256, "vocab_size": 2048, "tokenizer": "tokenizer.json",
                    "tokenizer_kind": "wordpiece", "text_tower": "hf-bert", "pooling": "mean",
                    "text_projection": "mlp", "pad_id": 0, "text_input": "ids", "text_clean": "whitespace",
                    "max_positions": 512, "embed_dim": 24, "image_size": 32, "mean": [0.5, 0.5, 0.5],
                    "torchscript": "model.pt", "activation": "gelu"}
            bad = {k: cfg.get(k) for k, v in want.items() if cfg.get(k) != v}
            check(f"[{impl}] config.json of a BERT-tower model", not bad, f"differ: {bad}" if bad else "")
            with open(f"{out}/tokenizer.json", encoding="utf-8") as f:
                tj = json.load(f)
            check(f"[{impl}] tokenizer.json = the tokenizer, truncating and padding to 256",
                  tj == fixture_tj, "" if tj == fixture_tj else "differs from fixtures/tiny-bert-clip's")
            model, parity, err, masks_ok = reloaded_parity(out, 0)
            check(f"[{impl}] model.pt reproduces parity.json", err <= 1e-5, f"max diff {err:.2e}")
            check(f"[{impl}] parity.json attention masks = ids != 0", masks_ok)
            schema = str(model.encode_text.schema)
            check(f"[{impl}] exported encode_text takes the ids only", len(model.encode_text.schema.arguments) == 2,
                  schema)
        check("upstream: vision_cfg.pretrain_path dropped before CLIPVisionCfg", "pretrain_path" not in SEEN[-1])
        sys.modules["open_clip.model"].CLIPVisionCfg = ForkCLIPVisionCfg
        sys.modules["open_clip.factory"]._get_hf_config = _get_hf_config
        ex.from_open_clip("hf-hub:stub/tiny-bert", f"{tmp}/fork", None)
        check("fork: a pretrain_path that is not here is cleared", SEEN[-1].get("pretrain_path", 1) is None)
        sys.modules["open_clip.model"].CLIPVisionCfg = CLIPVisionCfg

        FAIL_LOADING.append(True)
        sys.modules["open_clip.factory"]._get_hf_config = _get_hf_config
        try:
            ex.from_open_clip("hf-hub:stub/tiny-bert", f"{tmp}/fails", None)
            check("a PanDerm checkpoint upstream cannot load ends with the fork advice", False, "no exit")
        except SystemExit as e:
            check("a PanDerm checkpoint upstream cannot load ends with the fork advice", "Derm1M" in str(e))
        FAIL_LOADING.clear()

        out = f"{tmp}/clip"
        ex.from_open_clip("hf-hub:stub/tiny-clip", out, None)
        with open(f"{out}/config.json") as f:
            cfg = json.load(f)
        ok = cfg["tokenizer"] == "vocab-2k.txt" and cfg["context_length"] == 77 and "text_tower" not in cfg \
            and os.path.exists(f"{out}/vocab-2k.txt")
        check("CLIP-BPE model: config.json and vocabulary as before", ok, str({k: cfg.get(k) for k in ("tokenizer", "context_length")}))
        _, _, err, _ = reloaded_parity(out)
        check("CLIP-BPE model: model.pt reproduces parity.json", err <= 1e-5, f"max diff {err:.2e}")
        if "--keep" in sys.argv:
            import shutil
            keep = sys.argv[sys.argv.index("--keep") + 1]
            for name in ("bert-trace", "bert-plain", "clip"):
                shutil.copytree(f"{tmp}/{name}", f"{keep}/{name}", dirs_exist_ok=True)
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
