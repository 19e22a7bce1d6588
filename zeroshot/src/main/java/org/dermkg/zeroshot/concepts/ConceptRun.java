package org.dermkg.zeroshot.concepts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.concepts.ConceptPredictions;
import org.dermkg.graph.load.ImageIri;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/**
 * One {@code derm concepts} run over a model's stored vectors: every vector row scored against
 * every concept, the predictions above the threshold (at most {@code topK} per image, best first)
 * written batch by batch into the model's predicted-concepts graph. Incremental: when the model's
 * graph holds a run with the same prompts, threshold, top-k and subtree over a prefix of the same
 * vector file (the ids' hash tells), only the rows after it are scored, on the recorded
 * calibration; otherwise (or with {@code rescore}) the graph is replaced.
 */
public final class ConceptRun {
  /**
   * @param under the concept subtree scored (its IRI)
   * @param threshold the z-score a prediction needs
   * @param topK the most predictions per image
   * @param rescore score every row again even when an earlier run could be extended
   * @param batchRows rows per write transaction
   */
  public record Options(String under, double threshold, int topK, boolean rescore, int batchRows) {
    public Options {
      if (topK < 1 || topK > 1000) {
        throw new IllegalArgumentException("top-k must be from 1 to 1000, was " + topK);
      }
      if (!Double.isFinite(threshold)) {
        throw new IllegalArgumentException("the threshold must be a number, was " + threshold);
      }
      batchRows = Math.max(1, batchRows);
    }
  }

  /** What a run did. */
  public record Result(
      String runIri, boolean incremental, long scored, long predictions, long totalRows) {}

  /** Progress of the scoring: rows done of the rows to score. */
  public interface Listener {
    void start(long rows);

    void progress(long rows);
  }

  private ConceptRun() {}

  /** Scores the vectors not scored yet and writes their predictions. */
  public static Result run(
      DermStore store,
      String slug,
      String modelName,
      ConceptScorer scorer,
      VectorFile.Loaded vectors,
      Options o,
      Listener listener) {
    Ids ids = new Ids(vectors.ids());
    Optional<ConceptPredictions.Run> prev = ConceptPredictions.previous(store, slug);
    Optional<Calibration> kept = prev.flatMap(p -> extendable(p, scorer, ids, modelName, o));
    Calibration cal = kept.orElseGet(() -> Calibration.of(scorer, vectors.data(), vectors.size()));
    ConceptPredictions.Run run;
    if (kept.isPresent()) {
      run = prev.get();
    } else {
      run = fresh(modelName, scorer, o, ids.hash(0), cal);
      ConceptPredictions.start(store, slug, run, Instant.now());
    }
    long from = run.vectorRows();
    listener.start(vectors.size() - from);
    long predictions = 0;
    for (long a = from; a < vectors.size(); a += o.batchRows()) {
      int b = (int) Math.min(vectors.size(), a + o.batchRows());
      List<ConceptPredictions.Prediction> batch = predict(scorer, cal, vectors, (int) a, b, o);
      run = run.advanced(b, ids.hash(b), b - a);
      ConceptPredictions.append(store, slug, run, batch, Instant.now());
      predictions += batch.size();
      listener.progress(b - from);
    }
    return new Result(
        run.iri(), kept.isPresent(), vectors.size() - from, predictions, vectors.size());
  }

  /** A new run that has scored nothing yet. */
  private static ConceptPredictions.Run fresh(
      String modelName, ConceptScorer scorer, Options o, String emptyHash, Calibration cal) {
    return new ConceptPredictions.Run(
        Dkg.CONCEPT_RUN_NS + UUID.randomUUID(),
        modelName,
        scorer.promptSetHash(),
        o.under(),
        o.threshold(),
        o.topK(),
        0,
        emptyHash,
        0,
        cal.byConcept(scorer));
  }

  /** The recorded calibration when the earlier run can be extended as it is. */
  private static Optional<Calibration> extendable(
      ConceptPredictions.Run p, ConceptScorer scorer, Ids ids, String model, Options o) {
    boolean same =
        !o.rescore()
            && p.model().equals(model)
            && p.promptSetHash().equals(scorer.promptSetHash())
            && p.under().equals(o.under())
            && p.threshold() == o.threshold()
            && p.topK() == o.topK()
            && p.vectorRows() <= ids.size()
            && ids.hash((int) p.vectorRows()).equals(p.idsHash());
    return same ? Calibration.of(scorer, p.calibration()) : Optional.empty();
  }

  /** The predictions of rows [a, b): per row, the concepts at or over the threshold, best first. */
  static List<ConceptPredictions.Prediction> predict(
      ConceptScorer scorer, Calibration cal, VectorFile.Loaded v, int a, int b, Options o) {
    int n = scorer.concepts().size();
    float[] raw = scorer.score(v.data(), a, b);
    List<ConceptPredictions.Prediction> out = new ArrayList<>();
    List<double[]> hits = new ArrayList<>();
    for (int r = a; r < b; r++) {
      hits.clear();
      for (int c = 0; c < n; c++) {
        double z = cal.z(c, raw[(r - a) * n + c]);
        if (z >= o.threshold()) {
          hits.add(new double[] {z, c});
        }
      }
      hits.sort((x, y) -> x[0] != y[0] ? Double.compare(y[0], x[0]) : Double.compare(x[1], y[1]));
      String image = imageIri(v.ids().get(r));
      for (int i = 0; i < Math.min(o.topK(), hits.size()); i++) {
        int c = (int) hits.get(i)[1];
        out.add(
            new ConceptPredictions.Prediction(
                image, r, scorer.concepts().get(c).iri(), c, hits.get(i)[0]));
      }
    }
    return out;
  }

  /** A vector id as an image IRI (ids are IRIs; a bare file name is made one). */
  static String imageIri(String id) {
    return id.startsWith("http://") || id.startsWith("https://") ? id : ImageIri.of(id);
  }

  /** Hashes of prefixes of the vector ids, computed in one sequential pass. */
  private static final class Ids {
    private final List<String> ids;
    private final MessageDigest md;
    private int hashed;

    Ids(List<String> ids) {
      this.ids = ids;
      try {
        this.md = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    int size() {
      return ids.size();
    }

    /** The hash of the first {@code n} ids (cheapest when asked for in growing order). */
    String hash(int n) {
      if (n < hashed) {
        md.reset();
        hashed = 0;
      }
      for (; hashed < n; hashed++) {
        md.update(ids.get(hashed).getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      try {
        return "sha256:" + HexFormat.of().formatHex(((MessageDigest) md.clone()).digest());
      } catch (CloneNotSupportedException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
