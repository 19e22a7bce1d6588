package org.dermkg.graph.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links from images to their vector rows: appended when a prefix is linked, rewritten otherwise.
 */
class EmbeddingLinksTest {
  @TempDir Path tmp;

  /** Image IRI to its linked rows (a list, so a doubled link shows). */
  static Map<String, List<Integer>> links(DermStore store, String slug) {
    Node rowP = NodeFactory.createURI(Dkg.ROW);
    Node hasEmbedding = NodeFactory.createURI(Dkg.HAS_EMBEDDING);
    Map<String, List<Integer>> out = new TreeMap<>();
    Txn.executeRead(
        store.dataset(),
        () ->
            store
                .dataset()
                .find(EmbeddingLinks.GRAPH, Node.ANY, hasEmbedding, Node.ANY)
                .forEachRemaining(
                    q -> {
                      if (q.getObject().getURI().endsWith("#" + slug)) {
                        List<Integer> rows = new java.util.ArrayList<>();
                        store
                            .dataset()
                            .find(EmbeddingLinks.GRAPH, q.getObject(), rowP, Node.ANY)
                            .forEachRemaining(
                                r ->
                                    rows.add(
                                        Integer.parseInt(r.getObject().getLiteralLexicalForm())));
                        out.put(q.getSubject().getURI(), rows);
                      }
                    }));
    return out;
  }

  @Test
  void appendsToALinkedPrefixAndRewritesWhenTheFileChanged() {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      EmbeddingLinks.ModelRef m =
          new EmbeddingLinks.ModelRef("m", "model-x", 4, tmp.resolve("emb/m/images"));
      EmbeddingLinks.link(store, m, List.of("urn:a", "urn:b"));
      assertEquals(Map.of("urn:a", List.of(0), "urn:b", List.of(1)), links(store, "m"));
      // the file grew: the new row is added, the others stay as they are
      EmbeddingLinks.link(store, m, List.of("urn:a", "urn:b", "urn:c"));
      assertEquals(
          Map.of("urn:a", List.of(0), "urn:b", List.of(1), "urn:c", List.of(2)), links(store, "m"));
      // the file was cut back and refilled in another order: everything is relinked
      EmbeddingLinks.link(store, m, List.of("urn:a", "urn:c"));
      assertEquals(Map.of("urn:a", List.of(0), "urn:c", List.of(1)), links(store, "m"));
      // the same rows, another vector file: relinked to it
      EmbeddingLinks.ModelRef moved =
          new EmbeddingLinks.ModelRef("m", "model-x", 4, tmp.resolve("elsewhere/images"));
      EmbeddingLinks.link(store, moved, List.of("urn:a", "urn:c", "urn:b"));
      assertEquals(
          Map.of("urn:a", List.of(0), "urn:c", List.of(1), "urn:b", List.of(2)), links(store, "m"));
      Node file = NodeFactory.createURI(Dkg.VECTOR_FILE);
      long files =
          Txn.calculateRead(
              store.dataset(),
              () ->
                  org.apache.jena.atlas.iterator.Iter.count(
                      store
                          .dataset()
                          .find(
                              EmbeddingLinks.GRAPH,
                              NodeFactory.createURI(moved.iri()),
                              file,
                              Node.ANY)));
      assertEquals(1, files);
      // another model's links are its own
      EmbeddingLinks.link(
          store,
          new EmbeddingLinks.ModelRef("n", "model-y", 8, tmp.resolve("emb/n/images")),
          List.of("urn:b"));
      assertEquals(Map.of("urn:b", List.of(0)), links(store, "n"));
      assertEquals(3, links(store, "m").size());
    }
  }
}
