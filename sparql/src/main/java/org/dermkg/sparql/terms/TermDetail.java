package org.dermkg.sparql.terms;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything the JSON API shows about one class.
 *
 * @param term the class
 * @param synonyms its synonyms by kind
 * @param definition the IAO definition, if any
 * @param level the Derm1M hierarchy level (diseases only)
 * @param derm1mNames the Derm1M name strings kept for matching
 * @param xrefs database cross-references as CURIEs
 * @param mappings its SKOS matches in other ontologies: curated (MONDO, DOID) and derived through
 *     them (ICD-10-CM, UMLS, ...), exact ones first
 * @param deprecated whether the class is obsolete
 * @param replacedBy the replacement term's IRI for an obsolete class
 * @param parents the direct named superclasses
 * @param hasChildren whether the class has subclasses
 * @param findings the disease's typical findings (empty for other classes)
 * @param imageCount images whose diagnosis is the class or a descendant
 */
public record TermDetail(
    TermRef term,
    List<Synonym> synonyms,
    Optional<String> definition,
    OptionalInt level,
    List<String> derm1mNames,
    List<String> xrefs,
    List<Mapping> mappings,
    boolean deprecated,
    Optional<String> replacedBy,
    List<TermRef> parents,
    boolean hasChildren,
    List<Finding> findings,
    long imageCount) {
  public TermDetail {
    synonyms = List.copyOf(synonyms);
    derm1mNames = List.copyOf(derm1mNames);
    xrefs = List.copyOf(xrefs);
    mappings = List.copyOf(mappings);
    parents = List.copyOf(parents);
    findings = List.copyOf(findings);
  }

  /**
   * A match in another ontology or terminology.
   *
   * @param predicate skos:exactMatch, skos:closeMatch, skos:broadMatch or skos:narrowMatch
   * @param target the target's CURIE (MONDO:0005083, ICD10CM:L40)
   * @param iri the target's IRI
   * @param source for a derived cross-reference the class it came through (MONDO:0005083, or a DERM
   *     ancestor); empty for a curated match
   */
  public record Mapping(String predicate, String target, String iri, String source) {
    public boolean exact() {
      return predicate.equals("skos:exactMatch");
    }
  }
}
