package org.dermkg.ontology.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.vocab.OWLRDFVocabulary;

/** The named classes of an ontology with their names, in ontology signature order. Immutable. */
public record TermIndex(List<Term> terms) {

  public TermIndex {
    terms = List.copyOf(terms);
  }

  /** Indexes every labelled class of the ontology. */
  public static TermIndex of(OWLOntology ontology) {
    return of(ClassGraph.of(ontology));
  }

  /** Indexes every labelled class of a class graph. */
  public static TermIndex of(ClassGraph graph) {
    List<Term> terms = new ArrayList<>();
    for (IRI iri : graph.classes()) {
      String label = graph.label(iri);
      if (label.isEmpty()) {
        continue;
      }
      List<Term.Name> names = new ArrayList<>();
      graph
          .values(iri, OWLRDFVocabulary.RDFS_LABEL.getIRI().toString())
          .forEach(v -> names.add(new Term.Name(v, NameType.LABEL)));
      graph
          .values(iri, Obo.EXACT_SYNONYM)
          .forEach(v -> names.add(new Term.Name(v, NameType.EXACT_SYNONYM)));
      graph
          .values(iri, Derm.DERM1M_NAME)
          .forEach(v -> names.add(new Term.Name(v, NameType.DERM1M_NAME)));
      graph
          .values(iri, Obo.RELATED_SYNONYM)
          .forEach(v -> names.add(new Term.Name(v, NameType.RELATED_SYNONYM)));
      List<String> replaced = graph.values(iri, Obo.TERM_REPLACED_BY);
      terms.add(
          new Term(
              Derm.iriToCurie(iri.toString()).orElse(iri.toString()),
              iri.toString(),
              label,
              graph.branch(iri),
              names,
              graph.isDeprecated(iri),
              replaced.isEmpty() ? Optional.empty() : Optional.of(replaced.get(0)),
              mappings(graph, iri)));
    }
    return new TermIndex(terms);
  }

  /** A class's SKOS matches, closest first; OBO IRIs as CURIEs. */
  private static List<Term.Mapping> mappings(ClassGraph graph, IRI iri) {
    List<Term.Mapping> out = new ArrayList<>();
    for (String p : Obo.SKOS_MATCHES) {
      for (String v : graph.values(iri, Obo.SKOS + p)) {
        out.add(new Term.Mapping(p, Obo.curie(v)));
      }
    }
    return out;
  }

  /** Terms by the external CURIEs they map to (upper-case prefix), exact matches first. */
  public Map<String, List<Term>> byMapping() {
    Map<String, List<Term>> m = new LinkedHashMap<>();
    for (String p : Obo.SKOS_MATCHES) {
      for (Term t : terms) {
        if (t.deprecated()) {
          continue;
        }
        for (Term.Mapping x : t.mappings()) {
          if (x.predicate().equals(p)) {
            m.computeIfAbsent(x.target(), k -> new ArrayList<>()).add(t);
          }
        }
      }
    }
    return m;
  }

  /** Terms keyed by CURIE and by IRI. */
  public Map<String, Term> byId() {
    Map<String, Term> m = new LinkedHashMap<>();
    for (Term t : terms) {
      m.put(t.id(), t);
      m.put(t.iri(), t);
    }
    return m;
  }
}
