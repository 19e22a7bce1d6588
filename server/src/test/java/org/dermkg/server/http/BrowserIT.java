package org.dermkg.server.http;

import static org.dermkg.server.http.ServedStore.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The browser's static pages, thumbnails from the image tree (safe paths) and tree counts. */
class BrowserIT {
  private static ServedStore store;
  private static DermServer server;
  private static Path outside;

  @BeforeAll
  static void start() throws Exception {
    store = ServedStore.create();
    Path demo = store.dir.resolve("demo");
    outside = Files.writeString(store.dir.resolve("secret.png"), "not for the web");
    Files.createSymbolicLink(demo.resolve("escape.png"), outside);
    Files.writeString(demo.resolve("notes.txt"), "text");
    store.loadPad();
    Files.createSymbolicLink(store.padDir().resolve("escape.png"), outside);
    server =
        DermServer.start(
            store.store.dataset(),
            ServeSettings.defaults(),
            new ModelSettings(
                    new LazyModel(Path.of("none")),
                    store.dir.resolve("cache"),
                    1 << 20,
                    Optional.of(demo))
                .withDatasetImages(Map.of("PAD-UFES-20", store.padDir())),
            Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    store.close();
  }

  private static HttpResponse<byte[]> raw(String path) throws Exception {
    return ServedStore.HTTP.send(
        HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void pagesAreServedWithAStrictPolicy() throws Exception {
    HttpResponse<String> page = get(server.url() + "/ui/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<title>Derm knowledge graph</title>"));
    assertTrue(
        page.headers()
            .firstValue("Content-Security-Policy")
            .orElse("")
            .contains("default-src 'self'"));
    assertEquals(200, get(server.url() + "/ui/app.js", null).statusCode());
    int sneaky = get(server.url() + "/ui/%2e%2e%2fpom.xml", null).statusCode();
    assertTrue(sneaky == 400 || sneaky == 404, "status " + sneaky);
    assertEquals(404, get(server.url() + "/ui/secret.png", null).statusCode());
    assertTrue(
        !page.headers().firstValue("Content-Security-Policy").orElse("").contains("unsafe"),
        "no inline styles or scripts on the browser's pages");
  }

  @Test
  void theSparqlEditorIsServedFromTheBuildNotFetched() throws Exception {
    HttpResponse<String> page = get(server.url() + "/ui/sparql.html", null);
    assertEquals(200, page.statusCode());
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self';"), csp);
    assertTrue(csp.contains("style-src 'self' 'unsafe-inline'"), "YASGUI's inline styles: " + csp);
    assertTrue(!page.body().contains("http://") && !page.body().contains("https://"), page.body());
    HttpResponse<byte[]> js = raw("/ui/vendor/yasgui.min.js");
    assertEquals(200, js.statusCode());
    assertTrue(js.body().length > 500_000, "the YASGUI bundle: " + js.body().length + " bytes");
    assertTrue(js.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertEquals(200, raw("/ui/vendor/yasgui.min.css").statusCode());
    assertEquals(404, raw("/ui/vendor/yasqe.min.js").statusCode());
    assertTrue(!UiServlet.yasguiVersion().equals("missing"), "the WebJar is on the class path");
  }

  @Test
  void thumbnailsComeOnlyFromInsideTheImageTree() throws Exception {
    JsonNode page =
        new ObjectMapper()
            .readTree(get(server.url() + "/api/terms/DERM:0001000/images?limit=1", null).body());
    String file = page.at("/images/0/filename").asText();
    HttpResponse<byte[]> img = raw(new URI(null, null, "/images/" + file, null).toASCIIString());
    assertEquals(200, img.statusCode(), file);
    assertTrue(img.headers().firstValue("Content-Type").orElse("").startsWith("image/"));
    assertTrue(img.body().length > 20);
    for (String bad :
        new String[] {
          "/images/..%2Fsecret.png",
          "/images/%2e%2e/secret.png",
          "/images/escape.png",
          "/images/notes.txt",
          "/images/..%5Csecret.png",
          "/images/%00.png",
          "/images/no-such.png"
        }) {
      int status = raw(bad).statusCode();
      assertTrue(status == 404 || status == 400, bad + " -> " + status);
    }
  }

  @Test
  void aBenchmarkDatasetsImagesAreListedAndServedFromItsFolderOnly() throws Exception {
    ObjectMapper m = new ObjectMapper();
    JsonNode page =
        m.readTree(get(server.url() + "/api/datasets/PAD-UFES-20/images?limit=2", null).body());
    assertEquals(3, page.get("total").asInt(), page.toString());
    assertEquals(2, page.get("images").size());
    JsonNode rest =
        m.readTree(
            get(server.url() + "/api/datasets/PAD-UFES-20/images?limit=2&offset=2", null).body());
    assertEquals(1, rest.get("images").size());
    JsonNode mel = null;
    for (JsonNode i : page.get("images")) {
      mel = i.get("label").asText().equals("MEL") ? i : mel;
    }
    for (JsonNode i : rest.get("images")) {
      mel = i.get("label").asText().equals("MEL") ? i : mel;
    }
    assertTrue(mel != null && mel.get("fitzpatrick").asText().equals("5"), page + " " + rest);
    assertEquals("imgs_part_1/a.png", mel.get("filename").asText());
    String melanoma = mel.get("diagnosis").asText();
    assertTrue(melanoma.startsWith("DERM:"), mel.toString());
    // the term's images filtered to the dataset; Derm1M's page of it leaves them out
    JsonNode under =
        m.readTree(
            get(server.url() + "/api/terms/" + melanoma + "/images?dataset=PAD-UFES-20", null)
                .body());
    assertEquals(1, under.get("total").asInt(), under.toString());
    assertEquals("MEL", under.at("/images/0/label").asText());
    JsonNode derm1m =
        m.readTree(get(server.url() + "/api/terms/" + melanoma + "/images", null).body());
    for (JsonNode i : derm1m.get("images")) {
      assertTrue(!i.get("iri").asText().contains("/dataset/"), i.toString());
    }
    HttpResponse<String> unknown =
        get(server.url() + "/api/terms/" + melanoma + "/images?dataset=Nope", null);
    assertEquals(404, unknown.statusCode());
    assertTrue(
        unknown.body().contains("PAD-UFES-20"), "names the loaded datasets: " + unknown.body());
    assertEquals(404, get(server.url() + "/api/datasets/Nope/images", null).statusCode());
    // the named queries take the dataset by name too
    JsonNode rows =
        m.readTree(
            get(server.url() + "/api/queries/dataset-images?dataset=PAD-UFES-20", null).body());
    assertEquals(3, rows.get("rows").size(), rows.toString());
    // the files: from the dataset's folder, nowhere else
    HttpResponse<byte[]> img = raw("/dataset-images/PAD-UFES-20/imgs_part_1/a.png");
    assertEquals(200, img.statusCode());
    assertEquals("image/png", img.headers().firstValue("Content-Type").orElse(""));
    assertTrue(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(img.body())) != null);
    for (String bad :
        new String[] {
          "/dataset-images/PAD-UFES-20/..%2F..%2Fsecret.png",
          "/dataset-images/PAD-UFES-20/%2e%2e/%2e%2e/secret.png",
          "/dataset-images/PAD-UFES-20/escape.png",
          "/dataset-images/PAD-UFES-20/metadata.csv",
          "/dataset-images/PAD-UFES-20/imgs_part_1/c.png",
          "/dataset-images/Nope/imgs_part_1/a.png",
          "/dataset-images/%2e%2e/secret.png",
          "/dataset-images/PAD-UFES-20",
          "/dataset-images/%25zz/a.png"
        }) {
      int status = raw(bad).statusCode();
      assertTrue(status == 404 || status == 400, bad + " -> " + status);
    }
  }

  @Test
  void treeChildrenCarryImageCountsWhenAsked() throws Exception {
    JsonNode kids =
        new ObjectMapper()
            .readTree(
                get(server.url() + "/api/terms/DERM:0001000/children?counts=true", null).body());
    assertTrue(kids.size() >= 7);
    long sum = 0;
    for (JsonNode k : kids) {
      assertTrue(k.has("imageCount"), k.toString());
      sum += k.get("imageCount").asLong();
    }
    assertTrue(sum > 0);
  }
}
