package org.dermkg.zeroshot.retrieval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/** The store's captions: node, image, and the text the text tower reads. */
public final class Captions {
  /**
   * A caption.
   *
   * @param text the CLIP-length text when the release gives one (dkg:truncatedText), else the text
   */
  public record Caption(String iri, String image, String text) {}

  private Captions() {}

  /** Every caption of the images graph, ordered by IRI. */
  public static List<Caption> read(DermStore store) {
    DatasetGraph dsg = store.dataset();
    Node g = DermStore.IMAGES_GRAPH;
    return Txn.calculateRead(
        dsg,
        () -> {
          Map<String, String> text = new HashMap<>();
          Map<String, String> truncated = new HashMap<>();
          dsg.find(g, Node.ANY, uri(Dkg.TEXT), Node.ANY)
              .forEachRemaining(q -> text.put(q.getSubject().getURI(), lexical(q.getObject())));
          dsg.find(g, Node.ANY, uri(Dkg.TRUNCATED_TEXT), Node.ANY)
              .forEachRemaining(
                  q -> truncated.put(q.getSubject().getURI(), lexical(q.getObject())));
          List<Caption> out = new ArrayList<>();
          dsg.find(g, Node.ANY, uri(Dkg.CAPTION_PROP), Node.ANY)
              .forEachRemaining(
                  q -> {
                    String c = q.getObject().isURI() ? q.getObject().getURI() : null;
                    String t = c == null ? null : truncated.getOrDefault(c, text.get(c));
                    if (t != null && q.getSubject().isURI()) {
                      out.add(new Caption(c, q.getSubject().getURI(), t));
                    }
                  });
          out.sort(java.util.Comparator.comparing(Caption::iri));
          return out;
        });
  }

  private static String lexical(Node n) {
    return n.isLiteral() ? n.getLiteralLexicalForm() : "";
  }

  private static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }
}
