package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.load.ImageIri;
import org.dermkg.graph.store.DermStore;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.sparql.terms.TermService;
import org.dermkg.zeroshot.model.LazyModel;
import org.dermkg.zeroshot.similar.StoreSimilarity;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm similar}: the images nearest to an image, an image file or a text. */
@Command(
    name = "similar",
    description = {
      "The k images most similar to a stored image (--id), an image file (--image) or a text (--text, embedded by",
      "the text tower and searched in image space), by cosine over the vectors derm embed wrote. HNSW (Lucene) by",
      "default, kept next to the vectors and brought up to date first; --exact scores every vector. --under TERM",
      "keeps images whose diagnosis is under a class. Prints rank, score, image and diagnosis."
    },
    mixinStandardHelpOptions = true)
final class SimilarCommand implements Callable<Integer> {
  static final class Query {
    @Option(
        names = "--id",
        paramLabel = "IMAGE",
        description = "A stored image: its IRI or file name.")
    String id;

    @Option(names = "--image", paramLabel = "FILE", description = "An image file.")
    Path image;

    @Option(
        names = "--text",
        paramLabel = "TEXT",
        description = "A text, e.g. \"scaly plaques on the elbow\".")
    String text;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Query query;

  @Option(
      names = {"-k", "--k"},
      defaultValue = "10",
      description = "How many (default ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--under",
      paramLabel = "TERM",
      description = "Only images diagnosed under this class (id).")
  String under;

  @Option(names = "--exact", description = "Exact search instead of HNSW.")
  boolean exact;

  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (DERM_STORE).")
  String store;

  @Mixin ModelOptions models;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("--k must be from 1 to 1000");
    }
    DermConfig config = DermConfig.load();
    Path modelDir = models.modelDir(config);
    Path base = models.images(config);
    PrintWriter o = spec.commandLine().getOut();
    try (DermStore s = DermStore.open(config.path(Key.STORE, store));
        LazyModel model = new LazyModel(modelDir);
        StoreSimilarity sim =
            StoreSimilarity.open(s.dataset(), base, model, ModelOptions.indexParams(config))
                .orElseThrow(
                    () ->
                        new EmbeddingsException(
                            EmbeddingsException.Code.VECTORS_INVALID,
                            "no vectors at " + VectorFile.vectors(base) + " (run derm embed)"))) {
      float[] q = queryVector(sim);
      Optional<String> cls =
          under == null
              ? Optional.empty()
              : Optional.of(new TermService(s.dataset(), 0).resolve(under));
      long t0 = System.nanoTime();
      List<SimilaritySource.Scored> hits = sim.nearest(q, k, cls, exact);
      print(o, sim, hits, (System.nanoTime() - t0) / 1e6);
    }
    return 0;
  }

  private void print(
      PrintWriter o, StoreSimilarity sim, List<SimilaritySource.Scored> hits, double ms) {
    int rank = 1;
    for (SimilaritySource.Scored h : hits) {
      o.printf(
          Locale.ROOT,
          "%d\t%.4f\t%s\t%s%n",
          rank++,
          h.score(),
          h.imageIri(),
          String.join("; ", sim.diagnoses(h.imageIri())));
    }
    o.printf(
        Locale.ROOT,
        "# %d of %d images, %s search in %.2f ms%n",
        hits.size(),
        sim.size(),
        exact ? "exact" : "HNSW",
        ms);
    o.flush();
  }

  private float[] queryVector(StoreSimilarity sim) {
    if (query.id != null) {
      String iri = query.id.startsWith("http") ? query.id : ImageIri.of(query.id);
      return sim.imageVector(iri)
          .orElseThrow(
              () ->
                  new EmbeddingsException(
                      EmbeddingsException.Code.BAD_ARGUMENT,
                      "no vector for image " + iri + " (run derm embed)"));
    }
    return query.text != null ? sim.encodeText(query.text) : sim.encodeImage(query.image);
  }
}
