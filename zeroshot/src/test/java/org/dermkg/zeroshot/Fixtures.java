package org.dermkg.zeroshot;

import java.nio.file.Path;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.prompts.PromptGenerator;

/** The embeddings module's test fixtures and the shipped ontology's prompt generator. */
public final class Fixtures {
  /** The tiny TorchScript CLIP (random weights, 32-dimensional embeddings). */
  public static final Path TINY = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");

  /** Small test images (png, jpg). */
  public static final Path IMAGES = Path.of("../embeddings/src/test/resources/fixtures/preprocess");

  private Fixtures() {}

  /** A prompt generator over the shipped ontology. */
  public static PromptGenerator prompts() {
    OntologySnapshot s = OntologySnapshot.shipped();
    return PromptGenerator.forOntology(s.rdf().getGraph(), s.version(), 60_000);
  }

  /** The model's embedding of an image file. */
  public static float[] embed(ClipModel model, Path image) {
    return model.encodeImages(new float[][] {model.preprocessor().preprocess(image)})[0];
  }
}
