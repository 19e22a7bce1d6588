package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.zeroshot.model.LazyModel;
import org.dermkg.zeroshot.similar.StoreSimilarity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two models served side by side on a real server: the tiny CLIP and the tiny model of
 * DermLIP-PanDerm's shape (BERT text tower, WordPiece), each with its own vectors of the store's
 * images; /api/similar, /api/classify and dkg:similarTo pick one by slug, the CLIP one by default.
 */
class SeveralModelsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Path BERT = Path.of("../embeddings/src/test/resources/fixtures/tiny-bert-clip");
  private static ServedStore store;
  private static LazyModel bert;
  private static StoreSimilarity clipSim;
  private static StoreSimilarity bertSim;
  private static DermServer server;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    clipSim = store.embedTiny();
    bert = new LazyModel(BERT);
    bertSim = store.embed(BERT, "tiny-bert-clip", bert);
    store
        .store
        .dataset()
        .getContext()
        .set(SimilaritySource.BY_MODEL, Map.of("tiny-clip", clipSim, "tiny-bert-clip", bertSim));
    server =
        DermServer.start(
            store.store.dataset(),
            ServeSettings.defaults(),
            new ModelSettings(
                List.of(
                    new ModelSettings.Served(
                        "tiny-clip", store.tiny, store.dir.resolve("emb/tiny-clip")),
                    new ModelSettings.Served(
                        "tiny-bert-clip", bert, store.dir.resolve("emb/tiny-bert-clip"))),
                1 << 20,
                Optional.empty()),
            Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    clipSim.close();
    bertSim.close();
    bert.close();
    store.close();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static JsonNode similar(String query, int status) throws Exception {
    HttpResponse<String> r = ServedStore.get(server.url() + "/api/similar?" + query, null);
    assertEquals(status, r.statusCode(), r.body());
    return JSON.readTree(r.body());
  }

  private static List<String> images(JsonNode results) {
    List<String> out = new ArrayList<>();
    results
        .get("results")
        .forEach(n -> out.add(n.get("image").asText() + " " + n.get("score").asText()));
    return out;
  }

  @Test
  void apiSimilarPicksTheModelBySlug() throws Exception {
    String img = EmbeddingLinks.images(store.store).get(0).iri();
    JsonNode byDefault = similar("k=5&image=" + enc(img), 200);
    JsonNode clip = similar("k=5&model=tiny-clip&image=" + enc(img), 200);
    JsonNode bertHits = similar("k=5&model=tiny-bert-clip&image=" + enc(img), 200);
    assertEquals(images(byDefault), images(clip));
    assertEquals(5, bertHits.get("results").size());
    assertEquals(1.0, bertHits.at("/results/0/score").asDouble(), 1e-4);
    assertNotEquals(images(clip), images(bertHits), "two models, two vector spaces");
    // text search through the BERT tower (WordPiece, 256 tokens)
    assertEquals(
        3,
        similar("k=3&model=tiny-bert-clip&text=" + enc("a photo of melanoma"), 200)
            .get("results")
            .size());
    JsonNode unknown = similar("k=5&model=nope&image=" + enc(img), 400);
    assertTrue(
        unknown.toString().contains("tiny-bert-clip") && unknown.toString().contains("tiny-clip"),
        unknown.toString());
  }

  @Test
  void dkgSimilarToTakesAModelName() throws Exception {
    String img = EmbeddingLinks.images(store.store).get(0).iri();
    String q =
        "PREFIX dkg: <https://w3id.org/dermkg/vocab#> SELECT ?i ?s WHERE { (?i ?s) dkg:similarTo (<"
            + img
            + "> 4 \"tiny-bert-clip\") } ORDER BY DESC(?s)";
    HttpResponse<String> r =
        ServedStore.get(
            server.url() + "/derm/sparql?query=" + enc(q), "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode rows = JSON.readTree(r.body()).at("/results/bindings");
    assertEquals(4, rows.size());
    assertEquals(
        bertSim
            .nearest(bertSim.imageVector(img).orElseThrow(), 4, Optional.empty())
            .get(3)
            .imageIri(),
        rows.get(3).at("/i/value").asText());
    HttpResponse<String> bad =
        ServedStore.get(
            server.url() + "/derm/sparql?query=" + enc(q.replace("tiny-bert-clip", "nope")),
            "application/sparql-results+json");
    assertNotEquals(200, bad.statusCode());
    assertTrue(bad.body().contains("nope"), bad.body());
  }

  @Test
  void apiClassifyPicksTheModelBySlug() throws Exception {
    byte[] png =
        Files.readAllBytes(
            Path.of("../embeddings/src/test/resources/fixtures/preprocess/landscape.png"));
    for (String model : List.of("tiny-clip", "tiny-bert-clip")) {
      HttpResponse<String> r = post("?set=HAM10000&k=3&model=" + model, png);
      assertEquals(200, r.statusCode(), r.body());
      assertEquals(3, JSON.readTree(r.body()).get("classes").size());
    }
    HttpResponse<String> bad = post("?set=HAM10000&model=nope", png);
    assertEquals(400, bad.statusCode(), bad.body());
    assertTrue(bad.body().contains("unknown model 'nope'"), bad.body());
  }

  private static HttpResponse<String> post(String query, byte[] body) throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create(server.url() + "/api/classify" + query))
            .header("Content-Type", "image/png")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return ServedStore.HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }
}
