package org.dermkg.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateAction;
import org.dermkg.graph.FixtureDataset;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.shacl.DataValidator;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Dkg;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads into a real TDB2 store on disk; the dataset is a copy of the committed fixture. */
class Derm1mLoaderTest {
  static OntologySnapshot snapshot;
  static Path demo;

  @TempDir static Path shared;
  @TempDir Path tmp;

  @BeforeAll
  static void demo() {
    snapshot = OntologySnapshot.shipped();
    demo = shared.resolve("demo");
    FixtureDataset.copyTo(demo);
  }

  private LoadReport load(DermStore store, Path dataset) {
    return Derm1mLoader.load(
        store, snapshot, LoadRequest.of(dataset, tmp.resolve("report")), LoadListener.NONE);
  }

  private static long ask(DermStore store, String select) {
    return Txn.calculateRead(
        store.dataset(),
        () -> {
          try (QueryExecution qe =
              QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(store.dataset()))
                  .query("PREFIX dkg: <" + Dkg.NS + ">\n" + select)
                  .build()) {
            QuerySolution s = qe.execSelect().next();
            return s.getLiteral("n").getLong();
          }
        });
  }

  @Test
  void loadsTheDemoDatasetAndReportsWhatItDid() throws IOException {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      LoadReport r = load(store, demo);
      assertEquals(FixtureDataset.IMAGES, r.images());
      assertEquals(FixtureDataset.IMAGES, store.imageCount());
      assertEquals(0, r.rowsRejected());
      assertEquals(
          FixtureDataset.PRETRAIN_ROWS
              + FixtureDataset.VALIDATION_ROWS
              + FixtureDataset.CONCEPT_ROWS,
          r.rowsRead());
      LoadReport.ImageFiles files = r.imageFiles();
      assertEquals(FixtureDataset.MISSING_IMAGES, files.missing(), files.toString());
      assertEquals(FixtureDataset.UNREADABLE_IMAGES, files.unreadable(), files.toString());
      assertTrue(r.shaclResult().orElseThrow().conforms(), r.shacl().toString());
      assertTrue(Files.readString(tmp.resolve("report/load-report.txt")).startsWith("rows read"));
      assertTrue(
          Files.readString(tmp.resolve("report/load-report.json")).contains("\"topUnresolved\""));
      // every image row has captions; a present image has its size
      assertEquals(
          r.captions(),
          ask(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) { GRAPH ?g { ?i dkg:caption ?c } }"));
      assertEquals(
          FixtureDataset.IMAGE_FILES - FixtureDataset.UNREADABLE_IMAGES,
          ask(
              store,
              "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?i dkg:width ?w ; dkg:height ?h ; dkg:format ?f } }"));
    }
  }

  /** Every (image, class) pair of a SELECT ?i ?c query, as "image class" strings, sorted. */
  private static java.util.SortedSet<String> pairs(DermStore store, String select) {
    return Txn.calculateRead(
        store.dataset(),
        () -> {
          java.util.SortedSet<String> out = new java.util.TreeSet<>();
          try (QueryExecution qe =
              QueryExecution.dataset(org.apache.jena.query.DatasetFactory.wrap(store.dataset()))
                  .query(
                      "PREFIX dkg: <"
                          + Dkg.NS
                          + ">\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                          + select)
                  .build()) {
            qe.execSelect()
                .forEachRemaining(
                    q -> out.add(q.getResource("i").getURI() + " " + q.getResource("c").getURI()));
          }
          return out;
        });
  }

  private static java.util.SortedSet<String> closure(DermStore store) {
    return pairs(
        store, "SELECT ?i ?c { GRAPH <" + Dkg.IMAGES_GRAPH + "> { ?i dkg:diagnosisUnder ?c } }");
  }

  /** The closure as walking the store's ontology graph gives it. */
  private static java.util.SortedSet<String> walked(DermStore store) {
    return pairs(
        store,
        "SELECT DISTINCT ?i ?c { GRAPH <"
            + Dkg.IMAGES_GRAPH
            + "> { ?i dkg:diagnosis ?d } GRAPH <"
            + Dkg.ONTOLOGY_GRAPH
            + "> { ?d rdfs:subClassOf* ?c FILTER(isIRI(?c)) } }");
  }

  @Test
  void theClosureMakesAllImagesUnderAClassOneBoundPattern() {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
      String root = "https://w3id.org/dermkg/DERM_0001221"; // Proliferative skin lesion
      java.util.SortedSet<String> closure = closure(store);
      assertTrue(closure.stream().anyMatch(x -> x.endsWith(" " + root)), "images under the root");
      assertEquals(
          walked(store), closure, "the materialised closure is the walk of the ontology graph");
    }
  }

  @Test
  void reloadingTheSameDatasetAddsNothing() {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      LoadReport first = load(store, demo);
      long quads =
          ask(store, "SELECT (COUNT(*) AS ?n) { GRAPH <" + Dkg.IMAGES_GRAPH + "> { ?s ?p ?o } }");
      long ontology =
          ask(store, "SELECT (COUNT(*) AS ?n) { GRAPH <" + Dkg.ONTOLOGY_GRAPH + "> { ?s ?p ?o } }");
      LoadReport second = load(store, demo);
      assertEquals(
          quads,
          ask(store, "SELECT (COUNT(*) AS ?n) { GRAPH <" + Dkg.IMAGES_GRAPH + "> { ?s ?p ?o } }"));
      assertEquals(
          ontology,
          ask(
              store,
              "SELECT (COUNT(*) AS ?n) { GRAPH <" + Dkg.ONTOLOGY_GRAPH + "> { ?s ?p ?o } }"));
      assertTrue(first.ontologyGraphReplaced());
      assertFalse(second.ontologyGraphReplaced());
      assertEquals(
          2,
          ask(store, "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?l a dkg:Load } }"),
          "one record per load");
    }
  }

  @Test
  void badRowsGoToRejectsAndTheLoadGoesOn() throws IOException {
    Path ds = tmp.resolve("bad");
    Files.createDirectories(ds);
    String header = String.join(",", org.dermkg.graph.derm1m.Derm1mColumns.MAIN);
    String ok =
        "a/1.jpg,First caption,First caption,youtube,edu,psoriasis,\"inflammatory, non-infectious, psoriasis\",red,face,No symptom information,45,female";
    byte[] badUtf8 = "a/4.jpg,caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
    badUtf8[badUtf8.length - 2] = (byte) 0xC3;
    try (var out = Files.newOutputStream(ds.resolve(LoadRequest.PRETRAIN))) {
      out.write(
          (header
                  + "\n"
                  + ok
                  + "\n"
                  + "a/2.jpg,too,few,fields\n"
                  + "../../etc/passwd,x,x,youtube,edu,psoriasis,psoriasis,red,face,No symptom information,45,female\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(badUtf8);
      out.write(
          (",x,youtube,edu,psoriasis,psoriasis,red,face,No symptom information,45,female\n"
                  + "a/3.jpg,\"never closed,x,youtube,edu,psoriasis,psoriasis,red,face,No symptom information,45,female\n"
                  + ok.replace("a/1.jpg", "a/5.jpg")
                  + "\n")
              .getBytes(StandardCharsets.UTF_8));
    }
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      LoadReport r = load(store, ds);
      assertEquals(6, r.rowsRead());
      assertEquals(4, r.rowsRejected());
      assertEquals(2, store.imageCount());
      List<String> rejects = Files.readAllLines(tmp.resolve("report/rejects.tsv"));
      assertEquals("file\tline\treason\traw", rejects.get(0));
      assertTrue(
          rejects.get(1).startsWith("Derm1M_v2_pretrain.csv\t3\texpected 12 fields"),
          rejects.get(1));
      assertTrue(
          rejects.get(2).contains("\t4\tfield 'filename': '../../etc/passwd'"), rejects.get(2));
      assertTrue(rejects.get(3).contains("\t5\tinvalid UTF-8"), rejects.get(3));
      assertTrue(rejects.get(4).contains("\t6\tbroken quoting"), rejects.get(4));
    }
  }

  @Test
  void anUnknownColumnSetIsAnErrorAndNothingIsStored() throws IOException {
    Path ds = tmp.resolve("cols");
    Files.createDirectories(ds);
    Files.writeString(ds.resolve(LoadRequest.VALIDATION), "file,caption\nx.jpg,hello\n");
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
      long before = store.quadCount();
      GraphException e = assertThrows(GraphException.class, () -> load(store, ds));
      assertEquals(GraphException.Code.CSV_HEADER, e.code());
      assertTrue(
          e.getMessage()
              .startsWith("Derm1M_v2_validation.csv: line 1: not a known Derm1M column set"),
          e.getMessage());
      assertEquals(before, store.quadCount(), "the failed load left the store as it was");
    }
  }

  @Test
  void aLoadThatFailsHalfwayCommitsNothing() throws IOException {
    Path big = tmp.resolve("big");
    DemoGenerator.generate(new DemoGenerator.Options(big, 3000, 11, 2.5, false), snapshot, n -> {});
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
      long before = store.quadCount();
      LoadListener crashing =
          new LoadListener() {
            @Override
            public void progress(long bytes, long rows, long quads) {
              if (rows > 1000) {
                throw new IllegalStateException("simulated crash after 1000 rows");
              }
            }
          };
      GraphException e =
          assertThrows(
              GraphException.class,
              () ->
                  Derm1mLoader.load(
                      store, snapshot, LoadRequest.of(big, tmp.resolve("r2")), crashing));
      assertEquals(GraphException.Code.LOAD_FAILED, e.code());
      assertTrue(e.getMessage().contains("nothing of it was committed"));
      assertEquals(before, store.quadCount());
      assertEquals(FixtureDataset.IMAGES, store.imageCount());
    }
  }

  @Test
  void aNewOntologyVersionReplacesTheOntologyGraphAndRebuildsTheClosure() {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
      java.util.SortedSet<String> loaded = closure(store);
      // pretend the store was loaded with another ontology, whose closure lacked the root class
      Txn.executeWrite(
          store.dataset(),
          () ->
              UpdateAction.parseExecute(
                  "PREFIX dkg: <"
                      + Dkg.NS
                      + "> DELETE WHERE { GRAPH ?g { <https://w3id.org/dermkg/derm.owl> dkg:ontologyVersion ?v } } ;"
                      + " DELETE WHERE { GRAPH ?g { ?i dkg:diagnosisUnder <https://w3id.org/dermkg/DERM_0001000> } }",
                  store.dataset()));
      assertTrue(closure(store).size() < loaded.size());
      Path onlyValidation = tmp.resolve("v");
      LoadReport r =
          Derm1mLoader.load(
              store,
              snapshot,
              new LoadRequest(
                  demo,
                  List.of(demo.resolve(LoadRequest.VALIDATION)),
                  java.util.Optional.empty(),
                  onlyValidation,
                  true,
                  false,
                  org.dermkg.graph.store.DiskGuard.DEFAULT_MIN_FREE),
              LoadListener.NONE);
      assertTrue(r.closureRebuilt());
      assertEquals(loaded, closure(store), "the rebuilt closure is the one the load wrote");
      assertEquals(snapshot.version(), store.ontologyVersion().orElseThrow());
      // the same for the ontology install without a load
      Txn.executeWrite(
          store.dataset(),
          () ->
              UpdateAction.parseExecute(
                  "PREFIX dkg: <"
                      + Dkg.NS
                      + "> DELETE WHERE { GRAPH ?g { <https://w3id.org/dermkg/derm.owl> dkg:ontologyVersion ?v } } ;"
                      + " DELETE WHERE { GRAPH ?g { ?i dkg:diagnosisUnder ?c } }",
                  store.dataset()));
      assertTrue(Derm1mLoader.installOntology(store, snapshot));
      assertEquals(loaded, closure(store), "installOntology rebuilds the same closure");
    }
  }

  @Test
  void shaclNamesEachViolation() {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
      Txn.executeWrite(
          store.dataset(),
          () ->
              UpdateAction.parseExecute(
                  "PREFIX dkg: <"
                      + Dkg.NS
                      + "> INSERT DATA { GRAPH <"
                      + Dkg.IMAGES_GRAPH
                      + "> {"
                      + " <https://w3id.org/dermkg/image/x/bad.jpg> a dkg:Image ; dkg:filename \"x/bad.jpg\" ; dkg:split \"pretrain\" ;"
                      + " dkg:fileStatus \"present\" ; dkg:diagnosis <https://w3id.org/dermkg/DERM_0002103> } }",
                  store.dataset()));
      DataValidator.Result r = DataValidator.validate(store, snapshot);
      assertFalse(r.conforms());
      String all = r.groups().toString() + r.samples();
      assertTrue(all.contains("a diagnosis is a live disease class"), all);
      assertTrue(all.contains("an image has at least one caption"), all);
      assertTrue(all.contains("x/bad.jpg"), all);
      assertTrue(
          r.violations() >= 3,
          "diagnosis, caption and the missing width/height/format: " + r.violations());
    }
  }

  /** A copy of the demo's CSV files (no images), to change without touching the shared demo. */
  private Path demoCsvs(String name) throws IOException {
    Path ds = tmp.resolve(name);
    Files.createDirectories(ds);
    for (String f : List.of(LoadRequest.PRETRAIN, LoadRequest.VALIDATION, LoadRequest.CONCEPTS)) {
      Files.copy(demo.resolve(f), ds.resolve(f));
    }
    return ds;
  }

  /** Issue #16: an input that cannot be read was reported as a full disk (GRAPH-WRITE). */
  @Test
  void anInputFileThatCannotBeReadIsBadInputNamingTheFile() throws IOException {
    Path ds = demoCsvs("vanishing");
    Path concepts = ds.resolve(LoadRequest.CONCEPTS);
    LoadListener deleting =
        new LoadListener() {
          @Override
          public void start(long totalBytes) {
            try {
              Files.delete(concepts); // after the inputs were checked, before they are read
            } catch (IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          }
        };
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
      long before = store.quadCount();
      LoadRequest request = LoadRequest.of(ds, tmp.resolve("r")).withImageProbing(false);
      GraphException e =
          assertThrows(
              GraphException.class, () -> Derm1mLoader.load(store, snapshot, request, deleting));
      assertEquals(GraphException.Code.INPUT_MISSING, e.code(), e.toString());
      assertTrue(e.getMessage().contains("cannot read the input file " + concepts), e.getMessage());
      assertFalse(e.getMessage().contains("disk"), e.getMessage());
      assertEquals(before, store.quadCount(), "nothing of the failed load was committed");
    }
  }

  /** Issue #16: a SHACL failure after the commit exited with no report, the data committed. */
  @Test
  void aShaclFailureAfterTheCommitWritesTheReportSayingTheDataIsCommitted() throws IOException {
    LoadListener failingCheck =
        new LoadListener() {
          @Override
          public void phase(String name) {
            if (name.startsWith("validating")) {
              throw new IllegalStateException("simulated SHACL failure");
            }
          }
        };
    Path reports = tmp.resolve("r");
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      GraphException e =
          assertThrows(
              GraphException.class,
              () ->
                  Derm1mLoader.load(store, snapshot, LoadRequest.of(demo, reports), failingCheck));
      assertEquals(GraphException.Code.AFTER_COMMIT, e.code(), e.toString());
      assertTrue(e.getMessage().contains("data is committed"), e.getMessage());
      assertTrue(e.getMessage().contains("shacl"), e.getMessage());
      assertEquals(FixtureDataset.IMAGES, store.imageCount(), "the data is committed");
      var json =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(reports.resolve("load-report.json").toFile());
      assertEquals(FixtureDataset.IMAGES, json.get("images").asInt());
      assertFalse(json.has("shacl"), json.toString());
      assertTrue(json.get("failure").get("committed").asBoolean(), json.toString());
      assertEquals("shacl", json.get("failure").get("step").asText());
      assertTrue(
          json.get("failure").get("message").asText().contains("simulated SHACL failure"),
          json.toString());
      assertTrue(
          Files.readString(reports.resolve("load-report.txt")).contains("the data is committed"));
    }
  }

  @Test
  void aLoadReportWithoutFailureHasTheDocumentedFields() throws IOException {
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      load(store, demo);
    }
    var json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(tmp.resolve("report/load-report.json").toFile());
    List<String> fields = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertEquals(
        List.of(
            "load",
            "dataset",
            "store",
            "ontologyVersion",
            "ontologyGraphReplaced",
            "mode",
            "closureRebuilt",
            "files",
            "rowsRead",
            "rowsRejected",
            "rejects",
            "images",
            "captions",
            "conceptRowsForUnknownImages",
            "quads",
            "repeatedQuadsSkipped",
            "diagnoses",
            "concepts",
            "bodySites",
            "imageFiles",
            "timing",
            "storeBytes",
            "shacl"),
        fields);
    assertEquals(
        FixtureDataset.PRETRAIN_ROWS,
        json.get("files").get(LoadRequest.PRETRAIN).get("rows").asLong());
    assertTrue(json.get("diagnoses").get("topUnresolved").get(0).has("count"), json.toString());
    assertTrue(json.get("concepts").has("topUnresolved"), json.toString());
    assertTrue(json.get("timing").has("writerWaitingForParserSeconds"), json.toString());
    assertTrue(json.get("shacl").get("conforms").asBoolean(), json.toString());
  }

  @Test
  void missingInputsAreNamed() {
    GraphException e =
        assertThrows(GraphException.class, () -> LoadRequest.of(tmp.resolve("nope"), tmp));
    assertEquals(GraphException.Code.INPUT_MISSING, e.code());
    GraphException empty = assertThrows(GraphException.class, () -> LoadRequest.of(tmp, tmp));
    assertTrue(
        empty.getMessage().contains("no Derm1M_v2_pretrain.csv or Derm1M_v2_validation.csv"));
  }

  @Test
  void theRealSampleLoadsWithoutRejects() throws IOException {
    Path csv = org.dermkg.graph.SharedData.sampleCsv();
    Path ds = tmp.resolve("real");
    Files.createDirectories(ds);
    Files.copy(csv, ds.resolve(LoadRequest.PRETRAIN));
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      LoadReport r =
          Derm1mLoader.load(
              store,
              snapshot,
              LoadRequest.of(ds, tmp.resolve("rep")).withImageProbing(false),
              LoadListener.NONE);
      assertEquals(1000, r.rowsRead());
      assertEquals(0, r.rowsRejected());
      assertEquals(1000, r.images());
      assertEquals(975L, r.diagnoses().rowsWithLabel());
      assertEquals(0L, r.diagnoses().rowsUnresolved());
      assertEquals(
          r.concepts().values(),
          r.concepts().resolved(),
          "every skin_concept value of the sample resolves");
      assertEquals(1000L, r.imageFiles().missing());
    }
  }
}
