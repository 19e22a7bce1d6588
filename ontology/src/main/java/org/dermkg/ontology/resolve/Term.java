package org.dermkg.ontology.resolve;

import java.util.List;
import java.util.Optional;
import org.dermkg.ontology.table.Branch;

/**
 * A named class of the ontology as the resolver sees it.
 *
 * @param id CURIE (DERM:0001234) or, outside the DERM namespace, the IRI
 * @param iri full IRI
 * @param label preferred label (rdfs:label)
 * @param branch the branch whose root the class reaches, empty if it reaches none
 * @param names every name of the term with its kind, the label included
 * @param deprecated owl:deprecated true
 * @param replacedBy IRI of the replacement of a deprecated term
 * @param mappings its curated matches in other ontologies (MONDO, DOID), exact ones first
 */
public record Term(
    String id,
    String iri,
    String label,
    Optional<Branch> branch,
    List<Name> names,
    boolean deprecated,
    Optional<String> replacedBy,
    List<Mapping> mappings) {

  public Term {
    names = List.copyOf(names);
    mappings = List.copyOf(mappings);
  }

  /** A term without mappings. */
  public Term(
      String id,
      String iri,
      String label,
      Optional<Branch> branch,
      List<Name> names,
      boolean deprecated,
      Optional<String> replacedBy) {
    this(id, iri, label, branch, names, deprecated, replacedBy, List.of());
  }

  /**
   * A curated match in another ontology.
   *
   * @param predicate exactMatch, closeMatch, broadMatch or narrowMatch (SKOS)
   * @param target its CURIE (MONDO:0005083)
   */
  public record Mapping(String predicate, String target) {
    public boolean exact() {
      return predicate.equals("exactMatch");
    }
  }

  /** A name of a term and how it belongs to it. */
  public record Name(String text, NameType type) {}
}
