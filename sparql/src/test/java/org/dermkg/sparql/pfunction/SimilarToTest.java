package org.dermkg.sparql.pfunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.system.Txn;
import org.dermkg.errors.DermException;
import org.dermkg.errors.ErrorCode;
import org.dermkg.sparql.Prefixes;
import org.dermkg.sparql.TinyKg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dkg:similarTo composed with ordinary patterns on the tiny graph. The vectors come from a small
 * in-memory source (2-d, readable by eye); the server's tests run it over real embeddings.
 */
class SimilarToTest {
  static final String IMG = "https://w3id.org/dermkg/image/";
  static final Map<String, float[]> VECTORS =
      Map.of(
          IMG + "a.jpg", new float[] {1, 0},
          IMG + "b.jpg", new float[] {0.8f, 0.6f},
          IMG + "c.jpg", new float[] {0, 1},
          IMG + "d.jpg", new float[] {0.6f, 0.8f},
          IMG + "e.jpg", new float[] {-1, 0});

  /** Images diagnosed under Melanoma (DERM:0001011) in tiny-kg: a, b, e. */
  static final Set<String> UNDER_MELANOMA = Set.of(IMG + "a.jpg", IMG + "b.jpg", IMG + "e.jpg");

  static DatasetGraph dsg;

  @BeforeAll
  static void setUp() {
    SimilarTo.register();
    dsg = TinyKg.dataset();
    dsg.getContext().set(SimilaritySource.SYMBOL, new Source());
  }

  /** What a source without a text model throws (the store's throws EMB-MODEL-MISSING). */
  static final class NoModel extends DermException {
    private static final long serialVersionUID = 1L;

    NoModel(String message) {
      super(() -> new ErrorCode.Spec("TEST-NO-MODEL", 503, 2), message);
    }
  }

  static final class Source implements SimilaritySource {
    @Override
    public Optional<float[]> imageVector(String iri) {
      return Optional.ofNullable(VECTORS.get(iri));
    }

    @Override
    public float[] textVector(String text) {
      if (text.contains("melanoma")) {
        return new float[] {0.9f, 0.1f};
      }
      throw new NoModel("no text model");
    }

    @Override
    public List<Scored> nearest(float[] q, int k, Optional<String> under) {
      List<Scored> all = new ArrayList<>();
      VECTORS.forEach(
          (iri, v) -> {
            if (under.isEmpty() || UNDER_MELANOMA.contains(iri)) {
              all.add(new Scored(iri, cos(q, v)));
            }
          });
      all.sort(
          Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::imageIri));
      return all.subList(0, Math.min(k, all.size()));
    }

    @Override
    public OptionalDouble score(float[] q, String iri) {
      float[] v = VECTORS.get(iri);
      return v == null ? OptionalDouble.empty() : OptionalDouble.of(cos(q, v));
    }

    static double cos(float[] a, float[] b) {
      double d = 0;
      double na = 0;
      double nb = 0;
      for (int i = 0; i < a.length; i++) {
        d += a[i] * b[i];
        na += a[i] * a[i];
        nb += b[i] * b[i];
      }
      return d / Math.sqrt(na * nb);
    }
  }

  static List<String> images(String where) {
    String q =
        Prefixes.prologue()
            + "\nSELECT ?img ?score WHERE { "
            + where
            + " } ORDER BY DESC(?score) ?img";
    return Txn.calculateRead(
        dsg,
        () -> {
          try (QueryExec qe = QueryExec.dataset(dsg).query(q).build()) {
            RowSet rows = qe.select();
            List<String> out = new ArrayList<>();
            rows.forEachRemaining(b -> out.add(b.get("img").getURI().substring(IMG.length())));
            return out;
          }
        });
  }

  @Test
  void nearestImagesOfAnImage() {
    assertEquals(
        List.of("a.jpg", "b.jpg", "d.jpg"), images("(?img ?score) dkg:similarTo (img:a.jpg 3)"));
  }

  @Test
  void composedWithAPatternThatChoosesTheCandidatesItIsExactFilteredKnn() {
    // the plain index would answer a, b, d; d is not a melanoma, e is the next one that is
    assertEquals(
        List.of("a.jpg", "b.jpg", "e.jpg"),
        images("?img dkg:diagnosisUnder DERM:0001011 . (?img ?score) dkg:similarTo (img:a.jpg 3)"));
    assertEquals(
        List.of("b.jpg", "a.jpg"),
        images("(?img ?score) dkg:similarTo (img:c.jpg 2 DERM:0001011)"));
  }

  @Test
  void textQueriesSearchImageSpace() {
    assertEquals(List.of("a.jpg"), images("(?img ?score) dkg:similarTo (\"a melanoma\" 1)"));
  }

  @Test
  void badArgumentsAreQueryErrors() {
    assertThrows(
        QueryExecException.class, () -> images("(?img ?score) dkg:similarTo (img:a.jpg 0)"));
    assertThrows(
        QueryExecException.class, () -> images("(?img ?score) dkg:similarTo (img:zzz.jpg 2)"));
    assertThrows(
        QueryExecException.class, () -> images("(?img ?score) dkg:similarTo (\"psoriasis\" 2)"));
  }
}
