"""Reference implementation of a BERT WordPiece tokenizer as HuggingFace's tokenizers library (Rust,
what transformers' fast BertTokenizer and DJL's binding run) applies a BERT tokenizer.json, written
for this project from that library's algorithm (not its code), in plain Python (unicodedata only).
It makes the token ids of the tiny-bert-clip fixtures and writes the fixture's tokenizer.json; CI
runs only the Java side.

Pipeline of one text, as open_clip's HFTokenizer (clean="whitespace") and the tokenizer.json run it:
  0. open_clip's clean: ftfy-lite + html.unescape twice + strip + whitespace collapsed, case KEPT
     (clean_keep_case; clip_reference.clean without the lower-casing)
  1. added (special) tokens found in the raw text first ("[CLS]", "[PAD]", ... exact, case-sensitive,
     leftmost-longest; they are not normalised) and kept as their ids
  2. BertNormalizer on the rest: clean text (drop NUL, U+FFFD and control/format characters other
     than \\t \\n \\r; map whitespace to " "), a space around each CJK ideograph, strip accents (NFD,
     drop nonspacing marks) then lower-case, character by character (as Rust's char::to_lowercase:
     no final-sigma rule)
  3. BertPreTokenizer: split on whitespace (dropped), then on punctuation (ASCII punctuation or a
     Unicode P* category; each kept as its own word)
  4. WordPiece per word: a word of more than max_input_chars_per_word (100) characters is [UNK];
     otherwise greedy longest-match-first from the left, continuation pieces prefixed "##"; a word
     with any piece not in the vocabulary becomes one [UNK]
  5. truncation to context - 2 tokens, [CLS] ... [SEP] (TemplateProcessing), padding with [PAD]'s
     id to the context length

The Rust library decides "control" and "punctuation" from its own (older) Unicode tables; this
file uses Python's unicodedata, so the two can differ for characters assigned in recent Unicode
versions only. The fixture texts avoid those.
"""
import html
import json
import unicodedata

import regex

import clip_reference as ref

# Rust's char::is_whitespace (the Unicode White_Space property); \t \n \r count as whitespace too
WHITE_SPACE = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
                  "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
CJK = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2B73F), (0x2B740, 0x2B81F),
       (0x2B920, 0x2CEAF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


def clean_keep_case(text):
    """open_clip's "whitespace" clean (basic_clean, then whitespace_clean) that HFTokenizer applies
    before the HuggingFace tokenizer: the CLIP cleaning of clip_reference without lower-casing."""
    text = ref.ftfy_lite(text)
    text = html.unescape(html.unescape(text)).strip()
    return regex.sub(r"\s+", " ", text).strip()


def is_control(c):
    if c in "\t\n\r":
        return False
    return unicodedata.category(c) in ("Cc", "Cf", "Co")


def is_punctuation(c):
    o = ord(c)
    if 33 <= o <= 47 or 58 <= o <= 64 or 91 <= o <= 96 or 123 <= o <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def is_cjk(c):
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in CJK)


def normalize(text, lowercase=True, strip_accents=None, clean_text=True, chinese_chars=True):
    """BertNormalizer."""
    if clean_text:
        text = "".join(" " if c in WHITE_SPACE else c for c in text
                       if not (c == "\0" or c == "\ufffd" or is_control(c)))
    if chinese_chars:
        text = "".join(f" {c} " if is_cjk(c) else c for c in text)
    if lowercase if strip_accents is None else strip_accents:
        text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    if lowercase:
        text = "".join(c.lower() for c in text)
    return text


def pre_tokenize(text):
    """BertPreTokenizer: whitespace-separated words, each punctuation character a word of its own."""
    words, cur = [], []
    for c in text:
        if c in WHITE_SPACE:
            if cur:
                words.append("".join(cur))
                cur = []
        elif is_punctuation(c):
            if cur:
                words.append("".join(cur))
                cur = []
            words.append(c)
        else:
            cur.append(c)
    if cur:
        words.append("".join(cur))
    return words


