package org.dermkg.embeddings.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny CLIP-shaped TorchScript model (embeddings/tools/make_model_fixtures.py) run by DJL's
 * libtorch: Java preprocessing + tokenizer + model give torch's embeddings to 1e-5.
 */
class ClipModelTest {
  private static final double TOLERANCE = 1e-5;
  private static Path dir;
  private static JsonNode expected;
  private static ClipModel model;

  @BeforeAll
  static void load() throws Exception {
    dir = fixture("tiny-clip");
    expected = new ObjectMapper().readTree(dir.resolve("expected.json").toFile());
    model = ClipModel.load(dir, false);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static Path fixture(String name) throws URISyntaxException {
    return Path.of(ClipModelTest.class.getResource("/fixtures/" + name).toURI());
  }

  static float[] vector(JsonNode array) {
    float[] v = new float[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) array.get(i).asDouble();
    }
    return v;
  }

  static void close(float[] want, float[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], TOLERANCE, what + "[" + i + "]");
    }
  }

  @Test
  void imageEmbeddingsMatchTorch() throws Exception {
    Path images = fixture("preprocess");
    List<float[]> batch = new ArrayList<>();
    for (JsonNode img : expected.get("images")) {
      batch.add(model.preprocessor().preprocess(images.resolve(img.get("file").asText())));
    }
    double sum = 0;
    for (float v : batch.get(0)) {
      sum += v;
    }
    assertEquals(expected.get("pixels_first_image_sum").asDouble(), sum, 1e-3);
    float[][] emb = model.encodeImages(batch.toArray(new float[0][]));
    for (int i = 0; i < emb.length; i++) {
      close(vector(expected.get("images").get(i).get("embedding")), emb[i], "image " + i);
    }
    close(
        vector(expected.get("batch_of_one_first")),
        model.encodeImages(new float[][] {batch.get(0)})[0],
        "batch of one");
  }

  @Test
  void textIdsAndEmbeddingsMatchTorch() {
    List<String> texts = new ArrayList<>();
    expected.get("texts").forEach(t -> texts.add(t.get("text").asText()));
    float[][] emb = model.encodeTexts(texts);
    for (int i = 0; i < texts.size(); i++) {
      JsonNode t = expected.get("texts").get(i);
      int[] ids = new int[t.get("ids").size()];
      for (int j = 0; j < ids.length; j++) {
        ids[j] = t.get("ids").get(j).asInt();
      }
      assertArrayEquals(
          ids, model.tokenizer().tokenize(texts.get(i), 77), "ids of " + texts.get(i));
      close(vector(t.get("embedding")), emb[i], "text " + i);
    }
  }

  private static Path copy(Path tmp) throws IOException {
    Path d = Files.createDirectories(tmp.resolve("model"));
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.copy(f, d.resolve(f.getFileName()));
      }
    }
    return d;
  }

  @Test
  void brokenModelDirectoriesAreClearErrors(@TempDir Path tmp) throws IOException {
    Path d = copy(tmp);
    Files.writeString(d.resolve("model.pt"), "not a zip");
    EmbeddingsException corrupt =
        assertThrows(EmbeddingsException.class, () -> ClipModel.load(d, false));
    assertEquals(Code.MODEL_CORRUPT, corrupt.code(), corrupt.getMessage());
    Files.delete(d.resolve("model.pt"));
    assertEquals(
        Code.MODEL_MISSING,
        assertThrows(EmbeddingsException.class, () -> ClipModel.load(d, false)).code());
    Path e = copy(tmp.resolve("e"));
    String cfg = Files.readString(e.resolve("config.json"));
    Files.writeString(
        e.resolve("config.json"), cfg.replace("\"embed_dim\": 32", "\"embed_dim\": 64"));
    EmbeddingsException mismatch =
        assertThrows(EmbeddingsException.class, () -> ClipModel.load(e, false));
    assertEquals(Code.CONFIG_MISMATCH, mismatch.code());
    assertTrue(mismatch.getMessage().contains("embed_dim 64"), mismatch.getMessage());
    Files.writeString(e.resolve("config.json"), cfg.replace("\"image_size\": 32,", ""));
    EmbeddingsException missingField =
        assertThrows(EmbeddingsException.class, () -> ClipModel.load(e, false));
    assertTrue(
        missingField.getMessage().contains("'image_size' is missing"), missingField.getMessage());
    Files.writeString(e.resolve("config.json"), cfg);
    Files.delete(e.resolve("vocab-2k.txt"));
    assertEquals(
        Code.VOCAB_INVALID,
        assertThrows(EmbeddingsException.class, () -> ClipModel.load(e, false)).code());
  }

  @Test
  void aWrongSizedImageIsRefused() {
    EmbeddingsException bad =
        assertThrows(
            EmbeddingsException.class, () -> model.encodeImages(new float[][] {new float[5]}));
    assertEquals(Code.BAD_ARGUMENT, bad.code());
  }

  @Test
  void aGpuNumberPicksThatCudaDeviceOrTheCpuWithoutGpus() {
    assertEquals(Device.cpu(), ClipModel.device(OptionalInt.empty(), 4));
    assertEquals(Device.gpu(0), ClipModel.device(OptionalInt.of(0), 4));
    assertEquals(Device.gpu(3), ClipModel.device(OptionalInt.of(3), 4));
    assertEquals(Device.cpu(), ClipModel.device(OptionalInt.of(2), 0), "no GPU: the CPU, as --gpu");
    for (int bad : new int[] {4, -1}) {
      EmbeddingsException e =
          assertThrows(EmbeddingsException.class, () -> ClipModel.device(OptionalInt.of(bad), 4));
      assertEquals(Code.BAD_ARGUMENT, e.code());
      assertTrue(e.getMessage().contains("GPU " + bad + " asked for"), e.getMessage());
    }
  }

  @Test
  void loadingOnAGpuNumberRunsTheModel() {
    int gpus = Engine.getEngine("PyTorch").getGpuCount();
    try (ClipModel onGpu = ClipModel.load(dir, OptionalInt.of(0))) {
      assertEquals(gpus > 0 ? "gpu(0)" : "cpu()", onGpu.device());
      close(
          model.encodeTexts(List.of("a red plaque"))[0],
          onGpu.encodeTexts(List.of("a red plaque"))[0],
          "device 0");
    }
    try (ClipModel cpu = ClipModel.load(dir, OptionalInt.empty())) {
      assertEquals("cpu()", cpu.device());
    }
  }
}
