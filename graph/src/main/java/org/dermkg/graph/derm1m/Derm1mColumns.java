package org.dermkg.graph.derm1m;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dermkg.graph.GraphException;

/**
 * The column sets of the Derm1M release: the 12 columns of Derm1M_v2_pretrain.csv and
 * Derm1M_v2_validation.csv (any order), and concept.csv (filename and skin_concept at least; its
 * exact columns are unpublished, so other columns are accepted and ignored).
 */
public final class Derm1mColumns {
  public static final List<String> MAIN =
      List.of(
          "filename",
          "caption",
          "truncated_caption",
          "source",
          "source_type",
          "disease_label",
          "hierarchical_disease_label",
          "skin_concept",
          "body_location",
          "symptoms",
          "age",
          "gender");

  public static final Set<String> CONCEPT_REQUIRED = Set.of("filename", "skin_concept");

  private Derm1mColumns() {}

  /**
   * Maps each column name to its position, checking the header against a column set.
   *
   * @param exact true: the header must be exactly {@code required} (in any order); false: it must
   *     contain {@code required}
   */
  public static Map<String, Integer> index(
      String file, List<String> header, Set<String> required, boolean exact) {
    Map<String, Integer> index = new HashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i).strip();
      if (index.put(h, i) != null) {
        duplicates.add(h);
      }
    }
    Set<String> missing = new LinkedHashSet<>(required);
    missing.removeAll(index.keySet());
    Set<String> unknown = new LinkedHashSet<>(index.keySet());
    unknown.removeAll(required);
    if (!duplicates.isEmpty() || !missing.isEmpty() || (exact && !unknown.isEmpty())) {
      StringBuilder b = new StringBuilder(file).append(": line 1: not a known Derm1M column set");
      if (!missing.isEmpty()) {
        b.append("; missing columns ").append(missing);
      }
      if (exact && !unknown.isEmpty()) {
        b.append("; unknown columns ").append(unknown);
      }
      if (!duplicates.isEmpty()) {
        b.append("; repeated columns ").append(duplicates);
      }
      b.append(" (expected ").append(exact ? "exactly " : "at least ").append(required).append(')');
      throw new GraphException(GraphException.Code.CSV_HEADER, b.toString());
    }
    return index;
  }
}
