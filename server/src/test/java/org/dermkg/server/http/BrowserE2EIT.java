package org.dermkg.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.zeroshot.similar.StoreSimilarity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser in a real browser: Selenium drives headless Chromium (Debian's chromium and
 * chromium-driver) against the real server on loopback. It clicks through the tree, types into the
 * search box, runs SPARQL in the editor, uploads an image to classify, and checks what is shown;
 * every test saves a screenshot to target/browser-screenshots and fails on any error in the
 * browser's console (a script error, a refused request, a Content-Security-Policy violation).
 * Skipped with a message where chromium or chromedriver is missing (.ci/run installs both).
 */
class BrowserE2EIT {
  private static final Path SHOTS = Path.of("target/browser-screenshots");
  private static ServedStore store;
  private static DermServer server;
  private static StoreSimilarity similarity;
  private static ChromeDriver driver;
  private static WebDriverWait wait;

  @BeforeAll
  static void start() throws Exception {
    Optional<String> chromium = onPath("chromium", "chromium-browser", "google-chrome");
    Optional<String> chromedriver = onPath("chromedriver");
    Assumptions.assumeTrue(
        chromium.isPresent() && chromedriver.isPresent(),
        "chromium and chromedriver are not both installed (apt-get install chromium"
            + " chromium-driver); browser tests skipped");
    store = ServedStore.create();
    // embeddings of the store's images by the tiny test model, for similar images and classify
    similarity = store.embedTiny();
    store.predictConcepts();
    server = store.serveWithTinyModel();
    // the search index is built once, in the background from the start: wait for it here, so the
    // tests time the pages and not a cold build on a busy machine
    var warm = ServedStore.get(server.url() + "/api/search?q=p&under=DERM:0002001", null);
    org.junit.jupiter.api.Assertions.assertEquals(200, warm.statusCode(), warm.body());
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,900");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver.get()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // pages re-render as data arrives: an element found a moment ago may be replaced
    wait.ignoring(StaleElementReferenceException.class);
  }

