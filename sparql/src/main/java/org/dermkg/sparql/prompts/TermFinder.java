package org.dermkg.sparql.prompts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dermkg.ontology.resolve.LabelNormalizer;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.terms.TermIds;

/**
 * Finds the one class a user means: an id (DERM:0001234, DERM_0001234, an IRI), a name (label,
 * synonym, Derm1M name, normalised), or a path of names from the top of the hierarchy such as
 * "proliferations &gt; malignant", where each step is looked up among the previous step's
 * descendants (nearest first).
 */
final class TermFinder {
  private final ClassCatalog catalog;

  TermFinder(ClassCatalog catalog) {
    this.catalog = catalog;
  }

  CatalogClass find(String text) {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "an empty class name was given");
    }
    if (t.contains(">") && !t.startsWith("http") && !t.startsWith("urn:")) {
      return path(t);
    }
    CatalogClass c = looksLikeId(t) ? byId(t) : byName(t);
    if (c.deprecated()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, c.id() + " (" + c.label() + ") is deprecated; use its replacement");
    }
    return c;
  }

  private static boolean looksLikeId(String t) {
    return t.matches("(?i)DERM[:_]\\d+")
        || t.startsWith("http://")
        || t.startsWith("https://")
        || t.startsWith("urn:");
  }

  private CatalogClass byId(String t) {
    String iri = TermIds.toIri(t);
    return catalog
        .get(iri)
        .orElseThrow(
            () -> new SparqlException(Code.UNKNOWN_TERM, "no class " + t + " in the ontology"));
  }

  private CatalogClass byName(String t) {
    Resolution r = catalog.resolver().resolve(t);
    if (r.isEmpty()) {
      throw new SparqlException(Code.UNKNOWN_TERM, "no class named '" + t + "' in the ontology");
    }
    if (!r.isUnique()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT,
          "'"
              + t
              + "' is ambiguous: "
              + r.candidates().stream()
                  .map(c -> c.term().id() + " " + c.term().label())
                  .collect(Collectors.joining(", "))
              + "; give an id or a path");
    }
    return catalog.get(r.candidates().get(0).term().iri()).orElseThrow();
  }

  private CatalogClass path(String t) {
    String[] steps = t.split(">");
    CatalogClass at = find(steps[0]);
    for (int i = 1; i < steps.length; i++) {
      at = step(at, steps[i].strip(), t);
    }
    return at;
  }

  /** The nearest descendant of {@code from} with a name matching {@code name}. */
  private CatalogClass step(CatalogClass from, String name, String whole) {
    if (name.isEmpty()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "the path '" + whole + "' has an empty step");
    }
    Map<String, Integer> depth = depths(from.iri());
    for (Function<String, String> norm :
        List.<Function<String, String>>of(
            LabelNormalizer::normalize, LabelNormalizer::bagOfWords)) {
      String wanted = norm.apply(name);
      List<CatalogClass> hits = new ArrayList<>();
      for (String iri : depth.keySet()) {
        CatalogClass c = catalog.get(iri).orElseThrow();
        if (!c.deprecated() && names(c).stream().anyMatch(n -> norm.apply(n).equals(wanted))) {
          hits.add(c);
        }
      }
      if (!hits.isEmpty()) {
        int nearest = hits.stream().mapToInt(c -> depth.get(c.iri())).min().orElseThrow();
        List<CatalogClass> best = hits.stream().filter(c -> depth.get(c.iri()) == nearest).toList();
        if (best.size() > 1) {
          throw new SparqlException(
              Code.BAD_ARGUMENT,
              "'"
                  + name
                  + "' under "
                  + from.label()
                  + " is ambiguous: "
                  + best.stream()
                      .map(c -> c.id() + " " + c.label())
                      .collect(Collectors.joining(", ")));
        }
        return best.get(0);
      }
    }
    throw new SparqlException(
        Code.UNKNOWN_TERM,
        "no class named '" + name + "' under " + from.id() + " (" + from.label() + ")");
  }

  private static List<String> names(CatalogClass c) {
    List<String> n = new ArrayList<>();
    n.add(c.label());
    c.names().stream().filter(x -> !x.kind().equals("abbreviation")).forEach(x -> n.add(x.text()));
    return n;
  }

  /** Distance of every proper descendant from {@code iri} (breadth first). */
  private Map<String, Integer> depths(String iri) {
    Map<String, Integer> depth = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(iri));
    depth.put(iri, 0);
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (String c : catalog.children(at)) {
        if (!depth.containsKey(c)) {
          depth.put(c, depth.get(at) + 1);
          queue.add(c);
        }
      }
    }
    depth.remove(iri);
    return depth;
  }
}
