package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /api/classify on a real server with the tiny test model: results and untrusted uploads. */
class ClassifyIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path IMAGE =
      Path.of("../embeddings/src/test/resources/fixtures/preprocess/landscape.png");
  private static ServedStore store;
  private static DermServer server;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    server =
        DermServer.start(
            store.store.dataset(),
            ServeSettings.defaults(),
            new ModelSettings(
                store.tiny, store.dir.resolve("cache"), 1 << 20, java.util.Optional.empty()),
            Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    store.close();
  }

  private static HttpResponse<String> post(String query, String type, byte[] body)
      throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(server.url() + "/api/classify" + query))
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return ServedStore.HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aLabelSetAndTheHierarchy() throws Exception {
    byte[] png = Files.readAllBytes(IMAGE);
    HttpResponse<String> r = post("?set=HAM10000&k=3", "image/png", png);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode classes = JSON.readTree(r.body()).get("classes");
    assertEquals(3, classes.size());
    assertTrue(
        classes.get(0).get("probability").asDouble()
            >= classes.get(1).get("probability").asDouble());
    HttpResponse<String> h = post("?k=2", "image/png", png);
    assertEquals(200, h.statusCode(), h.body());
    JsonNode body = JSON.readTree(h.body());
    assertTrue(body.get("levels").size() >= 4, h.body());
    assertEquals(2, body.at("/levels/0/top").size());
    assertEquals(body.at("/levels/0/top/0/name").asText(), body.at("/path/0/name").asText());
  }

  @Test
  void untrustedUploadsAre4xxNeverACrash() throws Exception {
    assertEquals(415, post("", "text/plain", "hello".getBytes()).statusCode());
    assertEquals(413, post("", "image/png", new byte[(1 << 20) + 10]).statusCode());
    HttpResponse<String> garbage = post("", "image/jpeg", "not a jpeg at all".getBytes());
    assertEquals(400, garbage.statusCode(), garbage.body());
    assertTrue(garbage.body().contains("EMB-IMAGE-UNREADABLE"), garbage.body());
    HttpResponse<String> bomb = post("", "image/png", pngHeader(100_000, 100_000));
    assertEquals(400, bomb.statusCode(), bomb.body());
    assertTrue(bomb.body().contains("megapixel"), bomb.body());
    byte[] png = Files.readAllBytes(IMAGE);
    assertEquals(400, post("?k=0", "image/png", png).statusCode());
    assertEquals(400, post("?set=HAM9", "image/png", png).statusCode());
    assertEquals(405, ServedStore.get(server.url() + "/api/classify", null).statusCode());
  }

  static byte[] pngHeader(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
    b.putInt(13).put("IHDR".getBytes()).putInt(w).putInt(h);
    b.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 12, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
