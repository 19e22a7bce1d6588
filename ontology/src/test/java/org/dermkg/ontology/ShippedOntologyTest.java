package org.dermkg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dermkg.ontology.build.CompiledOntology;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.mapping.LabelSets;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.resolve.TermIndex;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationReport;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.semanticweb.owlapi.model.IRI;

/**
 * What issue #2 asks of the shipped ontology. Tests that read the real Derm1M material in ../shared
 * skip with a message when it is absent.
 */
class ShippedOntologyTest {
  static CompiledOntology compiled;
  static ClassGraph graph;
  static LabelResolver resolver;

  @BeforeAll
  static void compile() {
    compiled = DermOntology.compileShipped();
    graph = ClassGraph.of(compiled.ontology());
    resolver = new LabelResolver(TermIndex.of(graph));
  }

  private static IRI iri(String curie) {
    return IRI.create(Derm.curieToIri(curie));
  }

  private static IRI unique(String label) {
    Resolution r = resolver.resolve(label, Optional.of(Branch.DISEASE));
    assertTrue(r.isUnique(), () -> label + " -> " + r.candidates());
    return IRI.create(r.candidates().get(0).term().iri());
  }

  private static long live(Branch b) {
    return graph.classes().stream()
        .filter(c -> !graph.isDeprecated(c) && graph.branch(c).equals(Optional.of(b)))
        .count();
  }

  @Test
  void validationBuildPassesWithNoFindingsAtAnySeverity() {
    ValidationReport r =
        DermOntology.validate(OntologySource.shipped(), DermOntology.Options.defaults());
    assertFalse(r.failed());
    for (Severity s : List.of(Severity.ERROR, Severity.WARN, Severity.INFO)) {
      assertEquals(
          0,
          r.count(s),
          () -> s + " findings: " + r.results().stream().filter(c -> !c.passed()).toList());
    }
    assertEquals("ELK", r.facts().get("classifier"));
    assertEquals("true", r.facts().get("OWL 2 EL"));
  }

  @Test
  void sizesMatchThePaper() {
    // ~390 conditions (root excluded), at least 130 concepts in the kinds
    long diseases = live(Branch.DISEASE) - 1;
    assertTrue(diseases >= 385 && diseases <= 400, "conditions: " + diseases);
    IRI conceptRoot = IRI.create(Derm.CONCEPT_ROOT);
    long concepts =
        graph.classes().stream()
            .filter(c -> graph.branch(c).equals(Optional.of(Branch.CONCEPT)))
            .filter(c -> graph.depth(c, conceptRoot).orElse(0) == 2)
            .count();
    assertTrue(concepts >= 130, "concepts: " + concepts);
    assertEquals(7, graph.children(IRI.create(Derm.DISEASE_ROOT)).size());
  }

  @Test
  void melanomaIsOnlyMalignantAndTheSplitsAreDisjointClasses() {
    IRI melanoma = unique("melanoma");
    Set<IRI> ancestors = graph.ancestorsOrSelf(melanoma);
    assertTrue(ancestors.contains(unique("Malignant melanocytic neoplasm")));
    assertTrue(ancestors.contains(unique("Malignant skin neoplasm")));
    assertFalse(ancestors.contains(unique("Benign proliferative skin lesion")));
    for (String benign :
        List.of("Melanocytic nevus", "Blue nevus", "Seborrheic keratosis", "Dermatofibroma")) {
      assertFalse(
          graph.ancestorsOrSelf(unique(benign)).contains(unique("Malignant skin neoplasm")),
          benign);
    }
    for (String malignant :
        List.of(
            "Basal cell carcinoma",
            "Squamous cell carcinoma",
            "Merkel cell carcinoma",
            "Mycosis fungoides")) {
      assertTrue(
          graph
              .ancestorsOrSelf(unique(malignant))
              .contains(unique("Malignant non-melanocytic neoplasm")),
          malignant);
    }
  }

