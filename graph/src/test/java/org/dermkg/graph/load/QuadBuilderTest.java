package org.dermkg.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.dermkg.graph.derm1m.Derm1mRow;
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Dkg;
import org.junit.jupiter.api.Test;

class QuadBuilderTest {
  /** Issue #16: literals and IRIs shared one node cache keyed by the raw string. */
  @Test
  void aLiteralAndAnIriWithTheSameTextStayDifferentNodes() {
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    LabelIndex labels = new LabelIndex(snapshot);
    QuadBuilder quads = new QuadBuilder(labels, new DiagnosisClosure(snapshot));
    String concept = labels.concept("red").orElseThrow();
    // a source whose text is the concept's IRI: its literal is made (and cached) first
    Derm1mRow row =
        new Derm1mRow(
            "pretrain",
            2,
            "a/1.jpg",
            Optional.of("a caption"),
            Optional.empty(),
            Optional.of(concept),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of("red"),
            List.of(),
            List.of(),
            Optional.empty(),
            List.of());
    List<Quad> out = new ArrayList<>();
    quads.row(NodeFactory.createURI(ImageIri.of("a/1.jpg")), row, null, out::add);
    assertEquals(NodeFactory.createLiteralString(concept), object(out, Dkg.SOURCE));
    assertEquals(NodeFactory.createURI(concept), object(out, Dkg.CONCEPT));
    assertTrue(object(out, Dkg.CONCEPT).isURI());
  }

  private static Node object(List<Quad> quads, String predicate) {
    return quads.stream()
        .filter(q -> q.getPredicate().getURI().equals(predicate))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + predicate + " in " + quads))
        .getObject();
  }
}
