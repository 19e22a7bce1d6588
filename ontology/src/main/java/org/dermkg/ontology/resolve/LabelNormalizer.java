package org.dermkg.ontology.resolve;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises free-text labels so that spelling variants meet: Unicode compatibility forms and
 * accents, case, curly quotes and possessives ("Behçet's" = "behcet"), punctuation and hyphens,
 * British spellings ("naevus", "oedema", "haemangioma", "tumour", "centre", "localised") and plural
 * forms ("keratoses", "xanthomas", "bullae", "nevi"). It is applied to both the indexed names and
 * the query, so a crude rule only has to be consistent, not linguistically exact. Thread-safe.
 */
public final class LabelNormalizer {
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern POSSESSIVE = Pattern.compile("'s\\b");
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  private LabelNormalizer() {}

  /** The normalised form: lower-case words separated by single spaces (may be empty). */
  public static String normalize(String text) {
    return String.join(" ", tokens(text));
  }

  /** The normalised form without spaces ("maculo-papular" and "maculopapular" meet). */
  public static String compact(String text) {
    return String.join("", tokens(text));
  }

  /** The normalised words sorted, for word-order variants ("granuloma pyogenic"). */
  public static String bagOfWords(String text) {
    List<String> t = new ArrayList<>(tokens(text));
    t.sort(null);
    return String.join(" ", t);
  }

  static List<String> tokens(String text) {
    String t = Normalizer.normalize(text, Normalizer.Form.NFKD);
    t = MARKS.matcher(t).replaceAll("").toLowerCase(Locale.ROOT);
    t = t.replace('\u2019', '\'').replace('\u2018', '\'').replace('`', '\'');
    t = POSSESSIVE.matcher(t).replaceAll("").replace("'", "").replace("&", " and ");
    List<String> out = new ArrayList<>();
    for (String w : NON_WORD.matcher(t).replaceAll(" ").strip().split(" ")) {
      if (!w.isEmpty()) {
        out.add(singular(american(w)));
      }
    }
    return out;
  }

  static String american(String w) {
    if (w.equals("grey")) {
      return "gray";
    }
    int n = w.length();
    if (n > 3) {
      // digraphs ae / oe inside a word: naevus, haem, anaemia, oedema, seborrhoeic, foetal
      w = w.substring(0, n - 2).replace("ae", "e").replace("oe", "e") + w.substring(n - 2);
    }
    if (w.length() > 4 && w.endsWith("our")) {
      w = w.substring(0, w.length() - 3) + "or";
    } else if (w.length() > 4 && w.endsWith("tre")) {
      w = w.substring(0, w.length() - 3) + "ter";
    }
    if (w.length() > 5) {
      w =
          w.replaceFirst("isation$", "ization")
              .replaceFirst("ised$", "ized")
              .replaceFirst("ising$", "izing");
      w = w.replaceFirst("ise$", "ize");
    }
    return w.replace("sulph", "sulf");
  }

  static String singular(String w) {
    int n = w.length();
    if (n <= 3) {
      return w;
    }
    if (w.endsWith("oses")) {
      return w.substring(0, n - 4) + "osis";
    }
    if (w.endsWith("ectases") || w.endsWith("iases")) {
      return w.substring(0, n - 2) + "is";
    }
    if (w.endsWith("ies") && n > 4) {
      return w.substring(0, n - 3) + "y";
    }
    if (w.endsWith("ae") && n > 4) {
      return w.substring(0, n - 1);
    }
    if (w.endsWith("i") && !w.endsWith("ii")) {
      return w.substring(0, n - 1) + "us";
    }
    if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) {
      return w.substring(0, n - 1);
    }
    return w;
  }
}
