package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.graph.store.DermStore;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import org.dermkg.server.http.ModelSettings;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.zeroshot.model.LazyModel;
import org.dermkg.zeroshot.similar.StoreSimilarity;

/**
 * The models {@code derm serve} serves: the configured one (the default) and those of {@code
 * --models}, each with its slug, its lazily loaded model, its class-weight cache and, when {@code
 * derm embed} wrote its vectors, its similarity source (in the dataset's context: the default under
 * {@link SimilaritySource#SYMBOL}, all of them by slug under {@link SimilaritySource#BY_MODEL}).
 * Closes what it opened.
 */
final class ServedModels implements AutoCloseable {
  private final List<ModelSettings.Served> served = new ArrayList<>();
  private final List<StoreSimilarity> similarities = new ArrayList<>();
  private final Map<String, SimilaritySource> bySlug = new LinkedHashMap<>();

  /**
   * Opens the models' similarity sources (building a missing HNSW index once) and puts them in the
   * store's context.
   */
  static ServedModels open(
      DermStore s, DermConfig config, ModelOptions defaults, List<Path> more, PrintWriter out) {
    ServedModels m = new ServedModels();
    try {
      Path root = config.path(Key.EMBEDDINGS, null);
      m.add(s, config, defaults.slug(config), defaults.modelDir(config), defaults.dir(config), out);
      for (Path dir : more) {
        String slug = ModelOptions.slugOf(dir);
        if (m.served.stream().anyMatch(x -> x.slug().equals(slug))) {
          throw new IllegalArgumentException("--models: two models named '" + slug + "'");
        }
        m.add(s, config, slug, dir, root.resolve(slug), out);
      }
      if (!m.bySlug.isEmpty()) {
        s.dataset().getContext().set(SimilaritySource.BY_MODEL, Map.copyOf(m.bySlug));
      }
      return m;
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
  }

  private void add(
      DermStore s, DermConfig config, String slug, Path modelDir, Path dir, PrintWriter out) {
    LazyModel model = new LazyModel(modelDir);
    served.add(new ModelSettings.Served(slug, model, dir));
    Path vectors = dir.resolve("images");
    if (Files.exists(vectors.resolveSibling("images.f32"))) {
      out.println(
          "derm serve: loading image embeddings of "
              + slug
              + " from "
              + dir
              + (Files.isDirectory(vectors.resolveSibling("images.hnsw"))
                  ? ""
                  : " (building the HNSW index once: about 2.5 minutes per 400,000 images on two cores)"));
      out.flush();
    }
    Optional<StoreSimilarity> sim =
        StoreSimilarity.open(s.dataset(), vectors, model, ModelOptions.indexParams(config));
    sim.ifPresent(
        x -> {
          similarities.add(x);
          bySlug.put(slug, x);
          if (served.size() == 1) {
            s.dataset().getContext().set(SimilaritySource.SYMBOL, x);
          }
        });
  }

  /** The served models, the default first. */
  List<ModelSettings.Served> served() {
    return List.copyOf(served);
  }

  /** What /api/health says of the embeddings: "N images", or per model when there are several. */
  String describe() {
    if (similarities.isEmpty()) {
      return "none";
    }
    if (similarities.size() == 1) {
      return similarities.get(0).size() + " images";
    }
    List<String> parts = new ArrayList<>();
    int i = 0;
    for (String slug : bySlug.keySet()) {
      parts.add(slug + ": " + similarities.get(i++).size() + " images");
    }
    return String.join(", ", parts);
  }

  @Override
  public void close() {
    similarities.forEach(StoreSimilarity::close);
    served.forEach(s -> s.model().close());
  }
}
