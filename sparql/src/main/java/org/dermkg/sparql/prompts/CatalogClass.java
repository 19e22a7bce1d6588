package org.dermkg.sparql.prompts;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.dermkg.ontology.vocab.Derm;

/**
 * A named class as the prompt generator sees it.
 *
 * @param iri the class IRI
 * @param label preferred label (the local name when the class has none)
 * @param definition the textual definition, when there is one
 * @param level level in the disease hierarchy (the root is 0), when annotated
 * @param deprecated owl:deprecated true
 * @param names other names: {@code exact}, {@code related}, {@code abbreviation}, {@code derm1m}
 * @param parents direct named superclasses (IRIs, sorted)
 * @param findings typical findings, sorted by finding IRI
 */
public record CatalogClass(
    String iri,
    String label,
    Optional<String> definition,
    OptionalInt level,
    boolean deprecated,
    List<Name> names,
    List<String> parents,
    List<FindingText> findings) {

  public CatalogClass {
    names = List.copyOf(names);
    parents = List.copyOf(parents);
    findings = List.copyOf(findings);
  }

  /** Another name of the class and its kind. */
  public record Name(String kind, String text) {}

  /** DERM:0001234 for DERM classes, the IRI otherwise. */
  public String id() {
    return Derm.iriToCurie(iri).orElse(iri);
  }

  /** The exact synonyms, in catalog order. */
  public List<String> exactSynonyms() {
    return names.stream().filter(n -> n.kind().equals("exact")).map(Name::text).toList();
  }
}