class WordPiece:
    """A tokenizer.json of the BERT kind (BertNormalizer, BertPreTokenizer, WordPiece,
    TemplateProcessing [CLS] $A [SEP]), or the same built from a vocabulary list."""

    def __init__(self, vocab, unk="[UNK]", cls="[CLS]", sep="[SEP]", pad="[PAD]", prefix="##",
                 max_chars=100, specials=None, lowercase=True, strip_accents=None):
        self.vocab = dict(vocab) if isinstance(vocab, dict) else {t: i for i, t in enumerate(vocab)}
        self.unk, self.cls, self.sep, self.pad = unk, cls, sep, pad
        self.prefix, self.max_chars = prefix, max_chars
        self.lowercase, self.strip_accents = lowercase, strip_accents
        names = specials if specials is not None else [t for t in (pad, unk, cls, sep, "[MASK]") if t in self.vocab]
        self.specials = {t: self.vocab[t] for t in names}

    @classmethod
    def from_json(cls, path):
        """Reads the parts of a BERT tokenizer.json (a path, or the file's JSON as a dict) this class
        implements; refuses other kinds."""
        if isinstance(path, dict):
            tj, path = path, "tokenizer.json"
        else:
            with open(path, encoding="utf-8") as f:
                tj = json.load(f)
        model, norm, pre = tj["model"], tj.get("normalizer") or {}, tj.get("pre_tokenizer") or {}
        if model.get("type") != "WordPiece" or norm.get("type") != "BertNormalizer" \
                or pre.get("type") != "BertPreTokenizer":
            raise ValueError(f"{path} is not a BERT WordPiece tokenizer.json")
        if not norm.get("clean_text", True) or not norm.get("handle_chinese_chars", True):
            raise ValueError(f"{path}: only clean_text and handle_chinese_chars on are implemented")
        post = tj.get("post_processor") or {}
        cls_tok, sep_tok = "[CLS]", "[SEP]"
        if post.get("type") == "TemplateProcessing":
            single = post["single"]
            if len(single) != 3 or "SpecialToken" not in single[0] or "Sequence" not in single[1] \
                    or "SpecialToken" not in single[2]:
                raise ValueError(f"{path}: only the template [CLS] $A [SEP] is implemented")
            cls_tok, sep_tok = single[0]["SpecialToken"]["id"], single[2]["SpecialToken"]["id"]
        elif post.get("type") == "BertProcessing":
            cls_tok, sep_tok = post["cls"][0], post["sep"][0]
        else:
            raise ValueError(f"{path}: post_processor {post.get('type')} not implemented")
        pad = (tj.get("padding") or {}).get("pad_token", "[PAD]")
        specials = [a["content"] for a in tj.get("added_tokens", []) if not a.get("normalized", False)]
        vocab = dict(model["vocab"])
        for a in tj.get("added_tokens", []):
            vocab.setdefault(a["content"], a["id"])
        return cls(vocab, unk=model["unk_token"], cls=cls_tok, sep=sep_tok, pad=pad,
                   prefix=model.get("continuing_subword_prefix", "##"),
                   max_chars=model.get("max_input_chars_per_word", 100), specials=specials,
                   lowercase=norm.get("lowercase", True), strip_accents=norm.get("strip_accents"))

    def split_specials(self, text):
        """[(is_special, piece)]: leftmost-longest exact matches of the added tokens."""
        out, i, start = [], 0, 0
        names = sorted(self.specials, key=len, reverse=True)
        while i < len(text):
            hit = next((s for s in names if text.startswith(s, i)), None)
            if hit:
                if start < i:
                    out.append((False, text[start:i]))
                out.append((True, hit))
                i += len(hit)
                start = i
            else:
                i += 1
        if start < len(text):
            out.append((False, text[start:]))
        return out

    def word_pieces(self, word):
        if len(word) > self.max_chars:
            return [self.unk]
        pieces, start = [], 0
        while start < len(word):
            end, piece = len(word), None
            while start < end:
                sub = word[start:end] if start == 0 else self.prefix + word[start:end]
                if sub in self.vocab:
                    piece = sub
                    break
                end -= 1
            if piece is None:
                return [self.unk]
            pieces.append(piece)
            start = end
        return pieces

    def tokens(self, text):
        """The token strings of an already cleaned text, without [CLS]/[SEP]."""
        out = []
        for special, part in self.split_specials(text):
            if special:
                out.append(part)
                continue
            for word in pre_tokenize(normalize(part, self.lowercase, self.strip_accents)):
                out.extend(self.word_pieces(word))
        return out

    def encode(self, text, context=256, clean=True):
        """(ids, attention_mask) of a text as open_clip's HFTokenizer makes them: cleaned, [CLS]
        tokens [SEP] cut to `context`, padded with [PAD]'s id. The mask is the tokenizer's (1 for
        every real and special token); the model derives its own as ids != pad id."""
        toks = self.tokens(clean_keep_case(text) if clean else text)[:context - 2]
        ids = [self.vocab[self.cls]] + [self.vocab[t] for t in toks] + [self.vocab[self.sep]]
        mask = [1] * len(ids) + [0] * (context - len(ids))
        return ids + [self.vocab[self.pad]] * (context - len(ids)), mask

    def tokenize(self, text, context=256):
        return self.encode(text, context)[0]


def tokenizer_json(vocab, context, specials=("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")):
    """A HuggingFace tokenizer.json of BERT's uncased kind for `vocab` (a list in id order), with
    truncation to and padding to `context` (the ids open_clip's HFTokenizer asks for)."""
    ids = {t: i for i, t in enumerate(vocab)}
    added = [{"id": ids[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in specials]
    return {
        "version": "1.0",
        "truncation": {"direction": "Right", "max_length": context, "strategy": "LongestFirst", "stride": 0},
        "padding": {"strategy": {"Fixed": context}, "direction": "Right", "pad_to_multiple_of": None,
                    "pad_id": ids["[PAD]"], "pad_type_id": 0, "pad_token": "[PAD]"},
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": ids},
    }
