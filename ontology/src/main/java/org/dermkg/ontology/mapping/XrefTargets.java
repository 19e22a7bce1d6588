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
 * malignant}, {@code benign} or empty). A mapping to a class not listed points at an unknown or
 * obsolete id.
 */
public record XrefTargets(Map<String, Target> byId) {
  /** The file in a source tree's xrefs folder. */
  public static final String FILE = "targets.tsv";

  /** The prefixes the table covers: a target of another prefix is not checked against it. */
  public static final Set<String> PREFIXES = Set.of("MONDO", "DOID");

  /** One class. */
  public record Target(String id, String label, List<String> parents, String kind) {}

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

  public static XrefTargets read(Path file) {
    Tsv tsv = Tsv.read(file, Set.of("id", "label", "parents", "kind"), Set.of());
    Map<String, Target> m = new LinkedHashMap<>();
    for (Tsv.Row r : tsv.rows()) {
      m.put(r.get("id"), new Target(r.get("id"), r.get("label"), r.list("parents"), r.get("kind")));
    }
    return new XrefTargets(m);
  }

  /** Whether the table speaks for a CURIE's prefix. */
  public boolean covers(String curie) {
    int colon = curie.indexOf(':');
    return !byId.isEmpty() && colon > 0 && PREFIXES.contains(curie.substring(0, colon));
  }
}
