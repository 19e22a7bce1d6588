"""Makes the tiny BERT-text-tower model fixtures (run from the repository root with Debian's
/usr/bin/python3 and python3-torch, python3-pil, python3-regex):

  /usr/bin/python3 embeddings/tools/make_bert_fixtures.py

Writes embeddings/src/test/resources/fixtures/tiny-bert-clip/, the DermLIP-PanDerm shape in small
(bert_clip.py): the tiny ViT image tower of tiny-clip (32-pixel images, patch 8, width 32, 2 layers,
erf GELU) and a BERT text tower (vocabulary 2,048, width 32, 2 layers, 2 heads, MLP 128, 512
positions, mean pooling over the tokens that are not [PAD], open_clip's "mlp" projection to 32),
random weights (seed 1234), scripted with torch.jit.script:

  model.pt        TorchScript: encode_image(image[N,3,32,32]) and encode_text(ids[N,L]) with L <= 512;
                  the attention mask is derived inside as ids != 0 (config "text_input": "ids")
  tokenizer.json  a HuggingFace tokenizer.json of BERT's uncased kind over this file's own 2,048-entry
                  WordPiece vocabulary ([PAD]=0 [UNK]=1 [CLS]=2 [SEP]=3 [MASK]=4, the characters, then
                  words and word pieces of the dermatology sentences below), truncation and padding to 256
  config.json     the export format of export_open_clip.py, with the text tower keys
  parity.json     what export_open_clip.py writes: texts, their ids and attention masks (the reference
                  tokenizer's, wordpiece_reference.py) and the text embeddings of the scripted model
  expected.json   the same for more texts (edge cases, the token strings too), the image embeddings of
                  three preprocessing fixture images, and the padding-invariance cases
"""
import collections
import json
import os
import string
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import bert_clip  # noqa: E402
import wordpiece_reference as wp  # noqa: E402
from make_model_fixtures import IMAGES, MEAN, SIZE, STD, preprocess  # noqa: E402

OUT = "embeddings/src/test/resources/fixtures/tiny-bert-clip"
VOCAB_SIZE = 2048
CONTEXT = 256
MAX_POSITIONS = 512
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
# characters that stay after BertNormalizer (lower case, no accents) and are words or pieces of their own
EXTRA_CHARS = ["\u00b0", "\u00b1", "\u00d7", "\u2013", "\u2014", "\u2022", "\u00b5", "\u76ae", "\u80a4"]

