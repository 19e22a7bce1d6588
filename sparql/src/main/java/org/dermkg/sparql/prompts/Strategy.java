package org.dermkg.sparql.prompts;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/** The ways a class becomes phrases for the templates; selectable and combinable. */
public enum Strategy {
  /** The class name: the benchmark's own label in a label set, else the preferred label. */
  NAME("name"),
  /** The preferred label and every exact synonym. */
  SYNONYMS("synonyms"),
  /** Ancestor context: "X, a kind of Y" for each direct superclass Y. */
  ANCESTORS("ancestors"),
  /**
   * Descendant expansion (CHiLS-style): a class with subclasses is represented by its subtree's
   * names, each prompt keeping the subclass it came from.
   */
  DESCENDANTS("descendants"),
  /** Finding descriptors: "X, which presents as scaly erythematous plaques". */
  FINDINGS("findings"),
  /** Concept descriptors: "X, showing plaque and scale on the elbow". */
  CONCEPTS("concepts");

  private final String id;

  Strategy(String id) {
    this.id = id;
  }

  /** The name used on the command line, in the API and in the output. */
  public String id() {
    return id;
  }

  /**
   * Parses a comma-separated list ("name,ancestors", "all"); the result keeps the enum order, so
   * the same strategies in any order give the same prompts.
   */
  public static Set<Strategy> parse(String list) {
    EnumSet<Strategy> out = EnumSet.noneOf(Strategy.class);
    for (String part : list.split(",")) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      if (p.isEmpty()) {
        continue;
      }
      if (p.equals("all")) {
        out.addAll(EnumSet.allOf(Strategy.class));
        continue;
      }
      out.add(
          Arrays.stream(values())
              .filter(s -> s.id.equals(p))
              .findFirst()
              .orElseThrow(
                  () ->
                      new SparqlException(
                          Code.BAD_ARGUMENT,
                          "unknown prompt strategy '"
                              + part.strip()
                              + "' (expected "
                              + names()
                              + " or all)")));
    }
    if (out.isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "no prompt strategy given");
    }
    return out;
  }

  /** Every strategy name, comma-separated. */
  public static String names() {
    return Arrays.stream(values()).map(Strategy::id).collect(Collectors.joining(", "));
  }

  /** Ids of a set of strategies in enum order. */
  public static List<String> ids(Set<Strategy> strategies) {
    return strategies.stream().sorted().map(Strategy::id).toList();
  }
}