  @Test
  void diseasesCarryTheirCuratedAnnotations() {
    IRI scc = unique("Squamous cell carcinoma");
    assertEquals(List.of("4"), graph.values(scc, Derm.LEVEL));
    assertTrue(graph.values(scc, Derm.DERM1M_NAME).contains("Squamous cell carcinoma"));
    IRI angioma = unique("Angioma");
    assertTrue(graph.values(angioma, Derm.DERM1M_NAME).contains("Angioma, Hemangioma"));
    assertTrue(graph.values(angioma, Obo.EXACT_SYNONYM).contains("Hemangioma"));
    assertFalse(graph.values(unique("Psoriasis"), Obo.DEFINITION).isEmpty());
    IRI old = iri("DERM:0001278");
    assertTrue(graph.isDeprecated(old));
    assertEquals(List.of(Derm.curieToIri("DERM:0001276")), graph.values(old, Obo.TERM_REPLACED_BY));
  }

  @Test
  void everyLabelSetLabelResolvesToItsMappedClass() {
    List<LabelSet> sets = LabelSets.readAll(OntologySource.shipped().mappings());
    assertEquals(
        List.of("Daffodil", "Fitzpatrick17k", "HAM10000", "PAD-UFES-20"),
        sets.stream().map(LabelSet::name).toList());
    int n = 0;
    for (LabelSet set : sets) {
      for (LabelSet.Mapping m : set.mappings()) {
        Resolution r = resolver.resolve(m.subjectLabel());
        assertTrue(r.isUnique(), () -> m.subjectLabel() + " -> " + r.candidates());
        assertEquals(
            set.expand(m.objectId()), r.candidates().get(0).term().iri(), m.subjectLabel());
        n++;
      }
    }
    assertEquals(7 + 6 + 114 + 5, n);
  }

  @Test
  void shippedMappingsCarryTheBenchmarkFileLabelsInOrder() throws IOException {
    JsonNode sets =
        new ObjectMapper()
            .readTree(Fixtures.shared("data/benchmarks/zero_shot_label_sets.json").toFile())
            .get("label_sets");
    for (LabelSet set : LabelSets.readAll(OntologySource.shipped().mappings())) {
      List<String> expected = new ArrayList<>();
      sets.get(set.name()).get("classes").forEach(c -> expected.add(c.asText()));
      assertEquals(
          expected,
          set.mappings().stream().map(LabelSet.Mapping::subjectLabel).toList(),
          set.name());
    }
  }

  @Test
  void everyDerm1mNodeNameResolvesAsADerm1mName() throws IOException {
    JsonNode json =
        new ObjectMapper().readTree(Fixtures.shared("data/derm1m/ontology.json").toFile());
    Set<String> names = new LinkedHashSet<>();
    json.properties()
        .forEach(
            e -> {
              if (!e.getKey().equals("root")) {
                names.add(e.getKey());
              }
              e.getValue().forEach(c -> names.add(c.asText()));
            });
    assertEquals(369, names.size());
    java.util.Map<String, Set<String>> registered = new java.util.HashMap<>();
    compiled
        .tables()
        .registry()
        .forEach(
            r ->
                registered
                    .computeIfAbsent(r.name(), k -> new HashSet<>())
                    .add(Derm.curieToIri(r.term().id())));
    for (String name : names) {
      assertTrue(registered.containsKey(name), () -> name + " has no registry path");
      Resolution r = resolver.resolve(name, Optional.of(Branch.DISEASE));
      Set<String> got = new HashSet<>();
      r.candidates().forEach(c -> got.add(c.term().iri()));
      // only the merged 'melanocytic' / 'non-melanocytic' nodes name two classes (benign and
      // malignant)
      assertEquals(registered.get(name), got, name);
      assertTrue(
          r.isUnique() || name.endsWith("melanocytic"), () -> name + " -> " + r.candidates());
    }
  }

