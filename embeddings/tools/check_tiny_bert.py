"""Checks the tiny-bert-clip fixtures (run from the repository root with Debian's /usr/bin/python3):

  /usr/bin/python3 embeddings/tools/check_tiny_bert.py [FIXTURE_DIR]

  - config.json has the text-tower keys and agrees with tokenizer.json (vocabulary size, pad id)
  - the reference tokenizer (wordpiece_reference.py, reading tokenizer.json) gives parity.json's
    and expected.json's ids; their attention masks are ids != pad_id
  - model.pt, reloaded with torch.jit.load, reproduces parity.json's and expected.json's text
    embeddings and expected.json's image embeddings to 1e-6
  - the model rebuilt from make_bert_fixtures.py's seed gives the same embeddings (the fixture is
    what the generator makes)
  - mean pooling: encode_text equals proj(mean over the non-pad tokens of the scripted BERT's hidden
    states), and ignores padding: the same ids cut to their length, padded further (to 300 and to the
    512 positions) or batched with other texts give the same embedding (1e-5); a text whose tail is
    not padding gives a different one
Prints 'N passed, N failed' last and exits non-zero on a failure.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import wordpiece_reference as wp  # noqa: E402

DIR = sys.argv[1] if len(sys.argv) > 1 else "embeddings/src/test/resources/fixtures/tiny-bert-clip"
EXACT, LOOSE = 1e-6, 1e-5
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + (f" ({detail})" if detail else ""))


def maxdiff(a, b):
    return (torch.as_tensor(a) - torch.as_tensor(b)).abs().max().item()


def main():
    with open(f"{DIR}/config.json") as f:
        cfg = json.load(f)
    with open(f"{DIR}/parity.json") as f:
        parity = json.load(f)
    with open(f"{DIR}/expected.json") as f:
        expected = json.load(f)
    with open(f"{DIR}/{cfg['tokenizer']}") as f:
        tj = json.load(f)
    want = {"text_tower": "hf-bert", "pooling": "mean", "pad_id": 0, "text_input": "ids",
            "context_length": 256, "tokenizer": "tokenizer.json", "tokenizer_kind": "wordpiece",
            "text_clean": "whitespace", "format": "derm-clip/1"}
    check("config.json text-tower keys", all(cfg.get(k) == v for k, v in want.items()),
          str({k: cfg.get(k) for k in want}))
    check("vocab_size = tokenizer.json vocabulary", cfg["vocab_size"] == len(tj["model"]["vocab"]))
    check("pad_id = tokenizer.json padding id and [PAD]",
          cfg["pad_id"] == tj["padding"]["pad_id"] == tj["model"]["vocab"]["[PAD]"])
    check("tokenizer.json truncates and pads to context_length",
          tj["truncation"]["max_length"] == cfg["context_length"] == tj["padding"]["strategy"]["Fixed"])

    tok = wp.WordPiece.from_json(f"{DIR}/{cfg['tokenizer']}")
    pad = cfg["pad_id"]
    for group, rows in (("parity", parity["texts"]), ("expected", expected["texts"])):
        bad = [r["text"][:40] for r in rows if tok.encode(r["text"], cfg["context_length"])[0] != r["ids"]]
        check(f"{group}.json ids = reference tokenizer", not bad, f"differ: {bad}" if bad else f"{len(rows)} texts")
        bad = [r["text"][:40] for r in rows if r["attention_mask"] != [int(i != pad) for i in r["ids"]]]
        check(f"{group}.json attention_mask = ids != pad_id", not bad, f"differ: {bad}" if bad else "")

    model = torch.jit.load(f"{DIR}/{cfg['torchscript']}")
    with torch.no_grad():
        for group, rows in (("parity", parity["texts"]), ("expected", expected["texts"])):
            ids = torch.tensor([r["ids"] for r in rows])
            d = maxdiff(model.encode_text(ids), [r["embedding"] for r in rows])
            check(f"{group}.json text embeddings reproduce", d <= EXACT, f"max diff {d:.2e}")
        from make_model_fixtures import IMAGES, preprocess
        images = torch.stack([preprocess(f"{IMAGES}/{r['file']}") for r in expected["images"]])
        d = maxdiff(model.encode_image(images), [r["embedding"] for r in expected["images"]])
        check("expected.json image embeddings reproduce", d <= EXACT, f"max diff {d:.2e}")
        d = maxdiff(model.encode_image(images[:1])[0], expected["batch_of_one_first"])
        check("image batch of one reproduces", d <= EXACT, f"max diff {d:.2e}")

        import make_bert_fixtures
        eager = make_bert_fixtures.make_model()
        ids = torch.tensor([r["ids"] for r in expected["texts"]])
        d = max(maxdiff(eager.encode_text(ids), model.encode_text(ids)),
                maxdiff(eager.encode_image(images), model.encode_image(images)))
        check("make_bert_fixtures.make_model() is the fixture's model", d <= EXACT, f"max diff {d:.2e}")

        # mean pooling, from the scripted model's own parts
        keep = ids != pad
        hidden = model.text.transformer(ids, keep)
        m = keep.to(hidden.dtype).unsqueeze(-1)
        pooled = (hidden * m).sum(1) / m.sum(1)
        d = maxdiff(model.text.proj(pooled), model.encode_text(ids))
        check("encode_text = proj(mean of non-pad hidden states)", d <= EXACT, f"max diff {d:.2e}")

        # padding does not change a text's embedding
        worst, sensitive = 0.0, True
        full = model.encode_text(ids)
        max_positions = cfg.get("max_positions", 512)
        for i, r in enumerate(expected["texts"]):
            n = max(j + 1 for j, x in enumerate(r["ids"]) if x != pad)  # through the last real token
            base = full[i]
            for length in (n, 300, max_positions):
                row = r["ids"][:n] + [pad] * (length - n)
                worst = max(worst, maxdiff(model.encode_text(torch.tensor([row]))[0], base))
            if n + 3 <= len(r["ids"]):
                tail = r["ids"][:n] + [5, 6, 7] + [pad] * (len(r["ids"]) - n - 3)
                sensitive &= maxdiff(model.encode_text(torch.tensor([tail]))[0], base) > 1e-3
        check("padding (none, to 300, to 512, batched) leaves embeddings unchanged", worst <= LOOSE,
              f"max diff {worst:.2e}")
        check("a tail of real tokens does change them", sensitive)
        pair = torch.tensor([expected["texts"][0]["ids"], expected["texts"][3]["ids"]])
        d = maxdiff(model.encode_text(pair), full[[0, 3]])
        check("batch composition leaves embeddings unchanged", d <= LOOSE, f"max diff {d:.2e}")

    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
