import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.concepts.ConceptPredictions;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.zeroshot.concepts.Calibration;
import org.dermkg.zeroshot.concepts.ConceptRun;
import org.dermkg.zeroshot.concepts.ConceptScorer;
import org.dermkg.zeroshot.concepts.ConceptVocabulary;

/**
 * derm concepts at Derm1M scale (bench/concepts.sh): N random 512-d vectors scored against every
 * concept of the shipped ontology (its real prompts, encoded by a deterministic stand-in text
 * encoder: the text tower's one-off cost is not what is measured), median of RUNS scoring passes;
 * then one whole run into a fresh TDB2 store (calibration, scoring, predictions written in 20,000-row
 * transactions) and an incremental re-run with nothing new.
 *
 * Usage: java -cp ... bench/ConceptsBench.java N RUNS STORE_DIR
 */
public class ConceptsBench {
  static final int DIM = 512;

  static float[][] encode(List<String> texts) {
    float[][] out = new float[texts.size()][DIM];
    for (int i = 0; i < texts.size(); i++) {
      Random r = new Random(texts.get(i).hashCode());
      for (int d = 0; d < DIM; d++) {
        out[i][d] = (float) r.nextGaussian();
      }
    }
    return out;
  }

  public static void main(String[] a) throws Exception {
    int n = Integer.parseInt(a[0]);
    int runs = Integer.parseInt(a[1]);
    Path storeDir = Path.of(a[2]);
    OntologySnapshot s = OntologySnapshot.shipped();
    var concepts =
        ConceptVocabulary.read(DatasetGraphFactory.wrap(s.rdf().getGraph()), Derm.CONCEPT_ROOT);
    int prompts = concepts.stream().mapToInt(c -> ConceptScorer.prompts(c).size()).sum();
    ConceptScorer scorer = ConceptScorer.build(concepts, ConceptsBench::encode, "bench");
    Random r = new Random(1);
    float[] data = new float[n * DIM];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) r.nextGaussian();
    }
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add("https://w3id.org/dermkg/image/bench/img" + i + ".jpg");
    }
    VectorFile.Loaded v = new VectorFile.Loaded(DIM, ids, data);
    System.out.printf("%d concepts, %d prompts; %,d vectors x %d%n", concepts.size(), prompts, n, DIM);
    double[] t = new double[runs];
    for (int k = 0; k < runs; k++) {
      long t0 = System.nanoTime();
      for (int from = 0; from < n; from += 20_000) {
        scorer.score(data, from, Math.min(n, from + 20_000));
      }
      t[k] = (System.nanoTime() - t0) / 1e9;
    }
    Arrays.sort(t);
    System.out.printf("scoring %,d x %d concepts: median %.2f s (%s)%n", n, concepts.size(), t[runs / 2], Arrays.toString(t));
    long t0 = System.nanoTime();
    Calibration.of(scorer, data, n);
    System.out.printf("calibration (sample of %,d): %.2f s%n", Math.min(n, Calibration.SAMPLE), (System.nanoTime() - t0) / 1e9);
    try (DermStore store = DermStore.open(storeDir)) {
      ConceptRun.Listener quiet =
          new ConceptRun.Listener() {
            public void start(long rows) {}

            public void progress(long rows) {}
          };
      ConceptRun.Options o = new ConceptRun.Options(Derm.CONCEPT_ROOT, 2.5, 3, false, 20_000);
      t0 = System.nanoTime();
      ConceptRun.Result res = ConceptRun.run(store, "bench", "bench", scorer, v, o, quiet);
      System.out.printf(
          "whole run into TDB2: %.1f s, %,d predictions (%,d per image on random vectors)%n",
          (System.nanoTime() - t0) / 1e9, res.predictions(), res.predictions() / Math.max(1, n));
      t0 = System.nanoTime();
      ConceptRun.Result again = ConceptRun.run(store, "bench", "bench", scorer, v, o, quiet);
      System.out.printf("incremental re-run (nothing new, scored %d): %.1f s%n", again.scored(), (System.nanoTime() - t0) / 1e9);
      System.out.printf("predictions in the graph: %,d%n", ConceptPredictions.count(store, "bench"));
    }
  }
}
