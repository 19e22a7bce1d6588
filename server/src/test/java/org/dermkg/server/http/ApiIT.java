package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.enc;
import static org.dermkg.server.http.ServedStore.get;
import static org.dermkg.server.http.ServedStore.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON API and metrics of a real server on loopback port 0 over a real loaded store. */
class ApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MELANOMA = "DERM:0001242";
  private static ServedStore store;
  private static DermServer server;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    server = store.serve(ServeSettings.defaults());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    store.close();
  }

  private static JsonNode json(String path) throws Exception {
    HttpResponse<String> r = get(server.url() + path, null);
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    return JSON.readTree(r.body());
  }

  private static List<String> labels(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.get("label").asText()));
    return out;
  }

  @Test
  void everyNamedQueryExampleRunsOnTheEndpoint() throws Exception {
    JsonNode queries = json("/api/queries");
    int examples = 0;
    for (JsonNode q : queries) {
      String name = q.get("name").asText();
      if (name.equals("label-search")) {
        assertTrue(!q.has("example"), "label-search needs the search index, not the endpoint");
        continue;
      }
      String example = q.get("example").asText();
      String body = example.replaceAll("(?m)^#.*$", "");
      for (JsonNode p : q.get("params")) {
        String var = "?" + p.get("name").asText();
        assertTrue(
            !java.util.regex.Pattern.compile("\\" + var + "\\b").matcher(body).find(),
            name + " still has " + var + ":\n" + example);
      }
      HttpResponse<String> r =
          post(
              server.url() + "/derm/sparql",
              "application/sparql-query",
              example,
              "Accept",
              "application/sparql-results+json");
      assertEquals(200, r.statusCode(), name + ": " + r.body());
      JsonNode rows = JSON.readTree(r.body()).at("/results/bindings");
      if (List.of("ancestors", "term", "path-to-root", "parents").contains(name)) {
        assertTrue(rows.size() > 0, name + " gives rows for melanoma: " + r.body());
      }
      examples++;
    }
    assertEquals(queries.size() - 1, examples);
    JsonNode prefixes = json("/api/prefixes");
    assertEquals("https://w3id.org/dermkg/vocab#", prefixes.get("dkg").asText());
    assertEquals("https://w3id.org/dermkg/DERM_", prefixes.get("DERM").asText());
  }

  @Test
  void theValidationReportOfTheShippedOntologyIsServed() throws Exception {
    JsonNode r = json("/api/validation");
    assertTrue(r.get("passed").asBoolean(), r.toString());
    assertTrue(r.get("checks").size() >= 30);
    assertTrue(r.get("facts").has("classifier"), r.get("facts").toString());
    // the report is built once and kept
    assertEquals(r.get("generatedAt"), json("/api/validation").get("generatedAt"));
    assertEquals(404, get(server.url() + "/api/validation/x", null).statusCode());
  }

  @Test
  void termShowsLabelsSynonymsDefinitionLevelParentsFindingsAndImages() throws Exception {
    JsonNode t = json("/api/terms/" + MELANOMA);
    assertEquals("Malignant melanoma", t.get("label").asText());
    assertEquals(MELANOMA, t.get("id").asText());
    assertTrue(t.get("definition").asText().length() > 20);
    assertEquals(4, t.get("level").asInt());
    assertTrue(t.get("synonyms").toString().contains("Melanoma"), t.get("synonyms").toString());
    assertEquals("Malignant melanocytic neoplasm", t.at("/parents/0/label").asText());
    assertTrue(t.get("findings").size() > 0);
    assertTrue(t.at("/findings/0/concepts").size() > 0);
    assertTrue(t.get("imageCount").asLong() >= 0);
    assertEquals("/api/terms/" + MELANOMA + "/children", t.at("/_links/children").asText());
    // the same term by IRI and by underscore form
    assertEquals(
        MELANOMA,
        json("/api/terms?iri=" + enc("https://w3id.org/dermkg/DERM_0001242")).get("id").asText());
    assertEquals(MELANOMA, json("/api/terms/DERM_0001242").get("id").asText());
    // its curated mappings (xrefs/*.sssom.tsv), exact first, and the exact ones as xrefs
    JsonNode m = t.get("mappings");
    assertEquals("skos:exactMatch", m.at("/0/predicate").asText(), m.toString());
    assertTrue(m.toString().contains("\"target\":\"MONDO:0005012\""), m.toString());
    assertTrue(m.at("/0/exact").asBoolean());
    assertTrue(t.get("xrefs").toString().contains("MONDO:0005012"), t.get("xrefs").toString());
    // and the cross-references derived through them, naming the class they came through
    assertTrue(
        m.toString()
            .contains(
                "{\"predicate\":\"skos:exactMatch\",\"target\":\"ICD10CM:C43\",\"iri\":"
                    + "\"http://purl.bioontology.org/ontology/ICD10CM/C43\",\"exact\":true,"
                    + "\"source\":\"via MONDO:0005012\"}"),
        m.toString());
    assertTrue(t.get("xrefs").toString().contains("ICD10CM:C43"), t.get("xrefs").toString());
  }

  @Test
  void evaluationRunsAreListed() throws Exception {
    // no run recorded in this store: an empty list, not an error (runs: EvaluateCliTest)
    JsonNode runs = json("/api/evaluations");
    assertTrue(runs.isArray() && runs.isEmpty(), runs.toString());
    assertTrue(json("/api").get("evaluations").asText().endsWith("/api/evaluations"));
    assertTrue(json("/api/datasets").isArray());
    assertEquals(404, get(server.url() + "/api/datasets/Nope", null).statusCode());
  }

  @Test
  void theMappingSetsAreServedAsJsonAndAsSssom() throws Exception {
    JsonNode all = json("/api/mappings");
    assertEquals(3, all.get("sets").size(), all.get("sets").toString());
    assertEquals("derm-xrefs", all.at("/sets/2/name").asText());
    JsonNode icd = json("/api/mappings?object=icd10cm:c43&predicate=skos:exactMatch");
    assertEquals(MELANOMA, icd.at("/mappings/0/subject_id").asText(), icd.toString());
    assertEquals("semapv:MappingChaining", icd.at("/mappings/0/mapping_justification").asText());
    HttpResponse<String> derived = get(server.url() + "/api/mappings/derm-xrefs.sssom.tsv", null);
    assertEquals(200, derived.statusCode());
    assertTrue(
        derived.body().contains(MELANOMA + "\tMalignant melanoma\tskos:exactMatch\tICD10CM:C43\t"),
        derived.body().substring(0, 2000));
    assertTrue(all.get("mappings").size() > 700, "rows: " + all.get("mappings").size());
    JsonNode melanoma = json("/api/mappings?object=MONDO:0005012&predicate=skos:exactMatch");
    assertEquals(1, melanoma.get("mappings").size(), melanoma.toString());
    assertEquals(MELANOMA, melanoma.at("/mappings/0/subject_id").asText());
    assertEquals("derm-mondo", melanoma.at("/mappings/0/set").asText());
    String sssom = all.at("/sets/0/sssom").asText();
    HttpResponse<String> file = get(server.url() + sssom.substring(sssom.indexOf("/api/")), null);
    assertEquals(200, file.statusCode(), file.body());
    assertTrue(
        file.headers()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("text/tab-separated-values"));
    assertTrue(file.body().startsWith("#"), file.body().substring(0, 80));
    assertTrue(file.body().contains("\nsubject_id\tsubject_label\tpredicate_id\t"));
    assertEquals(404, get(server.url() + "/api/mappings/nope.sssom.tsv", null).statusCode());
  }

  @Test
  void hierarchyViews() throws Exception {
    List<String> ancestors = labels(json("/api/terms/" + MELANOMA + "/ancestors"));
    assertTrue(ancestors.contains("Skin condition"), ancestors.toString());
    assertTrue(ancestors.contains("Malignant melanocytic neoplasm"), ancestors.toString());
    JsonNode path = json("/api/terms/" + MELANOMA + "/path");
    assertEquals(MELANOMA, path.get(0).get("id").asText());
    assertEquals("Skin condition", path.get(path.size() - 1).get("label").asText());
    assertEquals(0, path.get(path.size() - 1).get("depth").asInt());
    JsonNode children = json("/api/terms/DERM:0001000/children");
    assertEquals(7, children.size());
    assertTrue(children.get(0).get("hasChildren").asBoolean());
    List<String> descendants = labels(json("/api/terms/DERM:0001000/descendants"));
    assertTrue(descendants.size() > 300, "descendants of the disease root: " + descendants.size());
    assertTrue(descendants.contains("Malignant melanoma"));
    assertEquals(
        List.of("Malignant melanocytic neoplasm"),
        labels(json("/api/terms/" + MELANOMA + "/parents")));
    JsonNode roots = json("/api/roots");
    assertEquals(
        List.of("Skin condition", "Clinical concept", "Body site", "Typical finding"),
        labels(roots));
  }

  @Test
  void imagesUnderASubtreeArePaged() throws Exception {
    JsonNode first = json("/api/terms/DERM:0001000/images?limit=10");
    long total = first.get("total").asLong();
    assertTrue(total > 20, "images under the root: " + total);
    assertEquals(10, first.get("images").size());
    JsonNode second = json("/api/terms/DERM:0001000/images?limit=10&offset=10");
    assertTrue(!first.at("/images/0/iri").equals(second.at("/images/0/iri")));
  }

  @Test
  void searchRanksExactFirstAutocompletesAndLimitsToASubtree() throws Exception {
    JsonNode exact = json("/api/search?q=psoriasis");
    assertEquals("Psoriasis", exact.get(0).get("label").asText());
    assertEquals("exact", exact.get(0).get("match").asText());
    JsonNode auto = json("/api/search?q=" + enc("basal cell carc") + "&limit=3");
    assertEquals("Basal cell carcinoma", auto.get(0).get("label").asText(), auto.toString());
    JsonNode scoped = json("/api/search?q=melanoma&under=DERM:0001000&limit=50");
    for (JsonNode h : scoped) {
      assertTrue(
          !h.get("id").asText().startsWith("DERM:0004"), "a finding outside the subtree: " + h);
    }
    JsonNode findingsOnly = json("/api/search?q=melanoma&under=DERM:0004000&limit=50");
    assertTrue(findingsOnly.size() > 0);
    findingsOnly.forEach(
        h -> assertTrue(h.get("id").asText().startsWith("DERM:0004"), h.toString()));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "/api/terms/DERM:0009999, 404, SPARQL-UNKNOWN-TERM",
    "/api/terms/not-an-id, 400, SPARQL-BAD-ARGUMENT",
    "/api/terms/DERM:0001000/nonsense, 404, HTTP-NOT-FOUND",
    "/api/nowhere, 404, HTTP-NOT-FOUND",
    "/api/search, 400, HTTP-BAD-REQUEST",
    "/api/search?q=psoriasis&limit=0, 400, HTTP-BAD-REQUEST",
    "/api/search?q=psoriasis&limit=ten, 400, HTTP-BAD-REQUEST",
    "/api/search?q=%2A%2A%2A, 400, SPARQL-BAD-ARGUMENT",
    "/api/search?q=psoriasis&under=DERM:0009999, 404, SPARQL-UNKNOWN-TERM",
    "/api/terms/DERM:0001000/images?limit=5000, 400, HTTP-BAD-REQUEST",
    "/api/queries/children, 400, HTTP-BAD-REQUEST",
    "/api/queries/no-such-query, 404, HTTP-NOT-FOUND"
  })
  void errorsAreJsonWithAStableCode(String path, int status, String code) throws Exception {
    HttpResponse<String> r = get(server.url() + path, null);
    assertEquals(status, r.statusCode(), r.body());
    JsonNode body = JSON.readTree(r.body());
    assertEquals(code, body.get("code").asText(), r.body());
    assertTrue(body.get("message").asText().length() > 5);
  }

  @Test
  void theApiIsReadOnly() throws Exception {
    HttpResponse<String> r =
        post(server.url() + "/api/terms/DERM:0001000", "application/json", "{}");
    assertEquals(405, r.statusCode());
  }

  @Test
  void namedQueriesAreListedAndRunnable() throws Exception {
    JsonNode list = json("/api/queries");
    assertTrue(list.size() >= 15);
    JsonNode rows = json("/api/queries/children?class=DERM:0001000");
    assertEquals(7, rows.get("rows").size());
    assertTrue(rows.at("/rows/0/term").asText().startsWith("https://w3id.org/dermkg/DERM_"));
  }

  @Test
  void healthAndMetrics() throws Exception {
    JsonNode h = json("/api/health");
    assertEquals("ok", h.get("status").asText());
    assertEquals(4, h.get("ontologyRoots").asInt());
    json("/api/roots");
    get(server.url() + "/derm/sparql?query=" + enc("ASK {}"), null);
    get(server.url() + "/images/none.jpg", null);
    HttpResponse<String> m = get(server.url() + "/metrics", null);
    assertEquals(200, m.statusCode());
    assertTrue(m.body().contains("route=\"/api/roots\",status=\"200\""), m.body());
    assertTrue(m.body().contains("route=\"/images/*\",status=\"404\""), "every route is timed");
    assertTrue(m.body().contains("fuseki_requests_good"), "Fuseki's own endpoint metrics");
  }
}
