package org.dermkg.zeroshot.retrieval;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.dermkg.embeddings.vectors.VectorFile;

/**
 * Embeds captions with a text tower into a vector file ({@code <embeddings>/<slug>/captions.f32}
 * and {@code .ids}, ids the caption IRIs), in batches; resumable: captions already in the file are
 * skipped, and a file cut short by a crash is cut back to its whole records first.
 */
public final class CaptionEmbedder {
  /** What a run did. */
  public record Report(int embedded, int alreadyThere, double captionsPerSecond) {}

  /** Progress: captions done of the captions to embed. */
  public interface Listener {
    void progress(long done, long total);
  }

  private CaptionEmbedder() {}

  /** Embeds the captions not in the file yet. */
  public static Report run(
      Function<List<String>, float[][]> encode,
      int dim,
      List<Captions.Caption> captions,
      java.nio.file.Path base,
      int batch,
      Listener listener) {
    long t0 = System.nanoTime();
    try (VectorFile.Appender a = VectorFile.openForAppend(base, dim)) {
      Set<String> done = new HashSet<>(a.existing());
      List<Captions.Caption> todo = new ArrayList<>();
      for (Captions.Caption c : captions) {
        if (!done.contains(c.iri())) {
          todo.add(c);
        }
      }
      for (int from = 0; from < todo.size(); from += batch) {
        List<Captions.Caption> part = todo.subList(from, Math.min(todo.size(), from + batch));
        List<String> ids = new ArrayList<>(part.size());
        List<String> texts = new ArrayList<>(part.size());
        part.forEach(
            c -> {
              ids.add(c.iri());
              texts.add(c.text());
            });
        a.append(ids, encode.apply(texts));
        listener.progress(from + part.size(), todo.size());
      }
      double s = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
      return new Report(todo.size(), captions.size() - todo.size(), todo.size() / s);
    }
  }
}
