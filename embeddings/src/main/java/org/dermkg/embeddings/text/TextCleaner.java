package org.dermkg.embeddings.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CLIP's text cleaning before BPE: "ftfy-lite" (the deterministic repairs of {@code ftfy.fix_text}:
 * terminal escapes removed, Latin ligatures expanded, full-width forms narrowed, curly quotes
 * straightened, line breaks unified, control characters removed, lone surrogates replaced, NFC),
 * HTML unescaped twice, stripped, whitespace runs collapsed to one space, lower case. ftfy's
 * heuristic mojibake and C1-control repairs are not reproduced (README, "Tokenizer").
 */
public final class TextCleaner {
  private static final Pattern TERMINAL_ESCAPE = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");
  private static final Map<Integer, String> LIGATURES =
      Map.ofEntries(
          Map.entry(0x0132, "IJ"),
          Map.entry(0x0133, "ij"),
          Map.entry(0x0149, "\u02bcn"),
          Map.entry(0x01f1, "DZ"),
          Map.entry(0x01f2, "Dz"),
          Map.entry(0x01f3, "dz"),
          Map.entry(0x01c4, "D\u017d"),
          Map.entry(0x01c5, "D\u017e"),
          Map.entry(0x01c6, "d\u017e"),
          Map.entry(0x01c7, "LJ"),
          Map.entry(0x01c8, "Lj"),
          Map.entry(0x01c9, "lj"),
          Map.entry(0x01ca, "NJ"),
          Map.entry(0x01cb, "Nj"),
          Map.entry(0x01cc, "nj"),
          Map.entry(0xfb00, "ff"),
          Map.entry(0xfb01, "fi"),
          Map.entry(0xfb02, "fl"),
          Map.entry(0xfb03, "ffi"),
          Map.entry(0xfb04, "ffl"),
          Map.entry(0xfb05, "\u017ft"),
          Map.entry(0xfb06, "st"));
  private static final Pattern SINGLE_QUOTES = Pattern.compile("[\u02bc\u2018-\u201b]");
  private static final Pattern DOUBLE_QUOTES = Pattern.compile("[\u201c-\u201f]");
  private static final Pattern LINE_BREAKS = Pattern.compile("\r\n|[\r\u2028\u2029\u0085]");
  private static final Pattern CONTROL =
      Pattern.compile(
          "[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f\u206a-\u206f\ufeff\ufff9-\ufffc"
              + "\\x{1d173}-\\x{1d17a}\\x{e0000}-\\x{e007f}]");
  private static final Pattern WHITESPACE =
      Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private TextCleaner() {}

  /** The cleaned, lower-cased text the BPE sees. */
  public static String clean(String text) {
    return cleanKeepingCase(text).toLowerCase(Locale.ROOT);
  }

  /**
   * The same cleaning without lower-casing: open_clip's "whitespace" clean (basic_clean, then
   * whitespace_clean) that its HuggingFace tokenizers apply before the tokenizer's own normalizer.
   */
  public static String cleanKeepingCase(String text) {
    String t = ftfyLite(text);
    t = pyStrip(HtmlUnescape.unescape(HtmlUnescape.unescape(t)));
    return pyStrip(WHITESPACE.matcher(t).replaceAll(" "));
  }

  static String ftfyLite(String text) {
    String t = TERMINAL_ESCAPE.matcher(text).replaceAll("");
    StringBuilder sb = new StringBuilder(t.length());
    t.codePoints()
        .forEach(
            cp -> {
              String lig = LIGATURES.get(cp);
              if (lig != null) {
                sb.append(lig);
              } else if (cp == 0x3000) {
                sb.append(' ');
              } else if (cp >= 0xff01 && cp <= 0xffee) {
                sb.append(
                    Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC));
              } else if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                sb.append('\uFFFD'); // a lone surrogate cannot be UTF-8 encoded
              } else {
                sb.appendCodePoint(cp);
              }
            });
    t = SINGLE_QUOTES.matcher(sb).replaceAll("'");
    t = DOUBLE_QUOTES.matcher(t).replaceAll("\"");
    t = LINE_BREAKS.matcher(t).replaceAll("\n");
    t = CONTROL.matcher(t).replaceAll("");
    return Normalizer.normalize(t, Normalizer.Form.NFC);
  }

  /** Python's {@code str.strip()}: the characters {@code str.isspace()} accepts, both ends. */
  static String pyStrip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isPySpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isPySpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isPySpace(char c) {
    return (c >= 0x09 && c <= 0x0d)
        || (c >= 0x1c && c <= 0x20)
        || c == 0x85
        || c == 0xa0
        || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a)
        || c == 0x2028
        || c == 0x2029
        || c == 0x202f
        || c == 0x205f
        || c == 0x3000;
  }
}
