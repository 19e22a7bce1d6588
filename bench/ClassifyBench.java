import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.zeroshot.classify.Classifier;

/**
 * Classify latency for one image on the CPU (bench/classify.sh): read + decode + preprocess + image
 * tower + zero-shot against cached class weights, warm, for HAM10000 (8 templates) and for every
 * level of the hierarchy (386 classes, bare names). The one-off cost of building the class weights
 * is reported separately.
 *
 * Usage: java -cp ... bench/ClassifyBench.java MODEL_DIR IMAGE RUNS CACHE_DIR
 */
public class ClassifyBench {
  public static void main(String[] a) throws Exception {
    Path modelDir = Path.of(a[0]);
    Path image = Path.of(a[1]);
    int runs = Integer.parseInt(a[2]);
    Path cache = Path.of(a[3]);
    OntologySnapshot s = OntologySnapshot.shipped();
    PromptGenerator gen = PromptGenerator.forOntology(s.rdf().getGraph(), s.version(), 60_000);
    try (ClipModel model = ClipModel.load(modelDir, false)) {
      Classifier c = new Classifier(gen, () -> model, cache);
      PromptRequest ham = PromptRequest.flat(new Selection.LabelSet("HAM10000"));
      long t0 = System.nanoTime();
      c.classifier(ham);
      System.out.printf("class weights HAM10000 (56 prompts): %.1f s (once, then cached)%n", (System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      float[] warm = model.encodeImages(new float[][] {model.preprocessor().preprocess(image)})[0];
      c.hierarchy(warm, 3, EnumSet.of(Strategy.NAME), Templates.builtIn("bare"));
      System.out.printf("class weights, every disease class (bare names): %.1f s (once, then cached)%n", (System.nanoTime() - t0) / 1e9);
      double[] flat = new double[runs];
      double[] hier = new double[runs];
      for (int i = 0; i < runs; i++) {
        long t = System.nanoTime();
        float[] emb = model.encodeImages(new float[][] {model.preprocessor().preprocess(image)})[0];
        c.classify(emb, ham, 5);
        flat[i] = (System.nanoTime() - t) / 1e6;
        t = System.nanoTime();
        emb = model.encodeImages(new float[][] {model.preprocessor().preprocess(image)})[0];
        c.hierarchy(emb, 3, EnumSet.of(Strategy.NAME), Templates.builtIn("bare"));
        hier[i] = (System.nanoTime() - t) / 1e6;
      }
      Arrays.sort(flat);
      Arrays.sort(hier);
      System.out.printf("classify one %d-byte image, HAM10000: median %.0f ms (min %.0f, max %.0f; %d runs)%n",
          Files.size(image), flat[runs / 2], flat[0], flat[runs - 1], runs);
      System.out.printf("classify one image, every hierarchy level + path: median %.0f ms (min %.0f, max %.0f)%n",
          hier[runs / 2], hier[0], hier[runs - 1]);
    }
  }
}
