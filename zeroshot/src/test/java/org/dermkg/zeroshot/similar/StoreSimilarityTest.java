package org.dermkg.zeroshot.similar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.zeroshot.Fixtures;
import org.dermkg.zeroshot.model.LazyModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An in-memory store with six images (three diagnosed under class A, three under B) and their
 * 32-dimensional vectors: the nearest images, the class filter, scores, diagnoses, the model.
 */
class StoreSimilarityTest {
  private static final int DIM = 32;
  private static final String A = "https://w3id.org/dermkg/DERM_0009001";
  private static final String B = "https://w3id.org/dermkg/DERM_0009002";

  @TempDir Path tmp;

  private static String image(int i) {
    return "https://w3id.org/dermkg/image/TEST/img" + i + ".jpg";
  }

  /** Image i points mostly along axis i, a little along axis 6 + i % 2 (its class's axis). */
  private static float[] vector(int i) {
    float[] v = new float[DIM];
    v[i] = 1f;
    v[6 + i % 2] = 0.5f;
    return v;
  }

  private DatasetGraph store() {
    DatasetGraph ds = DatasetGraphFactory.createTxnMem();
    Node under = NodeFactory.createURI(Dkg.DIAGNOSIS_UNDER);
    Node diagnosis = NodeFactory.createURI(Dkg.DIAGNOSIS);
    Txn.executeWrite(
        ds,
        () -> {
          for (int i = 0; i < 6; i++) {
            Node img = NodeFactory.createURI(image(i));
            Node cls = NodeFactory.createURI(i % 2 == 0 ? A : B);
            ds.add(DermStore.IMAGES_GRAPH, img, under, cls);
            ds.add(DermStore.IMAGES_GRAPH, img, diagnosis, cls);
          }
          ds.add(
              NodeFactory.createURI("urn:ontology"),
              NodeFactory.createURI(A),
              RDFS.label.asNode(),
              NodeFactory.createLiteralString("class A"));
        });
    return ds;
  }

  private Path vectors() {
    Path base = tmp.resolve("images");
    List<String> ids = new ArrayList<>();
    float[][] rows = new float[6][];
    for (int i = 0; i < 6; i++) {
      ids.add(image(i));
      rows[i] = vector(i);
    }
    try (VectorFile.Appender a = VectorFile.openForAppend(base, DIM)) {
      a.append(ids, rows);
    }
    return base;
  }

  @Test
  void noVectorFileNoSource() {
    try (LazyModel model = new LazyModel(tmp)) {
      assertTrue(StoreSimilarity.open(store(), tmp.resolve("none"), model).isEmpty());
    }
  }

  @Test
  void nearestFirstThenTheClassFilterExactOrHnsw() {
    try (LazyModel model = new LazyModel(tmp);
        StoreSimilarity sim = StoreSimilarity.open(store(), vectors(), model).orElseThrow()) {
      assertEquals(6, sim.size());
      float[] q = sim.imageVector(image(2)).orElseThrow();
      for (boolean exact : new boolean[] {true, false}) {
        List<SimilaritySource.Scored> all = sim.nearest(q, 3, Optional.empty(), exact);
        assertEquals(image(2), all.get(0).imageIri());
        assertEquals(1.0, all.get(0).score(), 1e-5);
        // the other images of class A share the class axis: they come next
        assertTrue(List.of(image(0), image(4)).contains(all.get(1).imageIri()), all.toString());
        List<SimilaritySource.Scored> underB = sim.nearest(q, 5, Optional.of(B), exact);
        assertEquals(
            List.of(image(1), image(3), image(5)),
            underB.stream().map(SimilaritySource.Scored::imageIri).sorted().toList());
      }
      assertArrayEquals(new int[] {0, 2, 4}, sim.rowsUnder(A));
      assertEquals(0, sim.rowsUnder("urn:none").length);
      assertEquals(1.0, sim.score(vector(3), image(3)).orElseThrow(), 1e-5);
      assertTrue(sim.score(q, "urn:no-image").isEmpty());
      assertTrue(sim.imageVector("urn:no-image").isEmpty());
    }
  }

  @Test
  void diagnosesAreLabelsOrIris() {
    try (LazyModel model = new LazyModel(tmp);
        StoreSimilarity sim = StoreSimilarity.open(store(), vectors(), model).orElseThrow()) {
      assertEquals(List.of("class A"), sim.diagnoses(image(0)));
      assertEquals(List.of(B), sim.diagnoses(image(1)));
      assertEquals(List.of(), sim.diagnoses("urn:no-image"));
    }
  }

  @Test
  void withoutAModelTextQueriesFailAsEachCallerExpects() {
    try (LazyModel model = new LazyModel(tmp);
        StoreSimilarity sim = StoreSimilarity.open(store(), vectors(), model).orElseThrow()) {
      // the SPARQL function's interface: the same code, with the message
      EmbeddingsException spi =
          assertThrows(EmbeddingsException.class, () -> sim.textVector("a plaque"));
      assertEquals(EmbeddingsException.Code.MODEL_MISSING, spi.code());
      assertTrue(spi.getMessage().startsWith("no model at "), spi.getMessage());
      EmbeddingsException e =
          assertThrows(EmbeddingsException.class, () -> sim.encodeText("a plaque"));
      assertEquals(EmbeddingsException.Code.MODEL_MISSING, e.code());
      assertEquals(
          EmbeddingsException.Code.MODEL_MISSING,
          assertThrows(
                  EmbeddingsException.class,
                  () -> sim.encodeImage(Fixtures.IMAGES.resolve("landscape.png")))
              .code());
    }
  }

  @Test
  void textAndImageQueriesUseTheOwnersModelWhichOutlivesTheSource() {
    try (LazyModel model = new LazyModel(Fixtures.TINY)) {
      try (StoreSimilarity sim = StoreSimilarity.open(store(), vectors(), model).orElseThrow()) {
        float[] t = sim.textVector("a red scaly plaque");
        assertEquals(DIM, t.length);
        assertArrayEquals(t, sim.encodeText("a red scaly plaque"), 1e-6f);
        float[] img = sim.encodeImage(Fixtures.IMAGES.resolve("landscape.png"));
        assertEquals(6, sim.nearest(img, 10, Optional.empty()).size());
      }
      // closing the source left the model to its owner
      assertEquals(DIM, model.get().encodeTexts(List.of("still open"))[0].length);
    }
  }
}