  @Test
  void everySkinConceptAndBodyLocationOfTheCsvSampleResolves() throws IOException {
    Set<String> concepts = new HashSet<>();
    Set<String> sites = new HashSet<>();
    try (Reader in =
        Files.newBufferedReader(
            Fixtures.shared("data/derm1m/Derm1M_v2_pretrain_sample1000.csv"),
            StandardCharsets.UTF_8)) {
      var rows =
          new com.fasterxml.jackson.dataformat.csv.CsvMapper()
              .readerFor(java.util.Map.class)
              .with(com.fasterxml.jackson.dataformat.csv.CsvSchema.emptySchema().withHeader())
              .<java.util.Map<String, String>>readValues(in);
      int count = 0;
      while (rows.hasNext()) {
        var row = rows.next();
        count++;
        for (String c : row.get("skin_concept").split(",")) {
          concepts.add(c.strip());
        }
        for (String s : row.get("body_location").split(",")) {
          sites.add(s.strip());
        }
      }
      assertEquals(1000, count);
    }
    concepts.remove("No visual concepts");
    sites.remove("No body location information");
    assertTrue(concepts.size() >= 80);
    for (String c : concepts) {
      assertTrue(resolver.resolve(c, Optional.of(Branch.CONCEPT)).isUnique(), c);
    }
    for (String s : sites) {
      assertTrue(resolver.resolve(s, Optional.of(Branch.BODY_SITE)).isUnique(), s);
    }
  }

  @Test
  void everyConceptTermsKeyResolvesToAConcept() throws IOException {
    JsonNode terms =
        new ObjectMapper().readTree(Fixtures.shared("data/derm1m/ConceptTerms.json").toFile());
    assertEquals(64, terms.size());
    for (var e : terms.properties()) {
      Resolution r = resolver.resolve(e.getKey(), Optional.of(Branch.CONCEPT));
      assertTrue(r.isUnique(), e.getKey());
      // the key's search phrases are kept verbatim on the concept, apart from its synonyms
      List<String> phrases =
          graph.values(IRI.create(r.candidates().get(0).term().iri()), Derm.DERM1M_PHRASE);
      e.getValue().forEach(p -> assertTrue(phrases.contains(p.asText()), e.getKey() + ": " + p));
    }
  }

  /** Issue #19's coverage targets, on the committed curated mappings compiled into the ontology. */
  @Test
  void mostLiveConditionsMapToMondoOrDoidAndNoneCrossesBenignMalignant() {
    String skos = "http://www.w3.org/2004/02/skos/core#";
    int live = 0;
    int mapped = 0;
    int exact = 0;
    for (IRI c : graph.classes()) {
      if (graph.isDeprecated(c)
          || graph.branch(c).filter(b -> b == Branch.DISEASE).isEmpty()
          || !c.toString().startsWith(Derm.TERM_PREFIX)) {
        continue;
      }
      live++;
      List<String> targets = new java.util.ArrayList<>();
      for (String p : List.of("exactMatch", "closeMatch", "broadMatch", "narrowMatch")) {
        targets.addAll(graph.values(c, skos + p));
      }
      if (targets.stream().anyMatch(t -> t.contains("/MONDO_") || t.contains("/DOID_"))) {
        mapped++;
      }
      if (!graph.values(c, skos + "exactMatch").isEmpty()) {
        exact++;
        // an exact match is also an OBO cross-reference
        assertTrue(
            graph.values(c, org.dermkg.ontology.vocab.Obo.DB_XREF).stream()
                .anyMatch(x -> x.startsWith("MONDO:") || x.startsWith("DOID:")),
            c + " has an exactMatch but no hasDbXref");
      }
    }
    assertTrue(live > 380, "live disease classes: " + live);
    assertTrue(mapped >= 0.85 * live, mapped + " of " + live + " mapped");
    assertTrue(exact >= 150, exact + " classes with an exact match");
    // melanoma: its MONDO and DOID exact matches
    List<String> melanoma = graph.values(iri("DERM:0001242"), skos + "exactMatch");
    assertTrue(
        melanoma.contains("http://purl.obolibrary.org/obo/MONDO_0005012"), melanoma.toString());
    // DOID:8923 is melanoma's exact match and three narrower classes' broad match: the exact wins
    assertEquals(iri("DERM:0001242"), unique("DOID:8923"));
    Resolution broad = resolver.resolve("DOID:0050928"); // a target no class maps to
    assertTrue(broad.isEmpty(), broad.candidates().toString());
  }
}
