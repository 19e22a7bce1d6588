"""A CLIP model with a BERT text tower, in plain PyTorch, written for this project from the
architecture DERMLIP.md and open_clip's HFTextEncoder describe (DermLIP-PanDerm: PubMedBERT,
BERT-base uncased, mean pooling, an MLP projection). Scriptable with torch.jit.script, exporting
encode_image and encode_text: the model format the Java runtime loads. Used for the tiny test model
(fixtures/tiny-bert-clip) and by export_open_clip.py to re-create an open_clip HF BERT tower from
its weights (a cross-check, or the exported text tower with --text-impl plain).

Text tower = open_clip's HFTextEncoder around a HuggingFace BertModel without its pooling layer:
  mask   = (ids != pad_id)                       derived inside, as HFTextEncoder does: the Java side
                                                 passes only the ids
  x      = LayerNorm(word[ids] + token_type[0] + position[0..L-1])        (eps 1e-12)
  layers = post-LN: x = LN(x + Attn(x, keys where mask)), x = LN(x + W2 gelu(W1 x))   (erf GELU)
  pooled = (x * mask[..., None]).sum(1) / mask.sum(-1, keepdim=True)     open_clip's MeanPooler
           (or x[:, 0] for pooling "cls": open_clip's ClsPooler without HF's pooling layer)
  out    = proj(pooled): "mlp" Linear(w, (w+e)//2, no bias), GELU, Linear(.., e, no bias) (open_clip's
           hf_proj_type default), "linear" Linear(w, e, no bias), or "none"
Parameter names follow HuggingFace's BertModel under "transformer." and open_clip's "proj.", except
"attention.self." which is "attention.attn." here (TorchScript cannot name a module "self"):
from_hf_state_dict maps them.

Image tower: the ViT of clip_model.Clip (class-token pooling, pre-LN), here as its own module.
"""
import math
from typing import Optional

import torch
from torch import nn

from clip_model import Block


class BertEmbeddings(nn.Module):
    def __init__(self, vocab: int, width: int, max_positions: int, type_vocab: int, eps: float):
        super().__init__()
        self.word_embeddings = nn.Embedding(vocab, width)
        self.position_embeddings = nn.Embedding(max_positions, width)
        self.token_type_embeddings = nn.Embedding(type_vocab, width)
        self.LayerNorm = nn.LayerNorm(width, eps=eps)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        types = torch.zeros_like(ids)
        x = self.word_embeddings(ids) + self.token_type_embeddings(types)  # HF's order of the sums
        x = x + self.position_embeddings(positions)
        return self.LayerNorm(x)


class SelfAttention(nn.Module):
    def __init__(self, width: int, heads: int):
        super().__init__()
        self.heads = heads
        self.head_dim = width // heads
        self.query = nn.Linear(width, width)
        self.key = nn.Linear(width, width)
        self.value = nn.Linear(width, width)

    def split(self, x: torch.Tensor) -> torch.Tensor:
        return x.view(x.shape[0], x.shape[1], self.heads, self.head_dim).permute(0, 2, 1, 3)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        q, k, v = self.split(self.query(x)), self.split(self.key(x)), self.split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        scores = scores.masked_fill(~keep[:, None, None, :], float("-inf"))  # padded keys get weight 0
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v)
        return ctx.permute(0, 2, 1, 3).reshape(x.shape[0], x.shape[1], -1)


class DenseNorm(nn.Module):
    """HF's BertSelfOutput / BertOutput: LayerNorm(dense(h) + residual)."""

    def __init__(self, width_in: int, width: int, eps: float):
        super().__init__()
        self.dense = nn.Linear(width_in, width)
        self.LayerNorm = nn.LayerNorm(width, eps=eps)

    def forward(self, h: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dense(h) + residual)


class Attention(nn.Module):
    def __init__(self, width: int, heads: int, eps: float):
        super().__init__()
        self.attn = SelfAttention(width, heads)  # HF: attention.self
        self.output = DenseNorm(width, width, eps)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        return self.output(self.attn(x, keep), x)


class Intermediate(nn.Module):
    def __init__(self, width: int, inner: int):
        super().__init__()
        self.dense = nn.Linear(width, inner)
        self.act = nn.GELU()  # HF hidden_act "gelu": the erf form

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.act(self.dense(x))


class BertLayer(nn.Module):
    def __init__(self, width: int, heads: int, inner: int, eps: float):
        super().__init__()
        self.attention = Attention(width, heads, eps)
        self.intermediate = Intermediate(width, inner)
        self.output = DenseNorm(inner, width, eps)

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, keep)
        return self.output(self.intermediate(x), x)


