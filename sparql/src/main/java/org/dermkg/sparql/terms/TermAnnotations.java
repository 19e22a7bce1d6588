package org.dermkg.sparql.terms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;

/** The annotations of one class, gathered from the {@code term} query's {@code ?p ?o} rows. */
final class TermAnnotations {
  private static final Map<String, String> SYNONYM_KINDS =
      Map.of(
          Obo.EXACT_SYNONYM, "exact",
          Obo.RELATED_SYNONYM, "related",
          Obo.BROAD_SYNONYM, "broad",
          Obo.NARROW_SYNONYM, "narrow",
          Obo.ABBREVIATION, "abbreviation",
          Obo.MISSPELLING, "misspelling");

  private String label;
  private String definition;
  private Integer level;
  private boolean deprecated;
  private String replacedBy;
  private final List<Synonym> synonyms = new ArrayList<>();
  private final List<String> names = new ArrayList<>();
  private final List<String> xrefs = new ArrayList<>();
  private final List<TermDetail.Mapping> mappings = new ArrayList<>();

  static TermAnnotations of(List<Binding> rows) {
    TermAnnotations a = new TermAnnotations();
    rows.forEach(a::add);
    a.synonyms.sort(Comparator.comparing(Synonym::kind).thenComparing(Synonym::text));
    a.names.sort(null);
    a.xrefs.sort(null);
    a.mappings.sort(
        Comparator.comparing(
                (TermDetail.Mapping m) -> Obo.SKOS_MATCHES.indexOf(m.predicate().substring(5)))
            .thenComparing(TermDetail.Mapping::target));
    return a;
  }

  private void add(Binding b) {
    String p = b.get("p").getURI();
    Node o = b.get("o");
    String text = o.isLiteral() ? o.getLiteralLexicalForm() : o.toString();
    if (p.equals(RDFS.label.getURI()) && label == null) {
      label = text;
    } else if (p.equals(Obo.DEFINITION)) {
      definition = text;
    } else if (p.equals(Derm.LEVEL) && o.isLiteral()) {
      level = parseInt(text);
    } else if (p.equals(OWL.deprecated.getURI())) {
      deprecated = "true".equals(text);
    } else if (p.equals(Obo.TERM_REPLACED_BY)) {
      replacedBy = text;
    } else if (p.equals(Derm.DERM1M_NAME)) {
      names.add(text);
    } else if (p.equals(Obo.DB_XREF)) {
      xrefs.add(text);
    } else if (p.startsWith(Obo.SKOS)
        && Obo.SKOS_MATCHES.contains(p.substring(Obo.SKOS.length()))
        && o.isURI()) {
      Node source = b.get("source");
      mappings.add(
          new TermDetail.Mapping(
              "skos:" + p.substring(Obo.SKOS.length()),
              Obo.curie(o.getURI()),
              o.getURI(),
              source == null || !source.isLiteral() ? "" : source.getLiteralLexicalForm()));
    } else if (SYNONYM_KINDS.containsKey(p)) {
      synonyms.add(new Synonym(SYNONYM_KINDS.get(p), text));
    }
  }

  /** The detail of class {@code iri} from these annotations and its already-queried neighbours. */
  TermDetail detail(
      String iri,
      List<TermRef> parents,
      boolean hasChildren,
      List<Finding> findings,
      long imageCount) {
    return new TermDetail(
        TermRef.of(iri, label),
        synonyms,
        Optional.ofNullable(definition),
        level == null ? OptionalInt.empty() : OptionalInt.of(level),
        names,
        xrefs,
        mappings,
        deprecated,
        Optional.ofNullable(replacedBy),
        parents,
        hasChildren,
        findings,
        imageCount);
  }

  private static Integer parseInt(String s) {
    try {
      return Integer.valueOf(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
