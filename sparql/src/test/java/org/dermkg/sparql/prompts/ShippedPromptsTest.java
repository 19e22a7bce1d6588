package org.dermkg.sparql.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.terms.TermRef;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The prompt generator over the shipped ontology, as {@code derm prompts} runs it. */
class ShippedPromptsTest {
  private static final Path SHARED_SETS =
      Path.of("../../shared/data/benchmarks/zero_shot_label_sets.json");
  private static PromptGenerator gen;

  @BeforeAll
  static void setUp() {
    OntologySnapshot s = OntologySnapshot.shipped();
    gen = PromptGenerator.forOntology(s.rdf().getGraph(), s.version(), 30_000);
  }

  private static List<String> names(PromptSet set) {
    return set.classes().stream().map(PromptClass::name).toList();
  }

  @Test
  void theFourBenchmarkSetsComeFromTheOntologysMappings() {
    assertEquals(
        List.of("Daffodil", "Fitzpatrick17k", "HAM10000", "PAD-UFES-20"),
        gen.catalog().labelSetNames());
    PromptSet ham = gen.generate(PromptRequest.flat(new Selection.LabelSet("HAM10000")));
    assertEquals(
        List.of(
            "actinic keratosis",
            "basal cell carcinoma",
            "benign keratosis",
            "dermatofibroma",
            "melanoma",
            "nevus",
            "vascular"),
        names(ham));
    assertEquals("DERM:0001242", ham.classes().get(4).members().get(0).id());
    assertEquals(56, ham.promptCount());
    assertEquals(
        114,
        gen.generate(PromptRequest.flat(new Selection.LabelSet("fitzpatrick17k")))
            .classes()
            .size());
    assertEquals(
        6,
        gen.generate(PromptRequest.flat(new Selection.LabelSet("PAD-UFES-20"))).classes().size());
    assertEquals(
        5, gen.generate(PromptRequest.flat(new Selection.LabelSet("Daffodil"))).classes().size());
    assertTrue(ham.provenance().ontologyVersion().contains("sha256:"));
  }

  @Test
  void benchmarkOrderMatchesTheSharedLabelSets() {
    Assumptions.assumeTrue(
        Files.isRegularFile(SHARED_SETS), "../shared/data/benchmarks is not here; skipped");
    JsonObject root = JSON.read(SHARED_SETS.toString());
    JsonObject sets = root.getObj("label_sets");
    for (String name : List.of("HAM10000", "PAD-UFES-20", "Fitzpatrick17k", "Daffodil")) {
      List<String> expected = new java.util.ArrayList<>();
      sets.getObj(name)
          .get("classes")
          .getAsArray()
          .forEach(n -> expected.add(n.getAsString().value()));
      assertEquals(
          expected, names(gen.generate(PromptRequest.flat(new Selection.LabelSet(name)))), name);
    }
    List<String> templates = new java.util.ArrayList<>();
    root.getObj("templates")
        .get("derm1m_skin_8")
        .getAsArray()
        .forEach(t -> templates.add(t.getAsString().value()));
    assertEquals(templates, Templates.builtIn("derm1m").list());
  }

  @Test
  void labelsReadAsInASentenceButEponymsKeepTheirCapital() {
    Phrases p = new Phrases(gen.catalog());
    assertEquals("malignant skin neoplasm", p.inline("Malignant skin neoplasm"));
    assertEquals("Becker nevus", p.inline("Becker nevus"));
    assertEquals(
        "non-infectious inflammatory skin disease",
        p.inline("Non-infectious inflammatory skin disease"));
    assertEquals("Hailey-Hailey disease", p.inline("Hailey-Hailey disease"));
    assertEquals("Kaposi sarcoma", p.inline("Kaposi sarcoma"));
    assertEquals("SJS/TEN", p.inline("SJS/TEN"));
  }

  @Test
  void derm1mPathsNameSubtrees() {
    PromptSet set =
        gen.generate(
            PromptRequest.flat(new Selection.Subtree("proliferations > malignant", false)));
    assertEquals(List.of("DERM:0001308 Malignant skin neoplasm"), set.provenance().resolved());
    assertTrue(names(set).contains("Malignant melanocytic neoplasm"), names(set)::toString);
  }

  @Test
  void fitzpatrickStyleThreePartitionFromTheHierarchy() {
    PromptSet set =
        gen.generate(
            new PromptRequest(
                new Selection.Groups(
                    List.of(
                        new Selection.Group("benign", List.of("Benign proliferative skin lesion")),
                        new Selection.Group("malignant", List.of("proliferations > malignant")),
                        new Selection.Group("non-neoplastic", List.of("rest")))),
                EnumSet.of(Strategy.NAME, Strategy.DESCENDANTS),
                Templates.builtIn("derm1m")));
    List<String> rest =
        set.classes().get(2).members().stream().map(TermRef::label).sorted().toList();
    assertEquals(
        List.of(
            "Cutaneous reaction pattern",
            "Exogenous skin condition",
            "Hair disease",
            "Hereditary skin disease",
            "Inflammatory skin disease",
            "Nail disease",
            "Skin cyst"),
        rest);
    assertTrue(set.overlaps().isEmpty(), set.overlaps()::toString);
    List<String> malignant =
        set.classes().get(1).subclasses().stream().map(TermRef::label).toList();
    assertTrue(
        malignant.contains("Malignant melanoma") && malignant.contains("Basal cell carcinoma"));
    assertTrue(
        set.classes().get(0).subclasses().stream().noneMatch(t -> malignant.contains(t.label())));
  }

  @Test
  void everyClassAtEveryLevelWithEveryStrategy() {
    PromptSet all =
        gen.generate(
            new PromptRequest(
                new Selection.Sparql(
                    "SELECT ?class WHERE { ?class a owl:Class FILTER(STRSTARTS(STR(?class), STR(DERM:)))"
                        + " FILTER NOT EXISTS { ?class owl:deprecated true }"
                        + " FILTER NOT EXISTS { ?class rdfs:subClassOf* DERM:0004000 } } ORDER BY ?class"),
                EnumSet.allOf(Strategy.class),
                Templates.builtIn("derm1m")));
    assertTrue(all.classes().size() > 500, "classes: " + all.classes().size());
    assertTrue(all.classes().stream().allMatch(c -> !c.prompts().isEmpty()));
    PromptClass mm =
        all.classes().stream()
            .filter(c -> c.name().equals("Malignant melanoma"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        mm.prompts().stream()
            .anyMatch(
                p ->
                    p.phrase()
                        .equals("Malignant melanoma, a kind of malignant melanocytic neoplasm")),
        "ancestor phrase in sentence case");
    assertTrue(mm.prompts().stream().anyMatch(p -> p.strategy() == Strategy.FINDINGS));
    assertEquals(
        all.provenance().contentHash(),
        gen.generate(
                new PromptRequest(
                    new Selection.Sparql(all.provenance().selection().get(0)),
                    EnumSet.allOf(Strategy.class),
                    Templates.builtIn("derm1m")))
            .provenance()
            .contentHash());
  }
}