CORPUS = """
This is a skin image of melanoma. A skin image of basal cell carcinoma.
An image of psoriasis, a skin condition. Eczema, a skin disorder, is shown in this image.
The skin lesion depicted is a melanocytic nevus. The skin cancer in this image is squamous cell carcinoma.
This image depicts actinic keratosis, a type of skin cancer. A photo of seborrheic keratosis.
Benign keratosis, dermatofibroma, vascular lesion, pigmented lesion, blue nevus, dysplastic nevus.
Erythematous scaly plaques on the extensor surfaces of the elbows and knees, typical of plaque psoriasis.
Atopic dermatitis presents with pruritic, lichenified patches in the flexural areas of children.
Contact dermatitis after exposure to nickel, with vesicles and weeping erosions on the wrist.
Acne vulgaris with comedones, inflammatory papules and pustules on the face and upper back.
Rosacea shows persistent central facial erythema, telangiectasia and papulopustular lesions.
Urticaria: transient wheals with surrounding flare, intensely itchy, resolving within hours.
Tinea corporis, an annular scaly plaque with central clearing and an active raised border.
Onychomycosis causes thickened, discolored, brittle nails with subungual hyperkeratosis.
Vitiligo presents as depigmented, well demarcated white macules, often symmetric.
Hyperpigmentation and hypopigmentation after inflammation are common in darker skin types.
Lichen planus: purple, polygonal, pruritic, flat topped papules with Wickham striae.
Herpes zoster produces grouped vesicles on an erythematous base in a dermatomal distribution.
Impetigo with honey colored crusts around the nose and mouth, caused by staphylococcus.
Dermoscopy of the melanoma shows an atypical pigment network, irregular dots and globules, and a blue white veil.
Basal cell carcinoma: pearly papule with rolled borders, arborizing vessels and ulceration.
Squamous cell carcinoma arises on sun damaged skin as a keratotic, tender, growing nodule.
Seborrheic keratoses are stuck on, waxy, verrucous papules with milia like cysts and comedo like openings.
A dermatofibroma is a firm papule that dimples when pinched, usually on the legs.
Kaposi sarcoma, angiosarcoma and pyogenic granuloma are vascular tumors of the skin.
Cutaneous lupus erythematosus, dermatomyositis and scleroderma are autoimmune connective tissue diseases.
Pemphigus vulgaris with flaccid bullae and erosions; bullous pemphigoid with tense blisters on urticarial plaques.
Alopecia areata: round patches of hair loss with exclamation mark hairs.
Melasma, freckles, lentigines and cafe au lait macules are pigmentary disorders.
Scabies causes nocturnal itching and burrows in the finger webs.
Molluscum contagiosum: umbilicated pearly papules in children.
Clinical photograph of the lesion, close up, with a ruler for scale, 5 mm in diameter.
Histopathology showed epidermal hyperplasia, parakeratosis and a dense lymphocytic infiltrate in the dermis.
The patient, a 45 year old woman with Fitzpatrick skin type III, reported itching for 2 weeks.
Treatment with topical corticosteroids, emollients, antifungal cream, oral antibiotics and phototherapy.
Asymmetry, border irregularity, color variation, diameter over 6 mm and evolution suggest melanoma.
Nodular, superficial spreading, lentigo maligna and acral lentiginous melanoma are subtypes.
Chronic, recurrent, localized, generalized, bilateral, unilateral, painful, painless, ulcerated.
Red, brown, black, white, yellow, pink, violaceous, skin colored, hyperpigmented, hypopigmented.
Macule, patch, papule, plaque, nodule, vesicle, bulla, pustule, wheal, crust, scale, erosion, ulcer, scar, atrophy.
"""

# The parity texts (parity.json and expected.json): ordinary prompts, punctuation and subwords,
# accents / CJK / symbols / an emoji ([UNK]), html entities and whitespace (open_clip's clean),
# a 100- and a 101-character word (WordPiece's limit), an empty text, a text cut at 256 tokens.
TEXTS = [
    "a photo of a melanoma",
    "This is a skin image of psoriasis.",
    "",
    "Erythematous, scaly plaques; hyperpigmentation & onychomycosis (2\u20133 cm) on the dorsum!",
    "\u00c9CZ\u00c9MA na\u00efve caf\u00e9 \u2014 \u00c5ngstr\u00f6m 38\u00b0C \u00b1 5 \u76ae\u80a4 dermatoscopically ok\U0001F44D\u2026",
    "melanoma &amp; nevus &lt;b&gt;  with\ttabs\nand   spaces ",
    "x" * 100 + " " + "y" * 101 + " keratosis",
    "eczema, a kind of inflammatory skin disease " * 30,
]
# More cases for expected.json only: special tokens written in the text. "[PAD]" inside a text gets
# id 0 from the tokenizer and so is masked out by the model (ids != 0) -- exactly as open_clip's
# HFTextEncoder derives its mask; "[pad]" (lower case) is not a special token.
EDGE_TEXTS = [
    "[MASK] lesion, [CLS]nevus[SEP] and a [PAD] inside the text; [pad] is a word",
]


def corpus_words():
    words = []
    for line in CORPUS.strip().split("\n"):
        for w in wp.pre_tokenize(wp.normalize(line)):
            if w.isalpha():
                words.append(w)
    return words


def build_vocab():
    punct = [c for c in string.punctuation]
    chars = punct + list(string.digits) + list(string.ascii_lowercase) + EXTRA_CHARS
    vocab = SPECIALS + chars + ["##" + c for c in string.digits + string.ascii_lowercase] + ["##\u00b0"]
    seen = set(vocab)
    counts = collections.Counter(corpus_words())
    for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if w not in seen and len(w) > 1:
            vocab.append(w)
            seen.add(w)
    pieces = collections.Counter()
    for w in counts:
        if len(w) >= 4:
            for n in range(2, 8):
                if n < len(w):
                    pieces[w[:n]] += 1
            for n in range(2, 7):
                if n < len(w) - 1:
                    pieces["##" + w[-n:]] += 1
    for p, _ in sorted(pieces.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0])):
        if len(vocab) >= VOCAB_SIZE:
            break
        if p not in seen:
            vocab.append(p)
            seen.add(p)
    if len(vocab) != VOCAB_SIZE:
        sys.exit(f"vocabulary has {len(vocab)} entries, {VOCAB_SIZE} wanted: add corpus text")
    return vocab


