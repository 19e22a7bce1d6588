"""A CLIP-shaped model in plain PyTorch, written for this project from the architecture DERMLIP.md
describes (OpenAI CLIP ViT: patch embedding, class token, pre-LN transformer, class-token pooling,
projection; text: token + position embedding, causal pre-LN transformer, final LayerNorm, pooled at
the end-of-text position, projection). Scriptable with torch.jit.script, with encode_image and
encode_text exported: the model format the Java runtime loads. Used for the tiny test model and for
the real-shaped ViT-B/16 benchmark model (random weights)."""
import math
from typing import Optional

import torch
from torch import nn


class QuickGELU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)


class Block(nn.Module):
    def __init__(self, width: int, heads: int, quick_gelu: bool):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, width * 4), QuickGELU() if quick_gelu else nn.GELU(),
                                 nn.Linear(width * 4, width))

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor]) -> torch.Tensor:
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=mask)[0]
        return x + self.mlp(self.ln_2(x))


class Clip(nn.Module):
    def __init__(self, embed_dim=512, image_size=224, patch=16, vision_width=768, vision_layers=12,
                 vision_heads=12, context=77, vocab=49408, text_width=512, text_layers=12, text_heads=8,
                 quick_gelu=True):
        super().__init__()
        self.conv1 = nn.Conv2d(3, vision_width, kernel_size=patch, stride=patch, bias=False)
        grid = image_size // patch
        scale = vision_width ** -0.5
        self.class_embedding = nn.Parameter(scale * torch.randn(vision_width))
        self.v_pos = nn.Parameter(scale * torch.randn(grid * grid + 1, vision_width))
        self.ln_pre = nn.LayerNorm(vision_width)
        self.v_blocks = nn.ModuleList([Block(vision_width, vision_heads, quick_gelu) for _ in range(vision_layers)])
        self.ln_post = nn.LayerNorm(vision_width)
        self.v_proj = nn.Parameter(scale * torch.randn(vision_width, embed_dim))
        self.token_embedding = nn.Embedding(vocab, text_width)
        self.t_pos = nn.Parameter(0.01 * torch.randn(context, text_width))
        self.t_blocks = nn.ModuleList([Block(text_width, text_heads, quick_gelu) for _ in range(text_layers)])
        self.ln_final = nn.LayerNorm(text_width)
        self.t_proj = nn.Parameter(text_width ** -0.5 * torch.randn(text_width, embed_dim))
        self.logit_scale = nn.Parameter(torch.ones([]) * math.log(1 / 0.07))
        mask = torch.full((context, context), float("-inf")).triu(1)
        self.register_buffer("attn_mask", mask, persistent=False)

    @torch.jit.export
    def encode_image(self, image: torch.Tensor) -> torch.Tensor:
        x = self.conv1(image)
        x = x.reshape(x.shape[0], x.shape[1], -1).permute(0, 2, 1)
        cls = self.class_embedding.to(x.dtype) + torch.zeros(x.shape[0], 1, x.shape[-1], dtype=x.dtype,
                                                             device=x.device)
        x = torch.cat([cls, x], dim=1) + self.v_pos.to(x.dtype)
        x = self.ln_pre(x)
        for blk in self.v_blocks:
            x = blk(x, None)
        return self.ln_post(x[:, 0, :]) @ self.v_proj

    @torch.jit.export
    def encode_text(self, text: torch.Tensor) -> torch.Tensor:
        x = self.token_embedding(text) + self.t_pos
        for blk in self.t_blocks:
            x = blk(x, self.attn_mask)
        x = self.ln_final(x)
        return x[torch.arange(x.shape[0]), text.argmax(dim=-1)] @ self.t_proj

    def forward(self, image: torch.Tensor, text: torch.Tensor):
        return self.encode_image(image), self.encode_text(text)
