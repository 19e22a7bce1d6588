package org.dermkg.embeddings.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.text.TextTokenizer;

/**
 * The {@code config.json} of an exported CLIP model directory (written by
 * embeddings/tools/export_open_clip.py): what the Java runtime needs to preprocess, tokenize and
 * run the TorchScript model exactly as open_clip does.
 *
 * @param modelId where the weights came from, e.g. "hf-hub:redlessone/DermLIP_ViT-B-16"
 * @param embedDim the joint embedding size (512 for ViT-B/16)
 * @param imageSize the square input size (224)
 * @param mean per-channel normalisation mean (RGB)
 * @param std per-channel normalisation standard deviation (RGB)
 * @param interpolation "bicubic" (PIL semantics, antialiased) or "bilinear"
 * @param resizeMode "shortest" (shorter side to imageSize, then center crop) or "squash"
 * @param contextLength text context (77)
 * @param vocabSize tokenizer vocabulary size (49,408)
 * @param tokenizer the tokenizer file (a CLIP BPE merges file or a HuggingFace tokenizer.json),
 *     relative to the model directory
 * @param tokenizerKind which ({@code tokenizer_kind}: clip-bpe, hf or wordpiece; by default a
 *     {@code .json} file is HuggingFace's)
 * @param activation "quick_gelu" or "gelu": what the model was built with (recorded, not used)
 * @param logitScale exp of the learned logit scale
 * @param torchscript the TorchScript file, relative to the model directory
 */
public record ModelConfig(
    String modelId,
    int embedDim,
    int imageSize,
    List<Float> mean,
    List<Float> std,
    String interpolation,
    String resizeMode,
    int contextLength,
    int vocabSize,
    String tokenizer,
    TextTokenizer.Kind tokenizerKind,
    String activation,
    double logitScale,
    String torchscript) {

  /** The name of the config file in a model directory. */
  public static final String FILE = "config.json";

  public ModelConfig {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
  }

  /**
   * Reads and checks {@code dir/config.json}.
   *
   * @throws EmbeddingsException MODEL_MISSING when there is no config, CONFIG_MISMATCH naming the
   *     field that is missing or out of range
   */
  public static ModelConfig read(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new EmbeddingsException(
          Code.MODEL_MISSING, "no " + FILE + " in the model directory " + dir);
    }
    JsonNode n;
    try {
      n = new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.CONFIG_MISMATCH, file + " is not valid JSON: " + e.getMessage(), e);
    }
    Fields f = new Fields(n, file);
    return new ModelConfig(
        f.text("model_id"),
        f.integer("embed_dim", 1, 65536),
        f.integer("image_size", 8, 4096),
        f.triple("mean", 0, 1),
        f.triple("std", 1e-6, 10),
        f.choice("interpolation", "bicubic", "bilinear"),
        f.choice("resize_mode", "shortest", "squash"),
        f.integer("context_length", 3, 4096),
        f.integer("vocab_size", 515, 1_000_000),
        f.text("tokenizer"),
        kind(n, file),
        f.choice("activation", "quick_gelu", "gelu"),
        f.number("logit_scale", 1e-3, 1e4),
        f.text("torchscript"));
  }

  private static TextTokenizer.Kind kind(JsonNode n, Path file) {
    JsonNode named = n.get("tokenizer_kind");
    try {
      return TextTokenizer.Kind.of(
          named == null || named.isNull() ? null : named.asText(), n.path("tokenizer").asText());
    } catch (EmbeddingsException e) {
      throw new EmbeddingsException(Code.CONFIG_MISMATCH, file + ": " + e.getMessage(), e);
    }
  }

  /** The tokenizer's file. */
  public Path tokenizerPath(Path dir) {
    return dir.resolve(tokenizer);
  }

  /** The TorchScript file. */
  public Path torchscriptPath(Path dir) {
    return dir.resolve(torchscript);
  }

  /** Field access that names the file and field on every fault. */
  private record Fields(JsonNode n, Path file) {
    private EmbeddingsException bad(String field, String why) {
      return new EmbeddingsException(Code.CONFIG_MISMATCH, file + ": field '" + field + "' " + why);
    }

    private JsonNode get(String field) {
      JsonNode v = n.get(field);
      if (v == null || v.isNull()) {
        throw bad(field, "is missing");
      }
      return v;
    }

    String text(String field) {
      JsonNode v = get(field);
      if (!v.isTextual() || v.asText().isBlank()) {
        throw bad(field, "must be a non-empty string");
      }
      return v.asText();
    }

    String choice(String field, String... allowed) {
      String v = text(field).toLowerCase(Locale.ROOT);
      if (!List.of(allowed).contains(v)) {
        throw bad(field, "must be one of " + String.join(", ", allowed) + ", was '" + v + "'");
      }
      return v;
    }

    int integer(String field, int min, int max) {
      JsonNode v = get(field);
      if (!v.isIntegralNumber() || v.asLong() < min || v.asLong() > max) {
        throw bad(field, "must be a whole number from " + min + " to " + max + ", was " + v);
      }
      return v.asInt();
    }

    double number(String field, double min, double max) {
      JsonNode v = get(field);
      if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
        throw bad(field, "must be a number from " + min + " to " + max + ", was " + v);
      }
      return v.asDouble();
    }

    List<Float> triple(String field, double min, double max) {
      JsonNode v = get(field);
      if (!v.isArray() || v.size() != 3) {
        throw bad(field, "must be a list of 3 numbers (R, G, B)");
      }
      Float[] out = new Float[3];
      for (int i = 0; i < 3; i++) {
        JsonNode x = v.get(i);
        if (!x.isNumber() || x.asDouble() < min || x.asDouble() > max) {
          throw bad(field, "must hold numbers from " + min + " to " + max + ", had " + x);
        }
        out[i] = (float) x.asDouble();
      }
      return List.of(out);
    }
  }
}
