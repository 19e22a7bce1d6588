package org.dermkg.zeroshot.concepts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.concepts.ConceptPredictions;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Dkg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concept runs on a real TDB2 store with planted vectors: a text encoder that puts every prompt on
 * a shared "skin" axis plus one axis per concept word it names (the real text tower is exercised by
 * ConceptsCliTest), and images that each lean towards one concept. Every image must get its planted
 * concept and no other; runs extend incrementally and are replaced when their settings change.
 */
class ConceptRunTest {
  private static final int DIM = 16;
  private static final String ROOT = Derm.CONCEPT_ROOT;
  private static final String PLAQUE = Derm.curieToIri("DERM:0002100");
  private static final String SCALE = Derm.curieToIri("DERM:0002200");
  private static final String FINE_SCALE = Derm.curieToIri("DERM:0002201");
  private static final String CRUST = Derm.curieToIri("DERM:0002300");
  private static final List<String> WORDS = List.of("plaque", "scal", "crust");
  private static final List<String> PLANTED = List.of(PLAQUE, SCALE, CRUST);

  @TempDir Path tmp;

  /** Axis 0 for every text; axis 1 + k when it names concept word k ("scaly" names scale). */
  static float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][DIM];
    for (int i = 0; i < texts.size(); i++) {
      out[i][0] = 1;
      String t = texts.get(i).toLowerCase(Locale.ROOT);
      for (int k = 0; k < WORDS.size(); k++) {
        if (t.contains(WORDS.get(k))) {
          out[i][1 + k] = 1;
        }
      }
    }
    return out;
  }

  private static String image(int i) {
    return Dkg.IMAGE_NS + "t/img" + i + ".jpg";
  }

  /** Image i leans to concept i % 3, with a little deterministic noise on the free axes. */
  private static float[] vector(int i) {
    float[] v = new float[DIM];
    v[0] = 1;
    v[1 + i % 3] = 0.8f;
    for (int d = 4; d < DIM; d++) {
      v[d] = (float) (0.05 * Math.sin(i * 7 + d));
    }
    return v;
  }

  private DermStore store() {
    DermStore s = DermStore.open(tmp.resolve("store"));
    s.dataset().getContext().set(org.apache.jena.tdb2.TDB2.symUnionDefaultGraph, true);
    Node g = NodeFactory.createURI(Dkg.ONTOLOGY_GRAPH);
    Node sub = RDFS.subClassOf.asNode();
    Node label = RDFS.label.asNode();
    Txn.executeWrite(
        s.dataset(),
        () -> {
          add(s, g, ROOT, label, "Clinical concept");
          for (String[] c :
              new String[][] {
                {PLAQUE, "Plaque", ROOT},
                {SCALE, "Scale", ROOT},
                {CRUST, "Crust", ROOT},
                {FINE_SCALE, "Fine scaling", SCALE}
              }) {
            add(s, g, c[0], label, c[1]);
            s.dataset().add(g, uri(c[0]), sub, uri(c[2]));
          }
          add(s, g, SCALE, uri(Derm.DERM1M_PHRASE), "scaly");
          for (int i = 0; i < 30; i++) {
            // annotated as planted; images 0 and 1 swap their plaque/scale annotation
            String c = i == 0 ? FINE_SCALE : i == 1 ? PLAQUE : PLANTED.get(i % 3);
            s.dataset().add(DermStore.IMAGES_GRAPH, uri(image(i)), uri(Dkg.CONCEPT), uri(c));
          }
        });
    return s;
  }

  private static void add(DermStore s, Node g, String subject, Node p, String text) {
    s.dataset().add(g, uri(subject), p, NodeFactory.createLiteralString(text));
  }

  private static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }

  private VectorFile.Loaded vectors(int n) {
    Path base = tmp.resolve("images");
    try (VectorFile.Appender a = VectorFile.openForAppend(base, DIM)) {
      for (int i = a.existing().size(); i < n; i++) {
        a.append(List.of(image(i)), new float[][] {vector(i)});
      }
    }
    return VectorFile.read(base);
  }

  @Test
  void everyImageGetsItsPlantedConceptAndRunsExtendIncrementally() {
    try (DermStore s = store()) {
      List<ConceptVocabulary.Concept> concepts = ConceptVocabulary.read(s.dataset(), ROOT);
      assertEquals(5, concepts.size(), concepts.toString());
      ConceptVocabulary.Concept scale =
          concepts.stream().filter(c -> c.iri().equals(SCALE)).findFirst().orElseThrow();
      assertEquals(List.of("Scale", "scaly"), scale.texts(), "label first, then the phrase");
      ConceptScorer scorer = ConceptScorer.build(concepts, ConceptRunTest::encode, "planted");
      ConceptRun.Options o = new ConceptRun.Options(ROOT, 1.0, 3, false, 16);
      List<Long> seen = new ArrayList<>();
      ConceptRun.Result first = ConceptRun.run(s, "m", "m", scorer, vectors(30), o, listener(seen));
      assertFalse(first.incremental());
      assertEquals(30, first.scored());
      assertEquals(List.of(30L, 16L, 30L), seen, "start, then rows done after each batch");
      Map<String, List<String>> byImage = byImage(s);
      assertEquals(30, byImage.size(), byImage.toString());
      for (int i = 0; i < 30; i++) {
        String expected = i % 3 == 1 ? List.of(SCALE, FINE_SCALE).toString() : null;
        List<String> got = byImage.get(image(i));
        if (expected != null) {
          // "Fine scaling" names scal too: the planted scale images show both
          assertTrue(got.contains(SCALE), i + ": " + got);
        } else {
          assertEquals(List.of(PLANTED.get(i % 3)), got, "image " + i);
        }
      }
      assertTrue(ConceptPredictions.all(s, "m").stream().allMatch(p -> p.score() >= 1.0));
      ConceptPredictions.Run run = ConceptPredictions.previous(s, "m").orElseThrow();
      assertEquals(scorer.promptSetHash(), run.promptSetHash());
      assertEquals(30, run.vectorRows());
      assertEquals(5, run.calibration().size());

      // ten more vectors: only they are scored, on the recorded calibration
      long before = ConceptPredictions.count(s, "m");
      ConceptRun.Result more = ConceptRun.run(s, "m", "m", scorer, vectors(40), o, listener(seen));
      assertTrue(more.incremental());
      assertEquals(10, more.scored());
      assertEquals(first.runIri(), more.runIri());
      assertEquals(before + more.predictions(), ConceptPredictions.count(s, "m"));
      assertEquals(
          run.calibration(), ConceptPredictions.previous(s, "m").orElseThrow().calibration());
      assertEquals(List.of(PLAQUE), byImage(s).get(image(39 - 39 % 3)));
      ConceptRun.Result none = ConceptRun.run(s, "m", "m", scorer, vectors(40), o, listener(seen));
      assertEquals(0, none.scored());

      // another threshold replaces the run: nothing is left of the old one
      ConceptRun.Result strict =
          ConceptRun.run(
              s,
              "m",
              "m",
              scorer,
              vectors(40),
              new ConceptRun.Options(ROOT, 5.0, 3, false, 16),
              listener(seen));
      assertFalse(strict.incremental());
      assertNotEquals(first.runIri(), strict.runIri());
      assertEquals(strict.predictions(), ConceptPredictions.count(s, "m"));
      assertTrue(strict.predictions() < before, "a higher threshold predicts less");
    }
  }

  @Test
  void aurocAgainstAnnotatedConceptsCountsSubConceptsForTheirAncestors() {
    try (DermStore s = store()) {
      ConceptScorer scorer =
          ConceptScorer.build(
              ConceptVocabulary.read(s.dataset(), ROOT), ConceptRunTest::encode, "planted");
      ConceptAuroc.Report r = ConceptAuroc.of(s.dataset(), scorer, vectors(40), 3);
      assertEquals(30, r.images(), "only the annotated images with vectors");
      Map<String, ConceptAuroc.Row> rows = new HashMap<>();
      r.rows().forEach(x -> rows.put(x.concept(), x));
      assertEquals(1.0, rows.get(CRUST).auroc(), 1e-9, "crust annotations are all planted");
      // image 0 (a plaque image) is annotated with fine scaling, which counts for scale
      assertEquals(10, rows.get(SCALE).positives());
      assertEquals(10, rows.get(PLAQUE).positives());
      assertTrue(rows.get(SCALE).auroc() < 1.0 && rows.get(SCALE).auroc() > 0.8, rows.toString());
      assertTrue(rows.get(PLAQUE).low() <= rows.get(PLAQUE).auroc());
      assertFalse(rows.containsKey(ROOT), "every image is under the root: no negatives");
      double macro = r.rows().stream().mapToDouble(ConceptAuroc.Row::auroc).average().orElseThrow();
      assertEquals(macro, r.macro(), 1e-12);
    }
  }

  private static ConceptRun.Listener listener(List<Long> seen) {
    return new ConceptRun.Listener() {
      @Override
      public void start(long rows) {
        seen.add(rows);
      }

      @Override
      public void progress(long rows) {
        seen.add(rows);
      }
    };
  }

  private static Map<String, List<String>> byImage(DermStore s) {
    Map<String, List<String>> m = new HashMap<>();
    ConceptPredictions.all(s, "m").stream()
        .sorted((a, b) -> Double.compare(b.score(), a.score()))
        .forEach(p -> m.computeIfAbsent(p.image(), k -> new ArrayList<>()).add(p.concept()));
    return m;
  }
}
