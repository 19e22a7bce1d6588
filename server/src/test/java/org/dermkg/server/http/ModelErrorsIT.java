package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.dermkg.zeroshot.model.LazyModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/classify} when the model is not usable: none at all is 503 {@code
 * EMB-MODEL-MISSING} (the service is unavailable, nothing the client asked for is missing), one
 * that does not load is 500 {@code EMB-MODEL-CORRUPT} (the server's fault, not the request's).
 */
class ModelErrorsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TINY = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");
  private static final Path IMAGE =
      Path.of("../embeddings/src/test/resources/fixtures/preprocess/landscape.png");
  private static ServedStore store;

  @BeforeAll
  static void create() throws Exception {
    store = ServedStore.create();
  }

  @AfterAll
  static void close() throws Exception {
    store.close();
  }

  private static JsonNode classify(Path modelDir, int status) throws Exception {
    try (LazyModel model = new LazyModel(modelDir);
        DermServer server =
            DermServer.start(
                store.store.dataset(),
                ServeSettings.defaults(),
                new ModelSettings(model, store.dir.resolve("cache"), 1 << 20, Optional.empty()),
                Map.of())) {
      HttpRequest req =
          HttpRequest.newBuilder(URI.create(server.url() + "/api/classify?set=HAM10000"))
              .header("Content-Type", "image/png")
              .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(IMAGE)))
              .build();
      HttpResponse<String> r = ServedStore.HTTP.send(req, HttpResponse.BodyHandlers.ofString());
      assertEquals(status, r.statusCode(), r.body());
      return JSON.readTree(r.body());
    }
  }

  @Test
  void noModelIs503() throws Exception {
    JsonNode body = classify(store.dir.resolve("no-model"), 503);
    assertEquals("EMB-MODEL-MISSING", body.get("code").asText());
  }

  @Test
  void aModelThatDoesNotLoadIs500() throws Exception {
    Path corrupt = Files.createDirectories(store.dir.resolve("corrupt-model"));
    try (var files = Files.list(TINY)) {
      for (Path f : files.toList()) {
        Files.copy(f, corrupt.resolve(f.getFileName()));
      }
    }
    Files.writeString(corrupt.resolve("model.pt"), "not a TorchScript archive");
    JsonNode body = classify(corrupt, 500);
    assertEquals("EMB-MODEL-CORRUPT", body.get("code").asText());
  }
}
