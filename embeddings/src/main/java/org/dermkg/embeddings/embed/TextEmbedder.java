package org.dermkg.embeddings.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;

/**
 * Text embeddings of a prompt set (the JSON of derm prompts, or any JSON with {@code classnames}
 * and a {@code prompts} map from class name to prompt list): every prompt's embedding, and each
 * class's zero-shot weight as the paper computes it (prompt embeddings L2-normalised, averaged,
 * normalised again).
 */
public final class TextEmbedder {
  /** A prompt set: class names in order and each class's prompts. */
  public record PromptSet(
      List<String> classnames, Map<String, List<String>> prompts, String hash) {}

  /** What was written. */
  public record Report(
      int classes, int prompts, Path classVectors, Path promptVectors, double seconds) {}

  private TextEmbedder() {}

  /**
   * Reads a prompt-set JSON.
   *
   * @throws EmbeddingsException BAD_ARGUMENT naming the file and the missing or malformed part
   */
  public static PromptSet read(Path file) {
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new EmbeddingsException(Code.BAD_ARGUMENT, file + " is not JSON: " + e.getMessage(), e);
    }
    JsonNode names = n.get("classnames");
    JsonNode prompts = n.get("prompts");
    if (names == null || !names.isArray() || names.isEmpty()) {
      throw new EmbeddingsException(Code.BAD_ARGUMENT, file + ": no 'classnames' list");
    }
    List<String> classnames = new ArrayList<>();
    Map<String, List<String>> byClass = new LinkedHashMap<>();
    JsonNode templates = n.get("templates");
    for (JsonNode c : names) {
      String name = c.asText();
      classnames.add(name);
      List<String> list = new ArrayList<>();
      JsonNode p = prompts == null ? null : prompts.get(name);
      if (p != null && p.isArray()) {
        p.forEach(x -> list.add(x.asText()));
      } else if (templates != null && templates.isArray()) {
        templates.forEach(t -> list.add(t.asText().replace("{}", name)));
      }
      if (list.isEmpty()) {
        throw new EmbeddingsException(
            Code.BAD_ARGUMENT,
            file + ": class '" + name + "' has no prompts (and there are no templates)");
      }
      byClass.put(name, list);
    }
    String hash = n.at("/provenance/content_hash").asText("");
    return new PromptSet(classnames, byClass, hash);
  }

  /**
   * Embeds every prompt and writes {@code base.classes} (one normalised weight per class, ids =
   * class names) and {@code base.prompts} (one vector per prompt, ids = "class index TAB prompt").
   */
  public static Report run(ClipModel model, PromptSet set, Path base, int batchSize) {
    long t0 = System.nanoTime();
    int dim = model.config().embedDim();
    Path classBase = base.resolveSibling(base.getFileName() + ".classes");
    Path promptBase = base.resolveSibling(base.getFileName() + ".prompts");
    delete(base, classBase, promptBase);
    int total = 0;
    try (VectorFile.Appender classes = VectorFile.openForAppend(classBase, dim);
        VectorFile.Appender prompts = VectorFile.openForAppend(promptBase, dim)) {
      for (int c = 0; c < set.classnames().size(); c++) {
        String name = set.classnames().get(c);
        List<String> list = set.prompts().get(name);
        float[] weight = classWeight(model, prompts, c, list, batchSize);
        classes.append(List.of(name.replace('\n', ' ')), new float[][] {weight});
        total += list.size();
      }
    }
    return new Report(
        set.classnames().size(), total, classBase, promptBase, (System.nanoTime() - t0) / 1e9);
  }

  private static void delete(Path base, Path classBase, Path promptBase) {
    try {
      Files.deleteIfExists(VectorFile.vectors(classBase));
      Files.deleteIfExists(VectorFile.ids(classBase));
      Files.deleteIfExists(VectorFile.vectors(promptBase));
      Files.deleteIfExists(VectorFile.ids(promptBase));
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot replace " + base + ": " + e.getMessage(), e);
    }
  }

  /**
   * Embeds class {@code c}'s prompts a batch at a time, appending each unit vector to {@code
   * prompts}, and returns their normalised mean.
   */
  private static float[] classWeight(
      ClipModel model, VectorFile.Appender prompts, int c, List<String> list, int batchSize) {
    int dim = model.config().embedDim();
    float[] sum = new float[dim];
    for (int from = 0; from < list.size(); from += batchSize) {
      List<String> batch = list.subList(from, Math.min(list.size(), from + batchSize));
      float[][] emb = model.encodeTexts(batch);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < emb.length; i++) {
        normalize(emb[i]);
        for (int d = 0; d < dim; d++) {
          sum[d] += emb[i][d];
        }
        ids.add(c + "\t" + batch.get(i).replace('\n', ' ').replace('\r', ' '));
      }
      prompts.append(ids, emb);
    }
    for (int d = 0; d < dim; d++) {
      sum[d] /= list.size();
    }
    normalize(sum);
    return sum;
  }

  /** Scales a vector to unit length (a zero vector stays zero). */
  public static void normalize(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    double n = Math.sqrt(s);
    if (n > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / n);
      }
    }
  }
}