class BertEncoder(nn.Module):
    def __init__(self, width: int, layers: int, heads: int, inner: int, eps: float):
        super().__init__()
        self.layer = nn.ModuleList([BertLayer(width, heads, inner, eps) for _ in range(layers)])

    def forward(self, x: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        for blk in self.layer:
            x = blk(x, keep)
        return x


class BertModel(nn.Module):
    def __init__(self, vocab: int, width: int, layers: int, heads: int, inner: int, max_positions: int,
                 type_vocab: int, eps: float):
        super().__init__()
        self.embeddings = BertEmbeddings(vocab, width, max_positions, type_vocab, eps)
        self.encoder = BertEncoder(width, layers, heads, inner, eps)

    def forward(self, ids: torch.Tensor, keep: torch.Tensor) -> torch.Tensor:
        return self.encoder(self.embeddings(ids), keep)


class BertText(nn.Module):
    """open_clip's HFTextEncoder over a BERT: ids [N, L] (L <= max_positions) -> [N, embed_dim]."""
    pad_id: int
    mean_pool: bool

    def __init__(self, embed_dim=512, vocab=30522, width=768, layers=12, heads=12, inner=None,
                 max_positions=512, type_vocab=2, eps=1e-12, pad_id=0, pooling="mean", proj="mlp"):
        super().__init__()
        if pooling not in ("mean", "cls"):
            raise ValueError(f"pooling {pooling!r}: mean or cls")
        self.pad_id = pad_id
        self.mean_pool = pooling == "mean"
        self.transformer = BertModel(vocab, width, layers, heads, inner or 4 * width, max_positions,
                                     type_vocab, eps)
        if proj == "mlp":
            hidden = (width + embed_dim) // 2
            self.proj = nn.Sequential(nn.Linear(width, hidden, bias=False), nn.GELU(),
                                      nn.Linear(hidden, embed_dim, bias=False))
        elif proj == "linear":
            self.proj = nn.Sequential(nn.Linear(width, embed_dim, bias=False))
        elif proj == "none":
            self.proj = nn.Sequential()
        else:
            raise ValueError(f"proj {proj!r}: mlp, linear or none")
        self.proj_kind = proj

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        keep = ids != self.pad_id
        mask = keep.long()
        x = self.transformer(ids, keep)
        if self.mean_pool:
            pooled = (x * mask.unsqueeze(-1)).sum(dim=1) / mask.sum(-1, keepdim=True)
        else:
            pooled = x[:, 0, :]
        return self.proj(pooled)

    def hf_state_dict_keys(self, keys):
        """Maps parameter names of open_clip's HFTextEncoder (text.transformer.* of a BertModel,
        text.proj.*) to this module's."""
        out = {}
        for k in keys:
            mine = k.replace(".attention.self.", ".attention.attn.")
            if self.proj_kind == "linear" and mine == "proj.weight":
                mine = "proj.0.weight"
            out[k] = mine
        return out

    def load_hf_state_dict(self, sd):
        """Loads the state dict of an open_clip HFTextEncoder (BERT). HF buffers (position_ids,
        token_type_ids) and nothing else may be left over; every parameter here must be set."""
        names = self.hf_state_dict_keys(sd.keys())
        mine = {names[k]: v for k, v in sd.items() if not k.endswith(("position_ids", "token_type_ids"))}
        missing, unexpected = self.load_state_dict(mine, strict=False)
        if missing or unexpected:
            raise ValueError(f"HF BERT weights do not fit: missing {missing}, unexpected {unexpected}")


class VisionTower(nn.Module):
    """The image tower of clip_model.Clip (same computation as Clip.encode_image)."""

    def __init__(self, embed_dim=512, image_size=224, patch=16, width=768, layers=12, heads=12,
                 quick_gelu=False):
        super().__init__()
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch, stride=patch, bias=False)
        grid = image_size // patch
        scale = width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn(grid * grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([Block(width, heads, quick_gelu) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, embed_dim))

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        x = self.conv1(image)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype,
                                                             device=x.device)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding.to(x.dtype)
        x = self.ln_pre(x)
        mask: Optional[torch.Tensor] = None
        for blk in self.blocks:
            x = blk(x, mask)
        return self.ln_post(x[:, 0, :]) @ self.proj


class BertClip(nn.Module):
    """ViT image tower + BERT text tower; encode_image(image[N,3,S,S]) and encode_text(ids[N,L]),
    both unnormalised, as open_clip's CustomTextCLIP gives them."""

    def __init__(self, visual: nn.Module, text: BertText):
        super().__init__()
        self.visual = visual
        self.text = text
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(1 / 0.07))

    @torch.jit.export
    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        return self.visual(image)

    @torch.jit.export
    def encode_text(self, text: torch.Tensor) -> torch.Tensor:
        return self.text(text)

    def forward(self, image: torch.Tensor, text: torch.Tensor):
        return self.encode_image(image), self.encode_text(text)
