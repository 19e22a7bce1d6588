package org.dermkg.sparql.prompts;

import java.util.List;

/**
 * Where a prompt set came from. Same inputs and ontology give the same provenance and hash.
 *
 * @param generator the generator and its output format version
 * @param ontologyVersion the version recorded with the store's ontology graph
 * @param selectionKind label-set, classes, level, children-of, descendants-of, sparql or groups
 * @param selection the selection as given (set name, terms, level, term, query text, groups)
 * @param resolved what the selection resolved to where that is not the class list itself (the
 *     subtree's root, each group's members)
 * @param strategies strategy ids in canonical order
 * @param templateSet "derm1m", "bare" or "custom"
 * @param contentHash "sha256:" over the canonical JSON of everything else; empty until computed
 */
public record Provenance(
    String generator,
    String ontologyVersion,
    String selectionKind,
    List<String> selection,
    List<String> resolved,
    List<String> strategies,
    String templateSet,
    String contentHash) {

  /** The generator id written into every set; bump when the same inputs would give other bytes. */
  public static final String GENERATOR = "derm-prompts/1";

  public Provenance {
    selection = List.copyOf(selection);
    resolved = List.copyOf(resolved);
    strategies = List.copyOf(strategies);
  }

  Provenance withHash(String hash) {
    return new Provenance(
        generator,
        ontologyVersion,
        selectionKind,
        selection,
        resolved,
        strategies,
        templateSet,
        hash);
  }
}
