package org.dermkg.embeddings.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML5 character-reference decoding with the semantics of Python's {@code html.unescape} (what
 * CLIP's text cleaning runs twice): named references with or without the semicolon (the longest
 * known prefix wins), decimal and hex references, the HTML5 replacements for 0x80–0x9F and 0x00,
 * U+FFFD for surrogates and values past U+10FFFF, nothing for non-characters and most controls. The
 * tables are the WHATWG data in {@code derm-clip/html5-entities.tsv}.
 */
final class HtmlUnescape {
  private static final Pattern REF =
      Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");
  private static final Map<String, String> NAMED = new HashMap<>();
  private static final Map<Integer, String> NUMERIC = new HashMap<>();
  private static final Set<Integer> DROPPED = new HashSet<>();

  static {
    try (InputStream in = HtmlUnescape.class.getResourceAsStream("/derm-clip/html5-entities.tsv")) {
      if (in == null) {
        throw new IllegalStateException("missing resource derm-clip/html5-entities.tsv");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "named" -> NAMED.put(f[1], codePoints(f[2]));
          case "numeric" -> NUMERIC.put(Integer.parseInt(f[1], 16), codePoints(f[2]));
          case "dropped" -> DROPPED.add(Integer.parseInt(f[1], 16));
          default -> throw new IllegalStateException("bad line in html5-entities.tsv: " + line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HtmlUnescape() {}

  private static String codePoints(String hex) {
    StringBuilder sb = new StringBuilder();
    for (String h : hex.split(" ")) {
      if (!h.isEmpty()) {
        sb.appendCodePoint(Integer.parseInt(h, 16));
      }
    }
    return sb.toString();
  }

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = REF.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String replace(String ref) {
    if (ref.charAt(0) == '#') {
      boolean hex = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X');
      String digits = ref.substring(hex ? 2 : 1);
      if (digits.endsWith(";")) {
        digits = digits.substring(0, digits.length() - 1);
      }
      long num = parse(digits, hex ? 16 : 10);
      if (num <= Integer.MAX_VALUE && NUMERIC.containsKey((int) num)) {
        return NUMERIC.get((int) num);
      }
      if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
        return "\uFFFD";
      }
      if (DROPPED.contains((int) num)) {
        return "";
      }
      return new String(Character.toChars((int) num));
    }
    String named = NAMED.get(ref);
    if (named != null) {
      return named;
    }
    for (int x = ref.length() - 1; x > 1; x--) {
      String hit = NAMED.get(ref.substring(0, x));
      if (hit != null) {
        return hit + ref.substring(x);
      }
    }
    return "&" + ref;
  }

  /** The value, or Long.MAX_VALUE when it does not fit (still "past U+10FFFF"). */
  private static long parse(String digits, int radix) {
    String d = digits.replaceFirst("^0+(?=.)", "");
    if (d.length() > 12) {
      return Long.MAX_VALUE;
    }
    return Long.parseLong(d, radix);
  }
}
