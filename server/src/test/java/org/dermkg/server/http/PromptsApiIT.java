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
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.PromptWriter;
import org.dermkg.sparql.prompts.Selection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GET /api/prompts on a real server over a real loaded store. */
class PromptsApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  private static HttpResponse<String> call(String query) throws Exception {
    return get(server.url() + "/api/prompts" + query, null);
  }

  private static JsonNode json(String query) throws Exception {
    HttpResponse<String> r = call(query);
    assertEquals(200, r.statusCode(), query + ": " + r.body());
    return JSON.readTree(r.body());
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void withoutParametersItListsWhatCanBeAsked() throws Exception {
    JsonNode about = json("");
    assertEquals(
        List.of("Daffodil", "Fitzpatrick17k", "HAM10000", "PAD-UFES-20"),
        texts(about.get("label_sets")));
    assertEquals(6, about.get("strategies").size());
    assertEquals(8, about.at("/templates/derm1m").size());
  }

  @Test
  void aNamedSetInBenchmarkOrderWithProvenanceAndStableBytes() throws Exception {
    HttpResponse<String> r = call("?set=HAM10000");
    assertEquals(200, r.statusCode(), r.body());
    JsonNode set = JSON.readTree(r.body());
    assertEquals(7, set.get("classnames").size());
    assertEquals("melanoma", set.at("/classnames/4").asText());
    assertEquals("This is a skin image of melanoma", set.at("/prompts/melanoma/0").asText());
    String hash = set.at("/provenance/content_hash").asText();
    assertEquals("\"" + hash + "\"", r.headers().firstValue("ETag").orElse(""));
    assertEquals("label-set", set.at("/provenance/selection/kind").asText());
    assertTrue(set.at("/provenance/ontology_version").asText().contains("sha256:"));
    assertEquals(r.body(), call("?set=HAM10000").body(), "same request, same bytes");
    // the store (TDB2, union graph) and the ontology alone (in memory, as derm prompts runs) agree
    OntologySnapshot shipped = OntologySnapshot.shipped();
    PromptSet local =
        PromptGenerator.forOntology(shipped.rdf().getGraph(), shipped.version(), 10_000)
            .generate(PromptRequest.flat(new Selection.LabelSet("HAM10000")));
    assertEquals(PromptWriter.json(local), r.body());
  }

  @Test
  void termsShowTheirBenchmarkLabels() throws Exception {
    HttpResponse<String> r = get(server.url() + "/api/terms/DERM:0001242/mappings", null);
    assertEquals(200, r.statusCode(), r.body());
    JsonNode m = JSON.readTree(r.body());
    List<String> seen = new ArrayList<>();
    m.forEach(
        x ->
            seen.add(
                x.get("set").asText()
                    + ":"
                    + x.get("label").asText()
                    + ":"
                    + x.get("predicate").asText()));
    assertTrue(seen.contains("HAM10000:melanoma:exactMatch"), seen::toString);
    assertTrue(seen.contains("PAD-UFES-20:melanoma:exactMatch"), seen::toString);
  }

  @Test
  void csvHasARowPerPrompt() throws Exception {
    HttpResponse<String> r = call("?set=PAD-UFES-20&format=csv");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
    assertEquals(6 * 8 + 1, r.body().lines().count());
    assertTrue(r.headers().firstValue("X-Derm-Content-Hash").orElse("").startsWith("sha256:"));
  }

  @Test
  void levelsSubtreesSparqlAndGroupsChooseClasses() throws Exception {
    JsonNode level1 = json("?level=1&strategies=name,descendants&templates=bare");
    assertEquals(7, level1.get("classnames").size());
    assertTrue(texts(level1.get("classnames")).contains("Proliferative skin lesion"));
    assertTrue(level1.at("/chils/classnames").size() > 300, "every disease below level 1");
    JsonNode malignant = json("?children_of=" + enc("proliferations > malignant"));
    assertTrue(texts(malignant.get("classnames")).contains("Malignant melanocytic neoplasm"));
    JsonNode seen =
        json(
            "?sparql="
                + enc(
                    "SELECT DISTINCT ?class WHERE { ?image dkg:diagnosis ?class } ORDER BY ?class LIMIT 5"));
    assertEquals(5, seen.get("classnames").size());
    JsonNode three =
        json(
            "?group="
                + enc("benign=Benign proliferative skin lesion")
                + "&group="
                + enc("malignant=proliferations > malignant")
                + "&group="
                + enc("non-neoplastic=rest")
                + "&strategies=name,descendants");
    assertEquals(List.of("benign", "malignant", "non-neoplastic"), texts(three.get("classnames")));
    assertTrue(three.at("/classes/2/ids").size() >= 6);
    assertEquals(0, three.get("overlaps").size());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "?set=HAM9|400|SPARQL-BAD-ARGUMENT|unknown label set 'HAM9'",
        "?class=DERM:0009999|404|SPARQL-UNKNOWN-TERM|no class DERM:0009999",
        "?class=not%20a%20disease%20at%20all|404|SPARQL-UNKNOWN-TERM|no class named",
        "?sparql=CONSTRUCT%20%7B%7D%20WHERE%20%7B%7D|400|SPARQL-BAD-ARGUMENT|a SELECT of classes is needed",
        "?sparql=SELECT%20%3Fclass%20WHERE%20%7B%20%3Fclass%20rdfs%3Alabel%20%3Fl%20%7D|400|SPARQL-BAD-ARGUMENT|must return ontology classes",
        "?set=HAM10000&template=a%20photo|400|SPARQL-BAD-ARGUMENT|has no {} slot",
        "?set=HAM10000&strategies=name,colour|400|SPARQL-BAD-ARGUMENT|unknown prompt strategy 'colour'",
        "?level=two|400|SPARQL-BAD-ARGUMENT|level must be a whole number",
        "?level=1&set=HAM10000|400|SPARQL-BAD-ARGUMENT|more than one way",
        "?sets=HAM10000|400|SPARQL-BAD-ARGUMENT|unknown parameter 'sets'",
        "?set=HAM10000&format=xml|400|SPARQL-BAD-ARGUMENT|format must be json or csv",
        "?group=a%3DMelanoma|400|SPARQL-BAD-ARGUMENT|at least two groups"
      })
  void badRequestsAreAnErrorNamingTheProblem(String query, int status, String code, String message)
      throws Exception {
    HttpResponse<String> r = call(query);
    assertEquals(status, r.statusCode(), query + ": " + r.body());
    JsonNode err = JSON.readTree(r.body());
    assertEquals(code, err.get("code").asText(), r.body());
    assertTrue(err.get("message").asText().contains(message), r.body());
  }

  @Test
  void onlyGet() throws Exception {
    HttpResponse<String> r =
        post(server.url() + "/api/prompts", "application/x-www-form-urlencoded", "set=HAM10000");
    assertEquals(405, r.statusCode(), r.body());
  }
}
