package org.dermkg.ontology.build;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.dermkg.ontology.table.Ref;
import org.dermkg.ontology.table.TermRow;

/** Parent links of the term tables, used to compute levels before any OWL exists. */
final class TreeIndex {
  private final Map<String, String> parent = new HashMap<>();

  TreeIndex(List<TermRow> rows) {
    for (TermRow r : rows) {
      r.parent().map(Ref::id).ifPresent(p -> parent.put(r.id(), p));
    }
  }

  /**
   * Number of parent steps from {@code id} to {@code root}; empty if the chain breaks or cycles.
   */
  OptionalInt depth(String id, String rootId) {
    Set<String> seen = new HashSet<>();
    String cur = id;
    int d = 0;
    while (!cur.equals(rootId)) {
      if (!seen.add(cur)) {
        return OptionalInt.empty();
      }
      Optional<String> p = Optional.ofNullable(parent.get(cur));
      if (p.isEmpty()) {
        return OptionalInt.empty();
      }
      cur = p.get();
      d++;
    }
    return OptionalInt.of(d);
  }
}
