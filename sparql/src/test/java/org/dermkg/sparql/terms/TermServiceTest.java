package org.dermkg.sparql.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.TinyKg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TermServiceTest {
  private static final String MELANOMA_IRI = TermIds.toIri("DERM:0001011");
  private DatasetGraph dsg;
  private TermService terms;

  @BeforeEach
  void setUp() {
    dsg = TinyKg.dataset();
    terms = new TermService(dsg, 10_000);
  }

  private static String iri(String curie) {
    return Derm.curieToIri(curie);
  }

  private static List<String> ids(List<TermRef> refs) {
    return refs.stream().map(TermRef::id).toList();
  }

  @Test
  void termDetailCarriesEverythingTheApiShows() {
    TermDetail d = terms.term(iri("DERM:0001011"));
    assertEquals("Melanoma", d.term().label());
    assertEquals("DERM:0001011", d.term().id());
    assertEquals(
        List.of(new Synonym("abbreviation", "MM"), new Synonym("exact", "Malignant melanoma")),
        d.synonyms());
    assertEquals(Optional.of("A malignant neoplasm of melanocytes."), d.definition());
    assertEquals(3, d.level().getAsInt());
    assertEquals(List.of("melanoma"), d.derm1mNames());
    assertEquals(List.of("MONDO:0005105"), d.xrefs());
    assertEquals(List.of("DERM:0001010"), ids(d.parents()));
    assertTrue(d.hasChildren());
    assertEquals(3, d.imageCount());
    assertFalse(d.deprecated());
  }

  @Test
  void findingsGroupConceptsAndSites() {
    List<Finding> f = terms.term(iri("DERM:0001030")).findings();
    assertEquals(1, f.size());
    assertEquals("DERM:0004001", f.get(0).finding().id());
    assertEquals(
        List.of("Plaque", "Scale"), f.get(0).concepts().stream().map(TermRef::label).toList());
    assertEquals(List.of("Elbow"), f.get(0).sites().stream().map(TermRef::label).toList());
  }

  @Test
  void deprecatedTermShowsItsReplacement() {
    TermDetail d = terms.term(iri("DERM:0001099"));
    assertTrue(d.deprecated());
    assertEquals(Optional.of(iri("DERM:0001031")), d.replacedBy());
  }

  @Test
  void hierarchyNavigation() {
    assertEquals(
        List.of("DERM:0001012", "DERM:0001013"),
        terms.children(iri("DERM:0001011")).stream().map(c -> c.term().id()).toList());
    assertEquals(4, terms.ancestors(iri("DERM:0001012")).size());
    assertEquals(7, terms.descendants(iri("DERM:0001001")).size());
    List<PathStep> path = terms.pathToRoot(iri("DERM:0001013"));
    assertEquals("Lentigo maligna melanoma", path.get(0).term().label());
    assertEquals(0, path.get(path.size() - 1).depth());
    assertEquals("Skin condition", path.get(path.size() - 1).term().label());
    assertEquals(List.of("DERM:0001013"), ids(terms.siblings(iri("DERM:0001012"))));
    assertEquals(
        List.of("Skin condition", "Clinical concept", "Body site", "Finding"),
        terms.roots().stream().map(c -> c.term().label()).toList());
  }

  @Test
  void datasetsWithTheirCounts() {
    var all = terms.datasets();
    assertEquals(1, all.size());
    assertEquals("4", all.get(0).get("images"));
    var tiny = terms.dataset("Tiny");
    assertEquals("clinical", tiny.get("imageType"));
    assertEquals(2, ((List<?>) tiny.get("byClass")).size());
    assertTrue(
        tiny.get("byFitzpatrick").toString().contains("fitzpatrick=unknown"), tiny.toString());
    var none = assertThrows(SparqlException.class, () -> terms.dataset("Nope"));
    assertTrue(none.getMessage().contains("the store holds [Tiny]"), none.getMessage());
  }

  @Test
  void aDatasetsImagesPageByPageAndUnderAClass() {
    ImagePage all = terms.datasetImages("Tiny", 0, 3);
    assertEquals(4, all.total());
    assertEquals(3, all.images().size());
    ImagePage rest = terms.datasetImages("Tiny", 3, 3);
    assertEquals(1, rest.images().size());
    java.util.Set<String> files = new java.util.TreeSet<>();
    all.images().forEach(i -> files.add(i.filename()));
    rest.images().forEach(i -> files.add(i.filename()));
    assertEquals(
        java.util.Set.of("part_1/t1.jpg", "part_2/t2.jpg", "t3.jpg", "t4.jpg"), files, "pages");
    ImagePage.ImageRef t1 =
        java.util.stream.Stream.concat(all.images().stream(), rest.images().stream())
            .filter(i -> i.filename().equals("part_1/t1.jpg"))
            .findFirst()
            .orElseThrow();
    assertEquals("mel", t1.label());
    assertEquals(MELANOMA_IRI, t1.diagnosis());
    assertEquals("5", t1.fitzpatrick());
    ImagePage under = terms.imagesUnder(TermIds.toIri("DERM:0001001"), "Tiny", 0, 10);
    assertEquals(2, under.total());
    assertEquals(2, under.images().size());
    assertTrue(under.images().stream().allMatch(i -> i.diagnosis().equals(MELANOMA_IRI)));
    // Derm1M's page of the same class never shows the dataset's images
    assertTrue(
        terms.imagesUnder(TermIds.toIri("DERM:0001001"), 0, 100).images().stream()
            .noneMatch(i -> i.iri().contains("/dataset/")));
    var none =
        assertThrows(
            SparqlException.class,
            () -> terms.imagesUnder(TermIds.toIri("DERM:0001001"), "Nope", 0, 10));
    assertEquals(Code.UNKNOWN_TERM, none.code());
    assertTrue(none.getMessage().contains("[Tiny]"), none.getMessage());
    assertThrows(SparqlException.class, () -> terms.datasetImages("Tiny", 0, 0));
    assertThrows(SparqlException.class, () -> terms.datasetImages("Nope", 0, 10));
  }

  @Test
  void predictedConceptsUnderAClassAndAConceptsTopImages() {
    var under = terms.predictedConcepts(TermIds.toIri("DERM:0001010"));
    assertEquals(
        List.of("DERM:0002200", "DERM:0002100"), under.stream().map(c -> c.term().id()).toList());
    assertEquals(2, under.get(0).count());
    assertEquals("Scale", under.get(0).term().label());
    var top = terms.conceptImages(TermIds.toIri("DERM:0002000"), 2);
    assertEquals(2, top.size(), "the limit");
    assertEquals("a.jpg", top.get(0).get("filename"));
    assertEquals("3.0", top.get(0).get("score"));
    assertEquals("tiny-clip", top.get(0).get("model"));
    assertTrue(terms.conceptImages(TermIds.toIri("DERM:0001010"), 10).isEmpty(), "a disease");
    assertThrows(
        SparqlException.class, () -> terms.predictedConcepts(TermIds.toIri("DERM:0009999")));
  }

  @Test
  void evaluationRunsNewestFirst() {
    var runs = terms.evaluations();
    assertEquals(2, runs.size());
    assertEquals("all", runs.get(0).get("strategies"));
    assertEquals("Tiny", runs.get(0).get("dataset"));
    assertEquals("0.6", runs.get(0).get("top1"));
    assertEquals("https://w3id.org/dermkg/evaluation/e1", runs.get(1).get("evaluation"));
    assertEquals("0.81", runs.get(0).get("macroAuroc"));
    assertNull(runs.get(1).get("macroAuroc"), "a run without AUROC has none");
  }

  @Test
  void unknownTermsAndBadIdsAreDistinguished() {
    var unknown = assertThrows(SparqlException.class, () -> terms.resolve("DERM:0009999"));
    assertEquals(Code.UNKNOWN_TERM, unknown.code());
    var bad = assertThrows(SparqlException.class, () -> terms.resolve("melanoma"));
    assertEquals(Code.BAD_ARGUMENT, bad.code());
    assertEquals(iri("DERM:0001011"), terms.resolve("DERM_0001011"));
    assertEquals(iri("DERM:0001011"), terms.resolve(iri("DERM:0001011")));
    assertThrows(SparqlException.class, () -> terms.parents(iri("DERM:0009999")));
    // an external id names the one class that exactly matches it
    assertEquals(iri("DERM:0001011"), terms.resolve("mondo:0005105"));
    assertEquals(iri("DERM:0001011"), terms.resolve("ICD10CM:c43"));
    var none = assertThrows(SparqlException.class, () -> terms.resolve("MONDO:0000001"));
    assertEquals(Code.UNKNOWN_TERM, none.code());
    assertTrue(none.getMessage().contains("no class maps MONDO:0000001"), none.getMessage());
    // an image is not a class
    assertThrows(SparqlException.class, () -> terms.term(Dkg.IMAGE_NS + "a.jpg"));
  }

  @Test
  void imagePagesAreStableAndBounded() {
    ImagePage first = terms.imagesUnder(iri("DERM:0001000"), 0, 2);
    ImagePage second = terms.imagesUnder(iri("DERM:0001000"), 2, 2);
    ImagePage third = terms.imagesUnder(iri("DERM:0001000"), 4, 2);
    assertEquals(5, first.total());
    assertEquals(2, first.images().size());
    assertEquals(2, second.images().size());
    assertEquals(1, third.images().size());
    assertEquals(first, terms.imagesUnder(iri("DERM:0001000"), 0, 2), "same page twice");
    var all = new java.util.TreeSet<String>();
    for (ImagePage p : List.of(first, second, third)) {
      p.images().forEach(i -> all.add(i.filename()));
    }
    assertEquals(5, all.size(), "pages do not overlap");
    assertThrows(SparqlException.class, () -> terms.imagesUnder(iri("DERM:0001000"), 0, 0));
    assertThrows(
        SparqlException.class,
        () -> terms.imagesUnder(iri("DERM:0001000"), 0, TermService.MAX_PAGE + 1));
    assertThrows(SparqlException.class, () -> terms.imagesUnder(iri("DERM:0001000"), -1, 10));
  }

  @Test
  void imageCountsAreCachedUntilTheDataChanges() {
    assertEquals(1, terms.imageCount(iri("DERM:0001030")));
    Txn.executeWrite(
        dsg,
        () ->
            dsg.add(
                Quad.create(
                    NodeFactory.createURI(Dkg.IMAGES_GRAPH),
                    NodeFactory.createURI(Dkg.IMAGE_NS + "z.jpg"),
                    NodeFactory.createURI(Dkg.DIAGNOSIS_UNDER),
                    NodeFactory.createURI(iri("DERM:0001030")))));
    assertEquals(1, terms.imageCount(iri("DERM:0001030")), "cached");
    terms.dataChanged();
    assertEquals(2, terms.imageCount(iri("DERM:0001030")));
  }

  @Test
  void conceptQueries() {
    assertEquals(
        List.of("Eczema", "Psoriasis"),
        terms.diseasesSharingConcept(iri("DERM:0002200")).stream()
            .map(c -> c.term().label())
            .toList());
    List<Counted> co = terms.conceptCooccurrence(iri("DERM:0002100"), 10);
    assertEquals(1, co.size());
    assertEquals("Scale", co.get(0).term().label());
    assertEquals(2, co.get(0).count());
    assertEquals(
        List.of("Plaque", "Scale"),
        terms.concepts(iri("DERM:0001030")).stream().map(c -> c.term().label()).toList());
  }

  @Test
  void searchIsRebuiltAfterTheDataChanges() {
    assertTrue(terms.search("birthmark", Optional.empty(), 5).isEmpty());
    Txn.executeWrite(
        dsg,
        () ->
            dsg.add(
                Quad.create(
                    NodeFactory.createURI(Dkg.ONTOLOGY_GRAPH),
                    NodeFactory.createURI(iri("DERM:0001021")),
                    NodeFactory.createURI(
                        "http://www.geneontology.org/formats/oboInOwl#hasExactSynonym"),
                    NodeFactory.createLiteralString("Birthmark"))));
    terms.dataChanged();
    assertEquals("DERM:0001021", terms.search("birthmark", Optional.empty(), 5).get(0).term().id());
  }
}
