package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.enc;
import static org.dermkg.server.http.ServedStore.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.dermkg.zeroshot.similar.StoreSimilarity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kNN over real embeddings (the tiny test model run by DJL over a loaded store's images) through
 * the SPARQL endpoint (dkg:similarTo) and /api/similar, on a real server on loopback.
 */
class SimilarIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TINY = ServedStore.TINY;
  private static final String PROLIFERATIVE = "https://w3id.org/dermkg/DERM_0001221";
  private static ServedStore store;
  private static StoreSimilarity similarity;
  private static DermServer server;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    similarity = store.embedTiny();
    server = store.serve(ServeSettings.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    similarity.close();
    store.close();
  }

  private static JsonNode sparql(String query) throws Exception {
    HttpResponse<String> r =
        get(
            server.url()
                + "/derm/sparql?query="
                + enc(
                    "PREFIX dkg: <https://w3id.org/dermkg/vocab#> PREFIX DERM: <https://w3id.org/dermkg/DERM_> "
                        + query),
            "application/sparql-results+json");
    assertEquals(200, r.statusCode(), r.body());
    return JSON.readTree(r.body()).at("/results/bindings");
  }

  private static String anImageUnder(String cls) throws Exception {
    JsonNode b =
        sparql(
            "SELECT ?i WHERE { ?i dkg:diagnosisUnder <"
                + cls
                + "> ; dkg:hasEmbedding ?e } ORDER BY ?i LIMIT 1");
    if (b.isEmpty()) {
      b = sparql("SELECT ?i WHERE { ?i dkg:diagnosisUnder <" + cls + "> } ORDER BY ?i LIMIT 1");
    }
    return b.get(0).at("/i/value").asText();
  }

  private static void assertSameVector(String a, String b) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        similarity.imageVector(a).orElseThrow(),
        similarity.imageVector(b).orElseThrow(),
        1e-6f,
        a + " vs " + b);
  }

  @Test
  void knnInSparqlFindsTheImageItselfFirst() throws Exception {
    String img = anImageUnder(PROLIFERATIVE);
    JsonNode rows =
        sparql(
            "SELECT ?img ?score WHERE { (?img ?score) dkg:similarTo (<"
                + img
                + "> 5) } ORDER BY DESC(?score)");
    assertEquals(5, rows.size());
    // the demo reuses a dozen image files, so the best hit is the image or a byte-identical twin
    assertEquals(1.0, rows.get(0).at("/score/value").asDouble(), 1e-4);
    assertSameVector(img, rows.get(0).at("/img/value").asText());
  }

  @Test
  void filteredKnnComposesWithOrdinaryPatterns() throws Exception {
    String img = anImageUnder(PROLIFERATIVE);
    // exact over the candidates a pattern chose, and the index pre-filter: the same top 5
    JsonNode composed =
        sparql(
            "SELECT ?img ?score WHERE { ?img dkg:diagnosisUnder DERM:0001221 ."
                + " (?img ?score) dkg:similarTo (<"
                + img
                + "> 5) } ORDER BY DESC(?score) LIMIT 5");
    JsonNode prefiltered =
        sparql(
            "SELECT ?img ?score WHERE { (?img ?score) dkg:similarTo (<"
                + img
                + "> 5 DERM:0001221) } ORDER BY DESC(?score)");
    Set<String> under = new HashSet<>();
    sparql("SELECT ?i WHERE { ?i dkg:diagnosisUnder DERM:0001221 }")
        .forEach(b -> under.add(b.at("/i/value").asText()));
    int expected =
        Math.min(
            5, (int) under.stream().filter(u -> similarity.imageVector(u).isPresent()).count());
    assertEquals(expected, composed.size());
    assertEquals(expected, prefiltered.size());
    for (int i = 0; i < expected; i++) {
      assertTrue(under.contains(composed.get(i).at("/img/value").asText()));
      assertEquals(
          composed.get(i).at("/img/value").asText(), prefiltered.get(i).at("/img/value").asText());
    }
  }

  @Test
  void textToImageAndTheJsonApi() throws Exception {
    assertEquals(
        3,
        sparql("SELECT ?img WHERE { (?img ?s) dkg:similarTo (\"a scaly red plaque\" 3) }").size());
    String img = anImageUnder(PROLIFERATIVE);
    HttpResponse<String> r = get(server.url() + "/api/similar?k=4&image=" + enc(img), null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(4, body.get("results").size());
    assertSameVector(img, body.at("/results/0/image").asText());
    HttpResponse<String> text =
        get(
            server.url()
                + "/api/similar?text="
                + enc("melanoma on the back")
                + "&under=DERM:0001221",
            null);
    assertEquals(200, text.statusCode(), text.body());
    assertEquals(400, get(server.url() + "/api/similar?k=0&text=x", null).statusCode());
    assertEquals(400, get(server.url() + "/api/similar", null).statusCode());
    assertEquals(404, get(server.url() + "/api/similar?image=none.jpg", null).statusCode());
    assertEquals(
        404, get(server.url() + "/api/similar?text=x&under=DERM:0009999", null).statusCode());
  }

  /** Captions as the target: a caption's own text finds it first; an image finds captions. */
  @Test
  void captionsAreATargetForTextAndImages() throws Exception {
    var caps = org.dermkg.zeroshot.retrieval.Captions.read(store.store);
    var c = caps.get(caps.size() / 2);
    HttpResponse<String> r =
        get(server.url() + "/api/similar?target=captions&k=3&text=" + enc(c.text()), null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(3, body.get("results").size());
    JsonNode first = body.at("/results/0");
    assertTrue(first.get("score").asDouble() > 0.999, "the same text: " + first);
    assertTrue(!first.get("text").asText().isEmpty(), "the caption's text: " + first);
    assertTrue(first.has("image") && first.has("file"), first.toString());
    HttpResponse<String> fromImage =
        get(
            server.url()
                + "/api/similar?target=captions&k=5&image="
                + enc(anImageUnder(PROLIFERATIVE)),
            null);
    assertEquals(200, fromImage.statusCode(), fromImage.body());
    assertEquals(5, JSON.readTree(fromImage.body()).get("results").size());
    assertEquals(
        400,
        get(server.url() + "/api/similar?target=captions&text=x&under=DERM:0001221", null)
            .statusCode());
    assertEquals(400, get(server.url() + "/api/similar?target=pixels&text=x", null).statusCode());
  }
}
