package org.dermkg.embeddings.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Preprocessing against Pillow + torch (embeddings/tools/make_image_fixtures.py): for lossless
 * inputs the resized, cropped pixels are the same bytes and the normalised values the same floats;
 * for a JPEG the decoders differ (ImageIO vs libjpeg), so pixels agree within a stated tolerance.
 */
class ImagePreprocessorTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode META = meta();
  private static final ImagePreprocessor PRE =
      new ImagePreprocessor(
          224,
          List.of(0.48145466f, 0.4578275f, 0.40821073f),
          List.of(0.26862954f, 0.26130258f, 0.27577711f),
          PilResize.Filter.BICUBIC,
          false);

  private static JsonNode meta() {
    try (InputStream in = resource("preprocess.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InputStream resource(String name) {
    return ImagePreprocessorTest.class.getResourceAsStream("/fixtures/preprocess/" + name);
  }

  private static RgbImage image(String name) throws IOException {
    try (InputStream in = resource(name)) {
      return ImagePreprocessor.decode(in.readAllBytes(), name);
    }
  }

  static Stream<JsonNode> lossless() {
    List<JsonNode> out = new ArrayList<>();
    META.get("cases")
        .forEach(
            c -> {
              if (c.get("file").asText().endsWith(".png")) {
                out.add(c);
              }
            });
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("lossless")
  void resizedAndCroppedPixelsAreTheSameBytesAsPillows(JsonNode c) throws IOException {
    RgbImage mine = PRE.cropped(image(c.get("file").asText()));
    RgbImage pillow = image(c.get("name").asText() + ".crop.png");
    assertEquals(224, mine.width());
    assertArrayEquals(pillow.rgb(), mine.rgb(), c.get("name").asText());
  }

  @ParameterizedTest
  @MethodSource("lossless")
  void normalisedValuesAreTorchs(JsonNode c) throws IOException {
    float[] chw = PRE.preprocess(image(c.get("file").asText()));
    assertEquals(3 * 224 * 224, chw.length);
    for (JsonNode s : c.get("samples")) {
      int ch = s.get(0).asInt();
      int y = s.get(1).asInt();
      int x = s.get(2).asInt();
      assertEquals(s.get(3).asDouble(), chw[ch * 224 * 224 + y * 224 + x], 1e-6, "at " + s);
    }
    double mean = 0;
    for (float v : chw) {
      mean += v;
    }
    assertEquals(c.get("mean_value").asDouble(), mean / chw.length, 1e-5);
  }

  @Test
  void jpegPixelsAgreeWithinTheDecoderTolerance() throws IOException {
    RgbImage mine = PRE.cropped(image("photo.jpg"));
    RgbImage pillow = image("photo.crop.png");
    int max = 0;
    long sum = 0;
    for (int i = 0; i < mine.rgb().length; i++) {
      int d = Math.abs((mine.rgb()[i] & 0xff) - (pillow.rgb()[i] & 0xff));
      max = Math.max(max, d);
      sum += d;
    }
    double meanDiff = (double) sum / mine.rgb().length;
    System.out.printf(
        "JPEG vs Pillow: max |diff| %d, mean |diff| %.3f (8-bit levels)%n", max, meanDiff);
    assertTrue(max <= 8, "max diff " + max);
    assertTrue(meanDiff <= 1.0, "mean diff " + meanDiff);
  }

  @Test
  void undecodableAndHugeImagesAreClearErrors() {
    EmbeddingsException notImage =
        assertThrows(
            EmbeddingsException.class,
            () -> ImagePreprocessor.decode("not an image".getBytes(), "x.jpg"));
    assertEquals(EmbeddingsException.Code.IMAGE_UNREADABLE, notImage.code());
    assertTrue(notImage.getMessage().startsWith("x.jpg"), notImage.getMessage());
    // a PNG header that claims 100,000 x 100,000 pixels
    byte[] bomb = pngHeader(100_000, 100_000);
    EmbeddingsException big =
        assertThrows(EmbeddingsException.class, () -> ImagePreprocessor.decode(bomb, "bomb.png"));
    assertTrue(big.getMessage().contains("megapixel limit"), big.getMessage());
    byte[] truncated = java.util.Arrays.copyOf(pngHeader(10, 10), 40);
    assertThrows(EmbeddingsException.class, () -> ImagePreprocessor.decode(truncated, "cut.png"));
  }

  private static byte[] pngHeader(int w, int h) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    b.putInt(13).put("IHDR".getBytes()).putInt(w).putInt(h);
    b.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(b.array(), 12, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
