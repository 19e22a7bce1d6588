package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dermkg.server.ReadmeDoc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's curl examples and SPARQL blocks, run as written against a real server over a loaded
 * demo store with the tiny TorchScript CLIP (vectors for dkg:similarTo, a model for classify): each
 * answers 200 with a body, and shows the IDs the README shows after it.
 */
class ReadmeExamplesIT {
  private static final String DOCUMENTED = "http://127.0.0.1:3030";
  private static ServedStore store;
  private static AutoCloseable similarity;
  private static DermServer server;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    similarity = store.embedTiny();
    server = store.serveWithTinyModel();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    similarity.close();
    store.close();
  }

  static List<ReadmeDoc.Command> curls() {
    // examples with a placeholder (<update.token>) are about credentials, tested elsewhere
    return ReadmeDoc.commands("curl").stream()
        .filter(c -> c.words().stream().noneMatch(w -> w.contains("<")))
        .toList();
  }

  static List<String> sparqlQueries() {
    List<String> out = new ArrayList<>();
    for (ReadmeDoc.Block b : ReadmeDoc.blocks()) {
      if (b.lang().equals("sparql")) {
        // queries apart by blank lines; a leading paragraph of PREFIX lines is every query's
        String prefixes = "";
        for (String q : String.join("\n", b.lines()).split("\n\\s*\n")) {
          if (q.strip().startsWith("PREFIX") && !q.contains("SELECT")) {
            prefixes = q.strip() + "\n";
          } else {
            out.add(prefixes + q.strip());
          }
        }
      }
    }
    return out;
  }

  @Test
  void theReadmeHasTheExamplesThisTestRuns() {
    assertTrue(curls().size() >= 7, "curl examples found: " + curls().size());
    assertTrue(sparqlQueries().size() >= 5, "SPARQL queries found: " + sparqlQueries().size());
  }

  @TestFactory
  Stream<DynamicTest> everyCurlExampleAnswers() {
    return curls().stream()
        .map(c -> DynamicTest.dynamicTest("README line " + c.line(), () -> curl(c)));
  }

  @TestFactory
  Stream<DynamicTest> everySparqlBlockQueryRuns() {
    return sparqlQueries().stream()
        .map(
            q ->
                DynamicTest.dynamicTest(
                    q.lines().filter(l -> !l.startsWith("#")).findFirst().orElse(q),
                    () -> {
                      HttpResponse<String> r =
                          ServedStore.post(
                              server.url() + "/derm/sparql",
                              "application/sparql-query",
                              q,
                              "Accept",
                              "application/sparql-results+json");
                      assertEquals(200, r.statusCode(), q + "\n" + r.body());
                      assertTrue(
                          new ObjectMapper().readTree(r.body()).at("/results/bindings").isArray(),
                          r.body());
                    }));
  }

  private static void curl(ReadmeDoc.Command c) throws Exception {
    String url = null;
    String method = null;
    HttpRequest.BodyPublisher body = null;
    List<String> form = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    List<String> w = c.words();
    for (int i = 1; i < w.size(); i++) {
      switch (w.get(i)) {
        case "-s" -> {}
        case "-X" -> method = w.get(++i);
        case "-H" -> headers.addAll(List.of(w.get(++i).split(":\\s*", 2)));
        case "--data-urlencode" -> {
          String[] kv = w.get(++i).split("=", 2);
          form.add(kv[0] + "=" + URLEncoder.encode(kv[1], StandardCharsets.UTF_8));
        }
        case "--data-binary" -> { // @lesion.jpg: an image of the demo dataset
          i++;
          body = HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(store.anImage()));
        }
        default -> {
          assertTrue(w.get(i).startsWith(DOCUMENTED), "an option this test knows: " + w.get(i));
          url = server.url() + w.get(i).substring(DOCUMENTED.length());
        }
      }
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (!form.isEmpty()) {
      body = HttpRequest.BodyPublishers.ofString(String.join("&", form));
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    for (int i = 0; i < headers.size(); i += 2) {
      b.header(headers.get(i), headers.get(i + 1));
    }
    b.method(
        method != null ? method : body != null ? "POST" : "GET",
        body != null ? body : HttpRequest.BodyPublishers.noBody());
    HttpResponse<String> r = ServedStore.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    String where = "README line " + c.line() + " " + String.join(" ", w) + "\n" + r.body();
    assertEquals(200, r.statusCode(), where);
    assertFalse(r.body().isBlank(), where);
    for (String shown : c.output()) {
      Matcher ids = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(shown);
      while (ids.find()) {
        assertTrue(r.body().contains(ids.group()), "shows " + ids.group() + ": " + where);
      }
    }
  }
}
