package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dermkg.embeddings.embed.ImageEmbedder;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.server.similar.StoreSimilarity;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser in a real browser: headless Chromium (Debian's chromium) loads the pages from the
 * real server on loopback, runs their JavaScript against the JSON API, and the rendered DOM is
 * checked; screenshots go to target/browser-screenshots. Skipped with a message where chromium is
 * not installed (.ci/run installs it).
 */
class BrowserE2EIT {
  private static ServedStore store;
  private static DermServer server;
  private static String chromium;
  private static StoreSimilarity similarity;
  private static final Path SHOTS = Path.of("target/browser-screenshots");

  @BeforeAll
  static void start() throws Exception {
    chromium = find();
    Assumptions.assumeTrue(chromium != null, "chromium is not installed; browser tests skipped");
    store = ServedStore.create(40);
    // embeddings of the store's images by the tiny test model, for the similar-images page
    Path tiny = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");
    Path base = store.dir.resolve("emb/tiny-clip/images");
    List<ImageEmbedder.Item> items = new ArrayList<>();
    for (EmbeddingLinks.ImageFile f : EmbeddingLinks.images(store.store)) {
      items.add(new ImageEmbedder.Item(f.iri(), store.dir.resolve("demo").resolve(f.filename())));
    }
    try (ClipModel model = ClipModel.load(tiny, false)) {
      ImageEmbedder.run(model, items, base, 16, 2, (d, t) -> {});
    }
    similarity = StoreSimilarity.open(store.store.dataset(), base, tiny).orElseThrow();
    store.store.dataset().getContext().set(SimilaritySource.SYMBOL, similarity);
    server =
        DermServer.start(
            store.store.dataset(),
            ServeSettings.defaults(),
            new ModelSettings(
                tiny, store.dir.resolve("cache"), 1 << 20, Optional.of(store.dir.resolve("demo"))),
            Map.of());
    Files.createDirectories(SHOTS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
      similarity.close();
      store.close();
    }
  }

  private static String find() {
    for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (Files.isExecutable(Path.of(dir, c))) {
          return Path.of(dir, c).toString();
        }
      }
    }
    return null;
  }

  /** Chromium's DOM after the page's scripts ran (and a screenshot of the same page). */
  private static String render(String page, String shot) throws IOException, InterruptedException {
    List<String> base =
        List.of(
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--window-size=1300,900",
            "--virtual-time-budget=10000");
    List<String> dump = new ArrayList<>(base);
    dump.add("--dump-dom");
    dump.add(server.url() + page);
    Process p = new ProcessBuilder(dump).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "chromium finished");
    List<String> png = new ArrayList<>(base);
    png.add("--screenshot=" + SHOTS.resolve(shot).toAbsolutePath());
    png.add(server.url() + page);
    Process q =
        new ProcessBuilder(png)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    q.waitFor(60, TimeUnit.SECONDS);
    return dom;
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void theTreeShowsTheRootsOfTheHierarchies() throws Exception {
    String dom = render("/ui/", "tree.png");
    for (String root : List.of("Skin condition", "Clinical concept", "Body site")) {
      assertTrue(dom.contains(">" + root + "</a>"), root + " in\n" + dom);
    }
    assertTrue(Files.size(SHOTS.resolve("tree.png")) > 1000);
  }

  @Test
  void aTermPageShowsItsFactsAndAGridOfItsImages() throws Exception {
    String dom = render("/ui/#/term/DERM%3A0001000", "term.png");
    assertTrue(dom.contains("<h1>Skin condition</h1>"), dom);
    assertTrue(dom.contains("DERM:0001000"), dom);
    // the root holds every diagnosed image: a full first page of 24 thumbnails and a pager
    assertEquals(24, count(dom, "<img src=\"\\.\\./images/"), dom);
    assertEquals(1, count(dom, "1–24 of \\d+</span>"), dom);
  }

  @Test
  void thePromptPreviewShowsTheSetAndItsProvenance() throws Exception {
    String dom =
        render(
            "/ui/#/prompts/set=HAM10000&strategies=name,synonyms&templates=derm1m", "prompts.png");
    for (String c : List.of("actinic keratosis", "melanoma", "vascular")) {
      assertTrue(dom.contains("<td>" + c + "</td>"), c + " in\n" + dom);
    }
    assertTrue(dom.contains("7 classes"), dom);
    assertTrue(dom.matches("(?s).*sha256:[0-9a-f]{64}.*"), dom);
    String bad = render("/ui/#/prompts/set=HAM9", "prompts-error.png");
    assertTrue(bad.contains("unknown label set 'HAM9'"), bad);
  }

  @Test
  void anImagesNeighboursAreShownWithScores() throws Exception {
    String file = EmbeddingLinks.images(store.store).get(0).filename();
    String dom =
        render(
            "/ui/#/similar/"
                + java.net.URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"),
            "similar.png");
    assertTrue(dom.contains("<h1>Similar images</h1>"), dom);
    int grid = dom.indexOf("id=\"similar\"");
    assertTrue(grid > 0, dom);
    assertEquals(12, count(dom.substring(grid), "<figure>"), dom);
    assertTrue(
        dom.substring(grid).contains("1.000 · "),
        "the best neighbour is the image or a twin: " + dom);
  }

  @Test
  void aTermPageListsItsBenchmarkLabels() throws Exception {
    String dom = render("/ui/#/term/DERM%3A0001242", "melanoma.png");
    assertTrue(dom.contains("<h1>Malignant melanoma</h1>"), dom);
    assertTrue(dom.contains("HAM10000: melanoma"), dom);
  }

  @Test
  void anUnknownTermSaysSo() throws Exception {
    String dom = render("/ui/#/term/DERM%3A0009999", "unknown.png");
    assertTrue(dom.contains("Cannot show DERM:0009999"), dom);
  }
}
