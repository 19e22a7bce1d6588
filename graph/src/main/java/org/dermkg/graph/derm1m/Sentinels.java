package org.dermkg.graph.derm1m;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Derm1M's "absent" markers: empty cells and the fixed sentinel phrases, in any case. */
public final class Sentinels {
  private static final Set<String> ABSENT =
      Set.of(
          "",
          "no definitive diagnosis",
          "no visual concepts",
          "no body location information",
          "no symptom information",
          "no age information",
          "no gender information",
          "none",
          "nan");

  private Sentinels() {}

  public static boolean isAbsent(String value) {
    if (value == null || value.isEmpty()) {
      return true;
    }
    char c = value.charAt(0);
    boolean maybe = c == 'n' || c == 'N' || Character.isWhitespace(c);
    return maybe && ABSENT.contains(value.strip().toLowerCase(Locale.ROOT));
  }

  /** The stripped value, or empty when it is a sentinel. */
  public static Optional<String> value(String cell) {
    return isAbsent(cell) ? Optional.empty() : Optional.of(cell.strip());
  }

  /** A comma-separated list cell: each non-sentinel item, stripped, in order, without repeats. */
  public static List<String> list(String cell) {
    List<String> out = new ArrayList<>();
    if (isAbsent(cell)) {
      return out;
    }
    for (String part : cell.split(",")) {
      String p = part.strip();
      if (!isAbsent(p) && !out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }
}