def make_model():
    torch.manual_seed(1234)
    visual = bert_clip.VisionTower(embed_dim=32, image_size=SIZE, patch=8, width=32, layers=2, heads=4,
                                   quick_gelu=False)
    text = bert_clip.BertText(embed_dim=32, vocab=VOCAB_SIZE, width=32, layers=2, heads=2, inner=128,
                              max_positions=MAX_POSITIONS, pad_id=0, pooling="mean", proj="mlp")
    return bert_clip.BertClip(visual, text).eval()


def main():
    os.makedirs(OUT, exist_ok=True)
    vocab = build_vocab()
    with open(f"{OUT}/tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(wp.tokenizer_json(vocab, CONTEXT), f, ensure_ascii=False, separators=(",", ":"))
    tok = wp.WordPiece.from_json(f"{OUT}/tokenizer.json")
    model = make_model()
    torch.jit.script(model).save(f"{OUT}/model.pt")
    config = {
        "format": "derm-clip/1", "model_id": "tiny-bert-clip (random weights, tests only)",
        "architecture": "tiny ViT + BERT text tower (DermLIP-PanDerm shape)", "embed_dim": 32,
        "image_size": SIZE, "mean": MEAN, "std": STD, "interpolation": "bicubic", "resize_mode": "shortest",
        "context_length": CONTEXT, "vocab_size": VOCAB_SIZE, "tokenizer": "tokenizer.json",
        "tokenizer_kind": "wordpiece", "activation": "gelu", "logit_scale": float(model.logit_scale.exp()),
        "torchscript": "model.pt",
        "text_tower": "hf-bert", "pooling": "mean", "text_projection": "mlp", "pad_id": 0,
        "text_input": "ids", "text_clean": "whitespace", "max_positions": MAX_POSITIONS,
    }
    with open(f"{OUT}/config.json", "w") as f:
        json.dump(config, f, indent=1)
    names = ["landscape.png", "portrait.png", "gray.png"]
    texts = TEXTS + EDGE_TEXTS
    with torch.no_grad():
        loaded = torch.jit.load(f"{OUT}/model.pt")
        images = torch.stack([preprocess(f"{IMAGES}/{n}") for n in names])
        img = loaded.encode_image(images)
        one = loaded.encode_image(images[:1])
        enc = [tok.encode(t, CONTEXT) for t in texts]
        ids = torch.tensor([e[0] for e in enc], dtype=torch.long)
        txt = loaded.encode_text(ids)
    rows = [{"text": t, "ids": enc[i][0], "attention_mask": [int(x != 0) for x in enc[i][0]],
             "tokens": [tok.cls] + tok.tokens(wp.clean_keep_case(t))[:CONTEXT - 2] + [tok.sep],
             "embedding": txt[i].tolist()} for i, t in enumerate(texts)]
    expected = {
        "torch": torch.__version__,
        "images": [{"file": n, "embedding": img[i].tolist()} for i, n in enumerate(names)],
        "batch_of_one_first": one[0].tolist(),
        "texts": rows,
        "pixels_first_image_sum": float(images[0].sum()),
    }
    with open(f"{OUT}/expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1, ensure_ascii=True)
    with open(f"{OUT}/parity.json", "w", encoding="utf-8") as f:  # what export_open_clip.py writes
        json.dump({"texts": [{k: r[k] for k in ("text", "ids", "attention_mask", "embedding")}
                             for r in rows[:len(TEXTS)]]}, f, ensure_ascii=True)
    for n in sorted(os.listdir(OUT)):
        print(f"{n:16s} {os.path.getsize(os.path.join(OUT, n)):8d} bytes")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":  # TorchScript writes module constants in set order:
        os.environ["PYTHONHASHSEED"] = "0"      # a fixed hash seed makes model.pt the same bytes each run
        os.execv(sys.executable, [sys.executable] + sys.argv)
    main()
