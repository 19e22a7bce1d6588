package org.dermkg.zeroshot.concepts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.engine.binding.Binding;
import org.dermkg.sparql.query.QueryLibrary;

/**
 * The concepts to score and the texts their prompts are made of, read from the store with the
 * {@code concept-vocabulary} named query: each concept's label, exact synonyms and Derm1M concept
 * phrases (distinct, case-insensitively; the label first).
 */
public final class ConceptVocabulary {
  /** A concept and its texts, the label first. */
  public record Concept(String iri, String label, List<String> texts) {
    public Concept {
      texts = List.copyOf(texts);
    }
  }

  private ConceptVocabulary() {}

  /**
   * The concepts under {@code classIri} (itself included), in IRI order, from a store with its
   * union default graph (or a dataset whose default graph holds the ontology).
   */
  public static List<Concept> read(DatasetGraph store, String classIri) {
    List<Binding> rows =
        QueryLibrary.shipped()
            .get("concept-vocabulary")
            .select(store, Map.of("class", NodeFactory.createURI(classIri)), -1, 0, 0);
    Map<String, String> labels = new LinkedHashMap<>();
    Map<String, LinkedHashSet<String>> texts = new LinkedHashMap<>();
    for (Binding b : rows) {
      String iri = b.get("concept").getURI();
      labels.putIfAbsent(iri, b.get("label").getLiteralLexicalForm());
      LinkedHashSet<String> t =
          texts.computeIfAbsent(iri, k -> new LinkedHashSet<>(List.of(labels.get(k))));
      String text = b.get("text").getLiteralLexicalForm().strip();
      if (!text.isEmpty() && t.stream().noneMatch(x -> x.equalsIgnoreCase(text))) {
        t.add(text);
      }
    }
    List<Concept> out = new ArrayList<>();
    labels.forEach(
        (iri, label) -> out.add(new Concept(iri, label, new ArrayList<>(texts.get(iri)))));
    return out;
  }
}
