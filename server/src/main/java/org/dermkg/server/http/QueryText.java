package org.dermkg.server.http;

import java.util.List;
import java.util.Locale;

/**
 * A SPARQL query's text as the result cache keys it: comments dropped and every run of whitespace
 * outside string literals and IRIs made one space, so that the same query sent with other layout or
 * comments finds the same entry. Strings ('...', "...", and their long forms) and IRIs ({@code
 * <...>}, which cannot hold whitespace) are copied as they are; a '#' inside them is not a comment.
 * The text is not parsed: the normal form is only ever compared, never run.
 */
final class QueryText {
  /**
   * Functions whose answer changes from one run to the next: a query calling one (the name, then
   * optional whitespace and "(") is never cached; nor is one naming the kNN property function (its
   * answer follows the vector files beside the store) or SERVICE.
   */
  private static final List<String> VOLATILE_CALLS =
      List.of("RAND", "NOW", "UUID", "STRUUID", "BNODE");

  private QueryText() {}

  /** The normal form of {@code text}. */
  static String normalise(String text) {
    StringBuilder out = new StringBuilder(text.length());
    int n = text.length();
    int i = 0;
    boolean space = false;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        i++;
        continue;
      }
      if (c == '#') {
        while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
          i++;
        }
        space = true;
        continue;
      }
      if (space && !out.isEmpty()) {
        out.append(' ');
      }
      space = false;
      int end = c == '"' || c == '\'' ? stringEnd(text, i) : c == '<' ? iriEnd(text, i) : i + 1;
      out.append(text, i, end);
      i = end;
    }
    return out.toString();
  }

  /**
   * Whether a query's answer may differ between two runs on the same data. A plain scan, not a
   * regular expression: it runs for every query the endpoint is sent, cache hit or not (a
   * case-insensitive alternation with word boundaries was 3% of a small query's CPU).
   */
  static boolean isVolatile(String normalised) {
    String upper = normalised.toUpperCase(Locale.ROOT);
    if (upper.contains("SIMILARTO") || word(upper, "SERVICE", false)) {
      return true;
    }
    for (String f : VOLATILE_CALLS) {
      if (word(upper, f, true)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code text} holds {@code name} starting a word, and either ending one ({@code call}
   * false) or followed by optional whitespace and "(" ({@code call} true).
   */
  private static boolean word(String text, String name, boolean call) {
    for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      if (i > 0 && isWordChar(text.charAt(i - 1))) {
        continue;
      }
      int j = i + name.length();
      if (!call) {
        if (j == text.length() || !isWordChar(text.charAt(j))) {
          return true;
        }
        continue;
      }
      while (j < text.length() && Character.isWhitespace(text.charAt(j))) {
        j++;
      }
      if (j < text.length() && text.charAt(j) == '(') {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  /** The index just past the string literal starting at {@code start} (or the text's end). */
  private static int stringEnd(String text, int start) {
    char q = text.charAt(start);
    boolean isLong = text.startsWith(String.valueOf(q).repeat(3), start);
    int i = start + (isLong ? 3 : 1);
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == q && (!isLong || text.startsWith(String.valueOf(q).repeat(3), i))) {
        return i + (isLong ? 3 : 1);
      }
      i++;
    }
    return text.length();
  }

  /**
   * Past the IRI at {@code start} when it is one ({@code <} ... {@code >} without spaces); else
   * past the {@code <}.
   */
  private static int iriEnd(String text, int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '>') {
        return i + 1;
      }
      if (Character.isWhitespace(c) || c == '<' || c == '"' || c == '{' || c == '}') {
        break;
      }
    }
    return start + 1;
  }
}