  @AfterAll
  static void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
      similarity.close();
      store.close();
    }
  }

  private static Optional<String> onPath(String... names) {
    for (String c : names) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, c))) {
          return Optional.of(Path.of(dir, c).toString());
        }
      }
    }
    return Optional.empty();
  }

  @BeforeEach
  void freshPage() {
    driver.get("about:blank");
    driver.manage().logs().get(LogType.BROWSER); // drop what earlier tests left
  }

  /** A screenshot of where the test ended, and no errors in the browser's console. */
  @AfterEach
  void screenshotAndConsole(TestInfo info) throws IOException {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(info.getTestMethod().orElseThrow().getName() + ".png"), png);
    List<LogEntry> errors =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
            .filter(e -> !expectedErrors.stream().anyMatch(x -> e.getMessage().contains(x)))
            .toList();
    expectedErrors.clear();
    assertTrue(
        errors.isEmpty(),
        "browser console errors:\n"
            + errors.stream().map(LogEntry::getMessage).collect(Collectors.joining("\n")));
  }

  /** Console messages a test provokes on purpose (an HTTP error it asked for). */
  private final List<String> expectedErrors = new ArrayList<>();

  private static void open(String page) {
    driver.get(server.url() + page);
  }

  private static WebElement shown(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static void waitText(By by, String text) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(by, text));
  }

  private static String text(By by) {
    return driver.findElement(by).getText();
  }

  private static By treeLink(String label) {
    return By.xpath("//aside[@id='tree']//div[@class='node']/a[normalize-space()='" + label + "']");
  }

  @Test
  void theTreeExpandsAndOpensATerm() {
    open("/ui/");
    for (String root : List.of("Skin condition", "Clinical concept", "Body site")) {
      shown(treeLink(root));
    }
    // expand the disease hierarchy: its children appear with their image counts
    WebElement node = driver.findElement(treeLink("Skin condition")).findElement(By.xpath(".."));
    node.findElement(By.cssSelector("button.toggle")).click();
    WebElement li = node.findElement(By.xpath(".."));
    wait.until(
        d ->
            "true"
                .equals(
                    li.findElement(By.cssSelector(":scope > ul.tree"))
                        .getAttribute("data-loaded")));
    List<WebElement> kids = li.findElements(By.cssSelector(":scope > ul.tree > li > .node"));
    assertTrue(kids.size() >= 5, "children of Skin condition: " + kids.size());
    int counted = 0;
    for (WebElement k : kids) {
      if (k.findElement(By.cssSelector(".count")).getText().matches("\\d+")) {
        counted++;
      }
    }
    assertEquals(kids.size(), counted, "every child shows its image count");
    // collapse and expand again without a second fetch
    node.findElement(By.cssSelector("button.toggle")).click();
    wait.until(d -> !li.findElement(By.cssSelector(":scope > ul.tree")).isDisplayed());
    node.findElement(By.cssSelector("button.toggle")).click();
    wait.until(d -> li.findElement(By.cssSelector(":scope > ul.tree")).isDisplayed());
    // the concept hierarchy is a tree too
    WebElement concepts =
        driver.findElement(treeLink("Clinical concept")).findElement(By.xpath(".."));
    concepts.findElement(By.cssSelector("button.toggle")).click();
    WebElement morphology = shown(treeLink("Primary morphology"));
    morphology.click();
    waitText(By.cssSelector("#term h1"), "Primary morphology");
    assertTrue(driver.getCurrentUrl().endsWith("#/term/DERM%3A0002001"), driver.getCurrentUrl());
    assertTrue(morphology.getAttribute("class").contains("open"), "the open term is marked");
  }

  @Test
  void aTermPageShowsItsFactsAndPagesThroughItsImages() {
    open("/ui/#/term/DERM%3A0001000");
    waitText(By.cssSelector("#term h1"), "Skin condition");
    wait.until(d -> d.findElements(By.cssSelector("#images figure img")).size() == 24);
    String range = text(By.cssSelector(".pager span"));
    assertTrue(range.matches("1–24 of \\d+"), range);
    int total = Integer.parseInt(range.replaceAll(".* of ", ""));
    assertTrue(total > 24, range);
    WebElement previous = driver.findElement(By.xpath("//div[@class='pager']/button[1]"));
    assertTrue(!previous.isEnabled(), "no previous page on the first");
    driver.findElement(By.xpath("//div[@class='pager']/button[2]")).click();
    waitText(By.cssSelector(".pager span"), "25–");
    // every thumbnail was served by the image route (lazy ones below the fold loaded now)
    driver.executeScript(
        "document.querySelectorAll('#images img').forEach(i => i.loading = 'eager')");
    wait.until(
        d ->
            (Boolean)
                driver.executeScript(
                    "return [...document.querySelectorAll('#images img')].every(i => i.complete)"));
    Object broken =
        driver.executeScript(
            "return [...document.querySelectorAll('#images img')]"
                + ".filter(i => i.naturalWidth === 0).length");
    assertEquals(0L, broken);
  }

  @Test
  void aDiseasePageListsFindingsConceptsAndBenchmarkLabels() {
    open("/ui/#/term/DERM%3A0001242");
    waitText(By.cssSelector("#term h1"), "Malignant melanoma");
    shown(By.id("concepts"));
    String page = text(By.id("term"));
    assertTrue(page.contains("HAM10000: melanoma"), page);
    assertTrue(page.contains("Typical findings"), page);
    // its curated MONDO/DOID matches, linked to their OBO PURLs
    String xrefs = text(By.id("xrefs"));
    assertTrue(xrefs.contains("MONDO:0005012"), xrefs);
    assertTrue(
        driver
                .findElements(
                    By.cssSelector("#xrefs a[href='http://purl.obolibrary.org/obo/MONDO_0005012']"))
                .size()
            == 1,
        xrefs);
    // the cross-references derived through them have their own row
    String derived = text(By.id("derived-xrefs"));
    assertTrue(derived.contains("ICD10CM:C43") && !xrefs.contains("ICD10CM"), derived);
    assertTrue(driver.findElements(By.cssSelector("#concepts a")).size() > 0, page);
    // a concept chip opens the concept's own page
    WebElement concept = driver.findElement(By.cssSelector("#concepts a"));
    String label = concept.getText();
    concept.click();
    waitText(By.cssSelector("#term h1"), label);
  }

  /** derm concepts' predictions: a disease's predicted concepts, a concept's top images. */
  @Test
  void termPagesShowPredictedConceptsAndAConceptsTopImages() {
    var top =
        org.dermkg.graph.concepts.ConceptPredictions.all(store.store, "tiny-clip").stream()
            .max(java.util.Comparator.comparingDouble(p -> p.score()))
            .orElseThrow();
    open("/ui/#/term/" + org.dermkg.sparql.terms.TermIds.toId(top.concept()));
    wait.until(d -> !d.findElements(By.cssSelector("#predicted-images figure")).isEmpty());
    assertTrue(
        text(By.id("predicted-images"))
            .contains(String.format(java.util.Locale.ROOT, "%.3f", top.score())),
        "the best prediction is shown with its score");
    open("/ui/#/term/DERM%3A0001000");
    waitText(By.cssSelector("#term h1"), "Skin condition");
    wait.until(d -> !d.findElements(By.cssSelector("#predicted-concepts a")).isEmpty());
  }

  /** The datasets page: a loaded benchmark dataset's counts by class and skin type, its runs. */
  @Test
  void theDatasetsPageShowsALoadedDatasetAndItsEvaluationRuns() throws Exception {
    store.loadPad();
    expectedErrors.add("/dataset-images/PAD-UFES-20/c.png"); // listed, its file missing: a 404
    org.dermkg.graph.datasets.EvaluationRecords.write(
        store.store,
        new org.dermkg.graph.datasets.EvaluationRecords.Record(
            "PAD-UFES-20",
            "all",
            "tiny-clip",
            "name",
            "sha256:00",
            3,
            0.5,
            1.0,
            0.4,
            0.75,
            List.of(1.0, 0.5),
            Map.of(),
            java.time.Instant.parse("2026-12-04T10:00:00Z")));
    open("/ui/#/datasets/PAD-UFES-20");
    waitText(By.cssSelector("#term h2"), "PAD-UFES-20");
    String classes = text(By.id("dataset-classes"));
    assertTrue(classes.contains("Melanocytic nevus") && classes.contains("2"), classes);
    String skin = text(By.id("dataset-skin"));
    assertTrue(skin.contains("unknown") && skin.contains("5"), skin);
    String runs = text(By.id("evaluations"));
    assertTrue(runs.contains("tiny-clip") && runs.contains("0.500"), runs);
    assertTrue(runs.contains("0.750"), "the macro AUROC: " + runs);
    assertTrue(text(By.id("datasets")).contains("3 images"));
    // its image grid: every image with its own label, the served files drawn
    wait.until(d -> d.findElements(By.cssSelector("#dataset-images figure")).size() == 3);
    String grid = text(By.id("dataset-images"));
    assertTrue(grid.contains("MEL · FST 5") && grid.contains("NEV"), grid);
    wait.until(
        d ->
            Boolean.TRUE.equals(
                ((org.openqa.selenium.JavascriptExecutor) d)
                    .executeScript(
                        "return [...document.querySelectorAll('#dataset-images img')]"
                            + ".filter(i => i.complete && i.naturalWidth === 24).length === 2"
                            + " && document.querySelectorAll('#dataset-images img.missing')"
                            + ".length === 1")));
    // the term page's images, filtered to the dataset (the class reached from the counts table)
    driver.findElement(By.linkText("Melanocytic nevus")).click();
    waitText(By.cssSelector("#term h1"), "Melanocytic nevus");
    wait.until(d -> !d.findElements(By.id("image-source")).isEmpty());
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("image-source")))
        .selectByVisibleText("PAD-UFES-20");
    wait.until(d -> d.findElements(By.cssSelector("#images figure.dataset-image")).size() == 2);
    assertTrue(text(By.cssSelector("#images .pager")).contains("of 2"));
  }

  @Test
  void typingInTheSearchBoxSuggestsTermsAndEnterOpensOne() {
    open("/ui/");
    shown(treeLink("Skin condition"));
    WebElement q = driver.findElement(By.id("q"));
    q.sendKeys("melan");
    WebElement first = shown(By.cssSelector("#suggest li"));
    List<String> hits =
        driver.findElements(By.cssSelector("#suggest li")).stream()
            .map(WebElement::getText)
            .toList();
    assertTrue(hits.stream().anyMatch(h -> h.startsWith("Malignant melanoma")), hits.toString());
    assertTrue(first.getText().toLowerCase().contains("melan"), hits.toString());
    // arrow down to the melanoma suggestion, Enter opens its page
    int target = 0;
    while (!hits.get(target).startsWith("Malignant melanoma")) {
      target++;
    }
    for (int i = 0; i <= target; i++) {
      q.sendKeys(Keys.ARROW_DOWN);
    }
    q.sendKeys(Keys.ENTER);
    waitText(By.cssSelector("#term h1"), "Malignant melanoma");
    assertTrue(!driver.findElement(By.id("suggest")).isDisplayed());
  }

  @Test
  void searchUnderTheOpenTermKeepsToItsSubtree() {
    open("/ui/#/term/DERM%3A0002001");
    waitText(By.cssSelector("#term h1"), "Primary morphology");
    driver.findElement(By.id("under-toggle")).click();
    driver.findElement(By.id("q")).sendKeys("p");
    shown(By.cssSelector("#suggest li"));
    List<String> ids =
        driver.findElements(By.cssSelector("#suggest li")).stream()
            .map(li -> li.getAttribute("data-id"))
            .toList();
    assertTrue(!ids.isEmpty());
    // everything suggested is Primary morphology or under it (concept ids, DERM:0002xxx)
    for (String id : ids) {
      assertTrue(id.startsWith("DERM:0002"), ids.toString());
    }
  }

  @Test
  void theSparqlEditorRunsAnExampleAndATypedQuery() {
    open("/ui/sparql.html");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    shown(By.cssSelector(".yasqe .CodeMirror"));
    // the named queries are the examples; choosing one runs it and shows a result table
    new Select(driver.findElement(By.id("examples"))).selectByValue("ancestors");
    waitText(By.id("example-about"), "superclass");
    wait.until(d -> d.findElements(By.cssSelector(".yasr table.dataTable tbody tr")).size() >= 3);
    String table = text(By.cssSelector(".yasr table.dataTable"));
    assertTrue(table.contains("Skin condition"), table);
    // a query typed into the editor (CodeMirror's input) and run with Ctrl+Enter
    WebElement editor = driver.findElement(By.cssSelector(".yasqe .CodeMirror textarea"));
    driver.findElement(By.cssSelector(".yasqe .CodeMirror")).click();
    editor.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    editor.sendKeys(
        "PREFIX dkg: <https://w3id.org/dermkg/vocab#>\n"
            + "SELECT (COUNT(?i) AS ?images) WHERE { ?i a dkg:Image }");
    editor.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
    String images = Long.toString(store.store.imageCount());
    wait.until(
        d -> {
          List<WebElement> cells = d.findElements(By.cssSelector(".yasr table.dataTable tbody td"));
          return cells.stream().anyMatch(c -> c.getText().contains(images));
        });
    String value = (String) driver.executeScript("return yasgui.getTab().getYasqe().getValue()");
    assertTrue(value.contains("COUNT(?i)"), value);
  }

  @Test
  void theSparqlEditorShowsTheEndpointsErrorForABadQuery() {
    // the browser logs the endpoint's 400, and YASGUI rethrows the parse error it shows
    expectedErrors.add("derm/sparql");
    expectedErrors.add("Parse error");
    open("/ui/sparql.html");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    driver.executeScript(
        "const t = yasgui.getTab(); t.setQuery('SELECT * WHERE { ?s ?p }'); t.getYasqe().query()");
    wait.until(
        d ->
            d.findElements(By.cssSelector(".yasr .errorResult, .yasr .errorHeader")).stream()
                .anyMatch(WebElement::isDisplayed));
    String shown = text(By.cssSelector(".yasr"));
    assertTrue(shown.contains("400") || shown.toLowerCase().contains("parse"), shown);
  }

  @Test
  void thePromptPreviewBuildsASetFromTheForm() {
    open("/ui/#/prompts/");
    WebElement kind = shown(By.name("kind"));
    new Select(kind).selectByValue("set");
    WebElement value = driver.findElement(By.name("value"));
    value.clear();
    value.sendKeys("HAM10000");
    driver.findElement(By.cssSelector("input[name=strategy][value=synonyms]")).click();
    driver.findElement(By.cssSelector("form.prompts button[type=submit]")).click();
    shown(By.cssSelector("table.prompts"));
    String result = text(By.id("prompt-result"));
    for (String c : List.of("actinic keratosis", "melanoma", "vascular")) {
      assertTrue(result.contains(c), c + " in\n" + result);
    }
    assertTrue(result.contains("7 classes"), result);
    assertTrue(text(By.cssSelector(".provenance")).matches("(?s).*sha256:[0-9a-f]{64}.*"));
    assertTrue(
        driver.getCurrentUrl().contains("strategies=name%2Csynonyms"), driver.getCurrentUrl());
    // a mistake in the form is shown, not thrown
    expectedErrors.add("api/prompts"); // the 400 of the API shows in the console
    value = driver.findElement(By.name("value")); // the form was drawn again for the new hash
    value.clear();
    value.sendKeys("HAM9");
    driver.findElement(By.cssSelector("form.prompts button[type=submit]")).click();
    waitText(By.id("prompt-result"), "unknown label set 'HAM9'");
  }

  @Test
  void anImagesNeighboursAreShownWithScores() {
    String file = EmbeddingLinks.images(store.store).get(0).filename();
    open("/ui/#/similar/" + URLEncoder.encode(file, StandardCharsets.UTF_8).replace("+", "%20"));
    waitText(By.cssSelector("#term h1"), "Similar images");
    wait.until(d -> d.findElements(By.cssSelector("#similar figure")).size() == 12);
    assertTrue(text(By.id("similar")).contains("1.000 · "), "the best is the image or a twin");
    // clicking a neighbour shows its own neighbours
    driver.findElements(By.cssSelector("#similar figure a")).get(3).click();
    wait.until(d -> d.findElements(By.cssSelector("#similar figure")).size() == 12);
  }

  @Test
  void anUploadedImageIsClassifiedAtEveryLevel() {
    Path image =
        store.dir.resolve("demo").resolve(EmbeddingLinks.images(store.store).get(0).filename());
    open("/ui/#/classify");
    WebElement input = shown(By.cssSelector("input[type=file]"));
    input.sendKeys(image.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("form.prompts button[type=submit]")).click();
    waitText(By.id("classify-result"), "Path:");
    String result = text(By.id("classify-result"));
    assertTrue(result.contains("Level 1"), result);
    assertTrue(result.contains("Level 2"), result);
    assertTrue(result.matches("(?s).*\\d+\\.\\d%.*"), result);
    // with a label set: one ranked list of its classes
    driver.findElement(By.cssSelector("form.prompts input[type=text]")).sendKeys("HAM10000");
    driver.findElement(By.cssSelector("form.prompts button[type=submit]")).click();
    wait.until(d -> d.findElements(By.cssSelector("#classify-result > ol > li")).size() == 5);
  }

  @Test
  void theValidationReportOfTheShippedOntologyIsAPage() {
    open("/ui/#/validation");
    WebElement status =
        new WebDriverWait(driver, Duration.ofSeconds(90))
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("validation-status")));
    assertEquals("PASSED", status.getText());
    int checks = driver.findElements(By.cssSelector("table.checks tr[data-check]")).size();
    assertTrue(checks >= 30, "checks: " + checks);
    assertTrue(
        driver.findElements(By.cssSelector("tr[data-check=unsatisfiable_class]")).size() == 1);
    assertTrue(text(By.id("term")).contains("classifier"), "facts of the build are listed");
  }

  @Test
  void anUnknownTermSaysSo() {
    expectedErrors.add("DERM%3A0009999"); // the 404 of the API shows in the console
    open("/ui/#/term/DERM%3A0009999");
    waitText(By.id("term"), "Cannot show DERM:0009999");
  }

  @Test
  void nothingIsFetchedFromAnotherHost() {
    open("/ui/sparql.html");
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
    new Select(driver.findElement(By.id("examples"))).selectByValue("children");
    wait.until(d -> d.findElements(By.cssSelector(".yasr table.dataTable tbody tr")).size() > 0);
    assertEquals(List.of(), foreignRequests());
    open("/ui/#/term/DERM%3A0001000");
    wait.until(d -> d.findElements(By.cssSelector("#images figure img")).size() == 24);
    assertEquals(List.of(), foreignRequests());
  }

  /** What the page loaded (scripts, styles, images, fetches) from anywhere but this server. */
  @SuppressWarnings("unchecked")
  private static List<String> foreignRequests() {
    return (List<String>)
        driver.executeScript(
            "return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => !n.startsWith(location.origin))");
  }
}
