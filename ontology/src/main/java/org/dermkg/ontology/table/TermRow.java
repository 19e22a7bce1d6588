package org.dermkg.ontology.table;

import java.util.List;
import java.util.Optional;

/**
 * One row of a term table (diseases, concepts, body sites): a class with its labels and place in
 * its branch's tree. Deprecated rows have no parent and may name a replacement.
 */
public record TermRow(
    Branch branch,
    String id,
    String label,
    Optional<Ref> parent,
    List<String> exactSynonyms,
    List<String> relatedSynonyms,
    List<String> abbreviations,
    List<String> misspellings,
    String definition,
    List<String> xrefs,
    String source,
    List<String> derm1mPhrases,
    boolean deprecated,
    Optional<Ref> replacedBy,
    String comment,
    Tsv.Row row) {

  public TermRow {
    exactSynonyms = List.copyOf(exactSynonyms);
    relatedSynonyms = List.copyOf(relatedSynonyms);
    abbreviations = List.copyOf(abbreviations);
    misspellings = List.copyOf(misspellings);
    xrefs = List.copyOf(xrefs);
    derm1mPhrases = List.copyOf(derm1mPhrases);
  }
}
