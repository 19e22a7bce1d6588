package org.dermkg.server.http;

import java.util.regex.Pattern;

/**
 * A SPARQL query's text as the result cache keys it: comments dropped and every run of whitespace
 * outside string literals and IRIs made one space, so that the same query sent with other layout or
 * comments finds the same entry. Strings ('...', "...", and their long forms) and IRIs ({@code
 * <...>}, which cannot hold whitespace) are copied as they are; a '#' inside them is not a comment.
 * The text is not parsed: the normal form is only ever compared, never run.
 */
final class QueryText {
  /**
   * Functions whose answer changes from one run to the next (or with the vector files beside the
   * store, for the kNN property function): queries calling them are never cached.
   */
  private static final Pattern VOLATILE =
      Pattern.compile(
          "\\b(RAND|NOW|UUID|STRUUID|BNODE)\\s*\\(|SIMILARTO|\\bSERVICE\\b",
          Pattern.CASE_INSENSITIVE);

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

  /** Whether a query's answer may differ between two runs on the same data. */
  static boolean isVolatile(String normalised) {
    return VOLATILE.matcher(normalised).find();
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
