package org.dermkg.ontology.table;

import java.util.List;

/**
 * One row of derm1m-registry.tsv: a node path of Derm1M's ontology.json (names from level 1 down,
 * joined by {@code " > "}) and the class that stands for it. Several paths may share a class.
 */
public record RegistryRow(List<String> path, Ref term) {

  public RegistryRow {
    path = List.copyOf(path);
  }

  /** The separator between names in the path column. */
  public static final String SEPARATOR = " > ";

  /** The Derm1M node name (last path element). */
  public String name() {
    return path.get(path.size() - 1);
  }

  public String pathString() {
    return String.join(SEPARATOR, path);
  }
}
