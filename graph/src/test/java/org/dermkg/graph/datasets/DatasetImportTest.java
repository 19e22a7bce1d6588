package org.dermkg.graph.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.system.Txn;
import org.dermkg.graph.shacl.DataValidator;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.OntologySource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Datasets written into a real TDB2 store beside each other: labels resolved through the shipped
 * label sets or by name, the diagnosis closure, skin types; "every melanoma image in any dataset
 * from a Fitzpatrick V–VI patient" is one SPARQL query; a re-import replaces only its own graph.
 */
class DatasetImportTest {
  static OntologySnapshot snapshot;
  static DatasetLabels labels;
  @TempDir Path tmp;

  @BeforeAll
  static void ontology() {
    snapshot = OntologySnapshot.shipped();
    labels = new DatasetLabels(snapshot, OntologySource.shipped().mappings());
  }

  private static DatasetImport.Summary load(DermStore s, String name) {
    DatasetRead r = DatasetLayouts.of(name, Optional.empty()).read(DatasetLayoutsTest.dir(name));
    return new DatasetImport(snapshot).write(s, r, labels.resolve(r));
  }

  @Test
  void labelsResolveThroughLabelSetsOrByName() {
    DatasetRead ham =
        DatasetLayouts.of("HAM10000", Optional.empty()).read(DatasetLayoutsTest.dir("ham10000"));
    Map<String, DatasetLabels.Resolved> h = labels.resolve(ham);
    assertEquals(Optional.of("https://w3id.org/dermkg/DERM_0001242"), h.get("melanoma").classIri());
    assertEquals("label set HAM10000", h.get("melanoma").how());
    DatasetRead ddi =
        DatasetLayouts.of("DDI", Optional.empty()).read(DatasetLayoutsTest.dir("ddi"));
    Map<String, DatasetLabels.Resolved> d = labels.resolve(ddi);
    assertTrue(d.values().stream().anyMatch(r -> r.classIri().isPresent()), d.toString());
  }

  @Test
  void datasetsMeetInOneStoreAndOneQueryCrossesThem() {
    try (DermStore s = DermStore.open(tmp.resolve("store"))) {
      DatasetImport.Summary ham = load(s, "ham10000");
      load(s, "fitzpatrick17k");
      load(s, "pad-ufes-20");
      load(s, "ddi");
      assertEquals(6, ham.images());
      assertEquals(1, ham.rejected());
      assertEquals(Map.of("unknown", 6), ham.bySkinType());
      assertTrue(ham.unresolved().isEmpty(), ham.unresolved().toString());
      List<String> hits = melanomaOnDarkSkin(s);
      assertEquals(
          List.of(
              "https://w3id.org/dermkg/dataset/Fitzpatrick17k/image/fa2911a9b13b6f8af79cb700937cc14f",
              "https://w3id.org/dermkg/dataset/PAD-UFES-20/image/PAT_600_1010_100.png"),
          hits);
      // a re-import replaces its own graph and nothing else
      long before = s.quadCount();
      load(s, "ham10000");
      assertEquals(before, s.quadCount());
      DataValidator.Result v =
          DataValidator.validate(s, snapshot, DatasetImport.graph("PAD-UFES-20"));
      assertTrue(v.conforms(), v.summary().toString());
    }
  }

  /**
   * A dataset loaded into an empty store brings the ontology graph with it, and a Derm1M load after
   * it keeps it (an empty store's bulk load into a new generation would start without it).
   */
  @Test
  void aDerm1mLoadAfterADatasetKeepsTheDataset() {
    try (DermStore s = DermStore.open(tmp.resolve("store"))) {
      load(s, "pad-ufes-20");
      assertTrue(s.ontologyVersion().isPresent(), "the ontology graph came with the dataset");
      assertEquals(1, melanomaOnDarkSkin(s).size());
      Path demo = org.dermkg.graph.FixtureDataset.copyTo(tmp.resolve("derm1m"));
      org.dermkg.graph.load.Derm1mLoader.load(
          s,
          snapshot,
          org.dermkg.graph.load.LoadRequest.of(demo, tmp.resolve("report")).withImageProbing(false),
          org.dermkg.graph.load.LoadListener.NONE);
      assertTrue(s.imageCount() > 0);
      assertEquals(1, melanomaOnDarkSkin(s).size(), "the dataset is still there");
    }
  }

