package org.dermkg.ontology.mapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Tsv;

/**
 * The classes of other ontologies that curated mappings may point at ({@code xrefs/targets.tsv}:
 * the MONDO and DOID classes of the dermatology slice, made by
 * ontology/tools/make_xref_targets.py), with their labels, parents and neoplasm kind ({@code
 * malignant}, {@code benign} or empty), and their own cross-references to clinical terminologies
 * ({@code xrefs/target-xrefs.tsv}, same tool). A mapping to a class not listed points at an unknown
 * or obsolete id.
 */
public record XrefTargets(Map<String, Target> byId) {
  /** The file in a source tree's xrefs folder. */
  public static final String FILE = "targets.tsv";

  /** The prefixes the table covers: a target of another prefix is not checked against it. */
  public static final Set<String> PREFIXES = Set.of("MONDO", "DOID");

  /** The cross-reference table beside {@link #FILE}. */
  public static final String XREFS_FILE = "target-xrefs.tsv";

  /**
   * One class.
   *
   * @param xrefs its cross-references (ICD10CM, UMLS, ...) as its ontology states them
   */
  public record Target(
      String id, String label, List<String> parents, String kind, List<TargetXref> xrefs) {
    public Target {
      parents = List.copyOf(parents);
      xrefs = List.copyOf(xrefs);
    }
  }

  /**
   * A cross-reference of a target.
   *
   * @param predicate as its ontology gives it: skos:exactMatch, skos:closeMatch, skos:broadMatch,
   *     skos:narrowMatch or oboInOwl:hasDbXref
   * @param xref the CURIE, prefix normalised (ICD10CM:L40, UMLS:C0033860)
   */
  public record TargetXref(String predicate, String xref) {}

  public XrefTargets {
    byId = Map.copyOf(byId);
  }

  /** No table: nothing is checked against it. */
  public static final XrefTargets NONE = new XrefTargets(Map.of());

  /** The source tree's table, when it has one. */
  public static Optional<XrefTargets> of(OntologySource source) {
    Path file = source.root().resolve("xrefs").resolve(FILE);
    return Files.isRegularFile(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /** Reads {@code targets.tsv} and, when it is beside it, {@code target-xrefs.tsv}. */
  public static XrefTargets read(Path file) {
    Map<String, List<TargetXref>> xrefs = new java.util.HashMap<>();
    Path xf = file.resolveSibling(XREFS_FILE);
    if (Files.isRegularFile(xf)) {
      for (Tsv.Row r : Tsv.read(xf, Set.of("id", "predicate", "xref"), Set.of()).rows()) {
        String x = r.get("xref");
        int colon = x.indexOf(':');
        if (colon <= 0
            || org.dermkg.ontology.vocab.Obo.xrefPrefix(x.substring(0, colon)).isEmpty()) {
          throw new org.dermkg.ontology.OntologyException(
              org.dermkg.ontology.OntologyException.Code.MAPPING_FORMAT,
              r.where()
                  + ": column 'xref': '"
                  + x
                  + "' is not a CURIE of "
                  + org.dermkg.ontology.vocab.Obo.XREF_NAMESPACES.keySet());
        }
        xrefs
            .computeIfAbsent(r.get("id"), k -> new java.util.ArrayList<>())
            .add(new TargetXref(r.get("predicate"), x));
      }
    }
    Tsv tsv = Tsv.read(file, Set.of("id", "label", "parents", "kind"), Set.of());
    Map<String, Target> m = new LinkedHashMap<>();
    for (Tsv.Row r : tsv.rows()) {
      String id = r.get("id");
      m.put(
          id,
          new Target(
              id,
              r.get("label"),
              r.list("parents"),
              r.get("kind"),
              xrefs.getOrDefault(id, List.of())));
    }
    return new XrefTargets(m);
  }

  /** Whether the table speaks for a CURIE's prefix. */
  public boolean covers(String curie) {
    int colon = curie.indexOf(':');
    return !byId.isEmpty() && colon > 0 && PREFIXES.contains(curie.substring(0, colon));
  }
}
