package org.dermkg.embeddings.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * Checks a loaded model against the {@code parity.json} its export wrote: the Java tokenizer's ids
 * must equal open_clip's exactly, and the Java text embeddings (DJL's libtorch) must equal the
 * exporting torch's within a tolerance.
 */
public final class ParityCheck {
  /** The outcome: texts compared, whether every id matched, the largest embedding difference. */
  public record Result(int texts, boolean idsMatch, double maxAbsDiff, List<String> problems) {
    public boolean passed(double tolerance) {
      return idsMatch && maxAbsDiff <= tolerance;
    }
  }

  private ParityCheck() {}

  /**
   * Runs the check.
   *
   * @throws EmbeddingsException MODEL_MISSING when the directory has no parity.json
   */
  public static Result run(ClipModel model, Path dir) {
    Path file = dir.resolve("parity.json");
    if (!Files.isRegularFile(file)) {
      throw new EmbeddingsException(
          Code.MODEL_MISSING, "no parity.json in " + dir + " (the export writes it)");
    }
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.CONFIG_MISMATCH, file + " is not JSON: " + e.getMessage(), e);
    }
    List<String> texts = new ArrayList<>();
    n.get("texts").forEach(t -> texts.add(t.get("text").asText()));
    float[][] emb = model.encodeTexts(texts);
    boolean ids = true;
    double max = 0;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      JsonNode t = n.get("texts").get(i);
      int[] mine = model.tokenizer().tokenize(texts.get(i), model.config().contextLength());
      JsonNode want = t.get("ids");
      for (int j = 0; j < mine.length; j++) {
        if (j >= want.size() || want.get(j).asInt() != mine[j]) {
          ids = false;
          problems.add("token ids differ for '" + texts.get(i) + "' at position " + j);
          break;
        }
      }
      JsonNode e = t.get("embedding");
      for (int d = 0; d < e.size(); d++) {
        max = Math.max(max, Math.abs(e.get(d).asDouble() - emb[i][d]));
      }
    }
    return new Result(texts.size(), ids, max, problems);
  }
}
