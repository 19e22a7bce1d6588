"""Reference implementation of CLIP's text preprocessing and BPE tokenizer, written from the
algorithm as DERMLIP.md states it (not open_clip's code). It makes the fixtures the Java tokenizer is
tested against; CI runs only the Java side.

Text cleaning = "ftfy-lite" (the deterministic parts of ftfy.fix_text: terminal escapes removed,
Latin ligatures expanded, full-width characters narrowed, curly quotes straightened, line breaks
unified, control characters removed, NFC) + html.unescape twice + strip + whitespace collapsed to one
space + lower case. ftfy's mojibake and C1-control repairs are heuristic and not reproduced.
"""
import gzip
import html
import unicodedata

import regex

SOT, EOT = "<start_of_text>", "<end_of_text>"

TERMINAL_ESCAPE = regex.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LIGATURES = {
    "\u0132": "IJ", "\u0133": "ij", "\u0149": "\u02bcn", "\u01f1": "DZ", "\u01f2": "Dz",
    "\u01f3": "dz", "\u01c4": "D\u017d", "\u01c5": "D\u017e", "\u01c6": "d\u017e", "\u01c7": "LJ",
    "\u01c8": "Lj", "\u01c9": "lj", "\u01ca": "NJ", "\u01cb": "Nj", "\u01cc": "nj", "\ufb00": "ff",
    "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "\u017ft", "\ufb06": "st",
}
SINGLE_QUOTES = regex.compile("[\u02bc\u2018-\u201b]")
DOUBLE_QUOTES = regex.compile("[\u201c-\u201f]")
LINE_BREAKS = regex.compile("\r\n|[\r\u2028\u2029\u0085]")
CONTROL = regex.compile(
    "[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc\U0001d173-\U0001d17a\U000e0000-\U000e007f]")


def width(text):
    out = []
    for ch in text:
        if ch == "\u3000":
            out.append(" ")
        elif "\uff01" <= ch <= "\uffee":
            out.append(unicodedata.normalize("NFKC", ch))
        else:
            out.append(ch)
    return "".join(out)


def ftfy_lite(text):
    text = TERMINAL_ESCAPE.sub("", text)
    text = "".join(LIGATURES.get(c, c) for c in text)
    text = width(text)
    text = SINGLE_QUOTES.sub("'", text)
    text = DOUBLE_QUOTES.sub('"', text)
    text = LINE_BREAKS.sub("\n", text)
    text = CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


def clean(text):
    text = ftfy_lite(text)
    text = html.unescape(html.unescape(text)).strip()
    text = regex.sub(r"\s+", " ", text).strip()
    return text.lower()


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) \
        + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


PATTERN = regex.compile(
    r"""<start_of_text>|<end_of_text>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+""",
    regex.IGNORECASE)


class Tokenizer:
    def __init__(self, vocab_path, vocab_size=49408):
        opener = gzip.open if vocab_path.endswith(".gz") else open
        with opener(vocab_path, "rt", encoding="utf-8") as f:
            lines = f.read().split("\n")
        n_merges = vocab_size - 512 - 2
        merges = [tuple(m.split()) for m in lines[1:1 + n_merges]]
        if len(merges) != n_merges:
            raise ValueError(f"{vocab_path} has {len(merges)} merges, {n_merges} needed")
        self.byte_encoder = bytes_to_unicode()
        vocab = list(self.byte_encoder.values())
        vocab = vocab + [v + "</w>" for v in vocab]
        vocab += ["".join(m) for m in merges] + [SOT, EOT]
        self.encoder = {v: i for i, v in enumerate(vocab)}
        self.ranks = {m: i for i, m in enumerate(merges)}

    def bpe(self, token):
        word = list(token[:-1]) + [token[-1] + "</w>"]
        while len(word) > 1:
            pairs = {(word[i], word[i + 1]) for i in range(len(word) - 1)}
            best = min(pairs, key=lambda p: self.ranks.get(p, float("inf")))
            if best not in self.ranks:
                break
            merged, i = [], 0
            while i < len(word):
                if i < len(word) - 1 and (word[i], word[i + 1]) == best:
                    merged.append(word[i] + word[i + 1])
                    i += 2
                else:
                    merged.append(word[i])
                    i += 1
            word = merged
        return word

    def encode(self, text):
        ids = []
        for piece in PATTERN.findall(clean(text)):
            if piece in (SOT, EOT):
                ids.append(self.encoder[piece])
                continue
            mapped = "".join(self.byte_encoder[b] for b in piece.encode("utf-8"))
            ids.extend(self.encoder[t] for t in self.bpe(mapped))
        return ids

    def tokenize(self, text, context=77):
        ids = [self.encoder[SOT]] + self.encode(text) + [self.encoder[EOT]]
        if len(ids) > context:
            ids = ids[:context]
            ids[-1] = self.encoder[EOT]
        return ids + [0] * (context - len(ids))
