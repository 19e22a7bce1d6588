package org.dermkg.zeroshot.similar;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.embeddings.vectors.VectorImport;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.graph.store.DermStore;

/**
 * Vectors computed elsewhere into a store, as {@code derm embed} would have left them: ids are
 * matched to the store's images (by file name as the dataset lists it, or by IRI), the good rows
 * are appended to the model's vector file ({@link VectorImport}) and every row of the file is
 * linked to its image in the embeddings graph. Linking always covers the whole file, so a run whose
 * linking failed is repaired by the next. The similarity index picks the new rows up on its next
 * open (only new rows are added to an existing HNSW index).
 */
public final class StoreVectorImport {
  private StoreVectorImport() {}

  /** What the import did and how many images the model's vectors are linked to now. */
  public record Result(VectorImport.Report report, int linked) {}

  public static Result run(
      DermStore store,
      VectorImport.Source source,
      EmbeddingLinks.ModelRef model,
      Path rejects,
      VectorImport.Progress progress) {
    VectorImport.Report r =
        VectorImport.run(
            source, model.dimension(), resolver(store), model.vectorFile(), rejects, progress);
    List<String> rows = VectorFile.readIds(model.vectorFile());
    int linked = EmbeddingLinks.link(store, model, rows);
    return new Result(r, linked);
  }

  /** An id to the IRI of the store's image it names: a file name of the dataset, or an IRI. */
  static Function<String, Optional<String>> resolver(DermStore store) {
    Map<String, String> byFile = new HashMap<>();
    Set<String> iris = new HashSet<>();
    for (EmbeddingLinks.ImageFile f : EmbeddingLinks.images(store)) {
      byFile.put(f.filename(), f.iri());
      iris.add(f.iri());
    }
    return id -> {
      String iri = byFile.get(id);
      return iri != null
          ? Optional.of(iri)
          : iris.contains(id) ? Optional.of(id) : Optional.empty();
    };
  }
}
