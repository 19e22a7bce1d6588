package org.dermkg.ontology.mapping;

import java.util.List;
import java.util.Map;

/**
 * A benchmark label set shipped as an SSSOM mapping file: the set's class labels, in benchmark
 * order, each mapped to a DERM class.
 *
 * @param name file stem, e.g. "HAM10000"
 * @param metadata the SSSOM header values (mapping_set_id, license, ...)
 * @param curieMap prefix to IRI expansion from the header
 * @param mappings rows in file (benchmark) order
 */
public record LabelSet(
    String name,
    Map<String, String> metadata,
    Map<String, String> curieMap,
    List<Mapping> mappings) {

  public LabelSet {
    metadata = Map.copyOf(metadata);
    curieMap = Map.copyOf(curieMap);
    mappings = List.copyOf(mappings);
  }

  /**
   * One SSSOM row.
   *
   * @param where "file:line"
   */
  public record Mapping(
      String subjectId,
      String subjectLabel,
      String predicateId,
      String objectId,
      String objectLabel,
      String justification,
      String comment,
      String where) {}

  /** Expands a CURIE with this set's curie map; returns the input when the prefix is unknown. */
  public String expand(String curie) {
    int colon = curie.indexOf(':');
    if (colon > 0 && curieMap.containsKey(curie.substring(0, colon))) {
      return curieMap.get(curie.substring(0, colon)) + curie.substring(colon + 1);
    }
    return curie;
  }
}