  /**
   * Train and test never share a lesion, together they are every image, and the split is stable.
   */
  @Test
  void splitsKeepALesionsImagesTogether() {
    try (DermStore s = DermStore.open(tmp.resolve("store"))) {
      load(s, "ham10000");
      List<DatasetImages.StoredImage> all = DatasetImages.read(s, "HAM10000");
      List<DatasetImages.StoredImage> test = DatasetImages.split(all, "HAM10000", "test", 50);
      List<DatasetImages.StoredImage> train = DatasetImages.split(all, "HAM10000", "train", 50);
      assertEquals(all.size(), test.size() + train.size());
      java.util.Set<String> testLesions =
          test.stream()
              .map(i -> i.lesion().orElse(i.iri()))
              .collect(java.util.stream.Collectors.toSet());
      assertTrue(train.stream().noneMatch(i -> testLesions.contains(i.lesion().orElse(i.iri()))));
      assertEquals(test, DatasetImages.split(all, "HAM10000", "test", 50), "stable");
      assertThrows(
          org.dermkg.graph.GraphException.class,
          () -> DatasetImages.split(all, "HAM10000", "validation", 50));
    }
  }

  /** Derm7pt's present criteria become concepts of the dermoscopic-structure branch. */
  @Test
  void derm7ptCriteriaBecomeConcepts() {
    try (DermStore s = DermStore.open(tmp.resolve("store"))) {
      load(s, "derm7pt");
      String q =
          "PREFIX dkg: <https://w3id.org/dermkg/vocab#>\n"
              + "SELECT ?c WHERE { GRAPH ?g { <https://w3id.org/dermkg/dataset/Derm7pt/image/2-derm>"
              + " dkg:concept ?c } } ORDER BY ?c";
      assertEquals(
          List.of(
              "https://w3id.org/dermkg/DERM_0002209",
              "https://w3id.org/dermkg/DERM_0002210",
              "https://w3id.org/dermkg/DERM_0002213"),
          select(s, q, "c"));
    }
  }

  /** SkinCon's concept columns land on the Fitzpatrick17k images, in a graph of their own. */
  @Test
  void skinConAnnotatesTheLoadedImagesWithConcepts() {
    try (DermStore s = DermStore.open(tmp.resolve("store"))) {
      load(s, "fitzpatrick17k");
      List<SkinCon.Summary> out = SkinCon.apply(s, snapshot, DatasetLayoutsTest.dir("skincon"));
      SkinCon.Summary f = out.get(0);
      assertEquals("Fitzpatrick17k", f.target());
      assertEquals(2, f.images(), "two usable rows");
      assertEquals(1, f.unmatched(), "one row for no loaded image");
      assertEquals(1, f.skipped(), "one 'do not consider' row");
      assertEquals(
          java.util.Set.of("Zebra stripes"), f.unresolved().keySet(), f.unresolved().toString());
      assertEquals(5, f.annotations(), "plaque, brown, ulcer; plaque, scale");
      String q =
          "PREFIX dkg: <https://w3id.org/dermkg/vocab#>\n"
              + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
              + "SELECT ?label WHERE { GRAPH ?g { <https://w3id.org/dermkg/dataset/Fitzpatrick17k/image/"
              + "fa2911a9b13b6f8af79cb700937cc14f> dkg:concept ?c } GRAPH ?o { ?c rdfs:label ?label } }"
              + " ORDER BY ?label";
      List<String> labelsFound = select(s, q, "label");
      assertEquals(3, labelsFound.size(), labelsFound.toString());
    }
  }

  /** Every melanoma (or subtype) image in any dataset, Fitzpatrick V–VI. */
  private static List<String> melanomaOnDarkSkin(DermStore s) {
    String q =
        "PREFIX dkg: <https://w3id.org/dermkg/vocab#>\n"
            + "PREFIX DERM: <https://w3id.org/dermkg/DERM_>\n"
            + "SELECT ?img WHERE { GRAPH ?g { ?img dkg:diagnosisUnder DERM:0001242 ;"
            + " dkg:fitzpatrick ?f FILTER(?f >= 5) } } ORDER BY ?img";
    return select(s, q, "img");
  }

  /** One variable of a SELECT over the store's union of graphs (IRIs and literals as text). */
  private static List<String> select(DermStore s, String q, String var) {
    List<String> out = new ArrayList<>();
    Txn.executeRead(
        s.dataset(),
        () -> {
          try (QueryExecution qe =
              QueryExecutionFactory.create(
                  q, org.apache.jena.query.DatasetFactory.wrap(s.dataset()))) {
            ResultSet rs = qe.execSelect();
            rs.forEachRemaining(
                b ->
                    out.add(
                        b.get(var).isURIResource()
                            ? b.getResource(var).getURI()
                            : b.getLiteral(var).getString()));
          }
        });
    return out;
  }
}
