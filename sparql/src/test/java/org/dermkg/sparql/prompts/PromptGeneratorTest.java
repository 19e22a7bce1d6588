package org.dermkg.sparql.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.TinyKg;
import org.dermkg.sparql.terms.TermRef;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PromptGeneratorTest {
  private static PromptGenerator gen;

  @BeforeAll
  static void setUp() {
    gen = new PromptGenerator(TinyKg.dataset(), 10_000);
  }

  private static PromptSet run(Selection s, Set<Strategy> strategies) {
    return gen.generate(new PromptRequest(s, strategies, Templates.builtIn("bare")));
  }

  private static List<String> names(PromptSet set) {
    return set.classes().stream().map(PromptClass::name).toList();
  }

  private static List<String> phrases(PromptClass c, Strategy s) {
    return c.prompts().stream().filter(p -> p.strategy() == s).map(Prompt::phrase).toList();
  }

  private static SparqlException fails(Selection s) {
    return assertThrows(SparqlException.class, () -> run(s, EnumSet.of(Strategy.NAME)));
  }

  @Test
  void labelSetKeepsBenchmarkOrderNamesAndMappings() {
    PromptSet set = gen.generate(PromptRequest.flat(new Selection.LabelSet("tiny")));
    assertEquals(List.of("melanoma", "nevus", "psoriasis"), names(set));
    assertEquals(8, set.templates().size());
    PromptClass mel = set.classes().get(0);
    assertEquals(8, mel.prompts().size());
    assertEquals("This is a skin image of melanoma", mel.prompts().get(0).text());
    assertEquals(List.of("DERM:0001011"), mel.members().stream().map(TermRef::id).toList());
    assertEquals(Optional.of("closeMatch"), set.classes().get(2).mapping());
    assertEquals(3, mel.level().getAsInt());
    Provenance p = set.provenance();
    assertEquals("label-set", p.selectionKind());
    assertEquals("tiny-1 sha256:0", p.ontologyVersion());
    assertEquals(List.of("name"), p.strategies());
    assertEquals("derm1m", p.templateSet());
    assertTrue(set.overlaps().isEmpty());
  }

  @Test
  void everyStrategyMakesItsPhrases() {
    PromptSet set =
        run(
            new Selection.Classes(List.of("Melanoma", "DERM:0001030")),
            EnumSet.allOf(Strategy.class));
    PromptClass mel = set.classes().get(0);
    assertEquals(List.of("Melanoma"), phrases(mel, Strategy.NAME));
    // the label is the name already; only the synonym is new
    assertEquals(List.of("Malignant melanoma"), phrases(mel, Strategy.SYNONYMS));
    assertEquals(
        List.of("Melanoma, a kind of malignant melanocytic proliferation"),
        phrases(mel, Strategy.ANCESTORS));
    assertEquals(
        List.of("Acral lentiginous melanoma", "Lentigo maligna melanoma"),
        phrases(mel, Strategy.DESCENDANTS));
    assertEquals(
        List.of("DERM:0001012", "DERM:0001013"),
        mel.subclasses().stream().map(TermRef::id).toList());
    PromptClass pso = set.classes().get(1);
    assertEquals(
        List.of("Psoriasis, which presents as scaly plaques on the extensor surfaces"),
        phrases(pso, Strategy.FINDINGS));
    assertEquals(
        List.of("Psoriasis, showing plaque and scale on the elbow"),
        phrases(pso, Strategy.CONCEPTS));
    assertTrue(phrases(pso, Strategy.DESCENDANTS).isEmpty());
    assertTrue(
        set.notes().stream().anyMatch(n -> n.contains("descriptor: Melanoma")),
        set.notes()::toString);
    Prompt viaParent =
        mel.prompts().stream()
            .filter(p -> p.strategy() == Strategy.ANCESTORS)
            .findFirst()
            .orElseThrow();
    assertEquals(Optional.of("DERM:0001010"), viaParent.via());
  }

  @Test
  void overlapsAreReportedAndExpansionSkipsOtherClassesSubtrees() {
    PromptSet set =
        run(
            new Selection.Classes(
                List.of("Proliferations", "Melanoma", "Acral lentiginous melanoma")),
            EnumSet.of(Strategy.DESCENDANTS));
    assertEquals(
        List.of(
            "Benign melanocytic proliferation",
            "Freckle",
            "Melanocytic nevus",
            "Malignant melanocytic proliferation"),
        phrases(set.classes().get(0), Strategy.DESCENDANTS));
    assertEquals(
        List.of("Lentigo maligna melanoma"), phrases(set.classes().get(1), Strategy.DESCENDANTS));
    // a leaf with no other phrase falls back to its name, and says so
    assertEquals(
        List.of("Acral lentiginous melanoma"), phrases(set.classes().get(2), Strategy.NAME));
    assertTrue(set.notes().stream().anyMatch(n -> n.contains("uses its name: Acral")));
    List<String> pairs =
        set.overlaps().stream().map(o -> o.broader() + " > " + o.narrower()).toList();
    assertEquals(
        Set.of(
            "Proliferations > Melanoma",
            "Proliferations > Acral lentiginous melanoma",
            "Melanoma > Acral lentiginous melanoma"),
        Set.copyOf(pairs));
  }

  @Test
  void levelSubtreePathAndSparqlSelections() {
    assertEquals(
        List.of(
            "Benign melanocytic proliferation",
            "Eczema",
            "Malignant melanocytic proliferation",
            "Psoriasis"),
        names(run(new Selection.Level(2), EnumSet.of(Strategy.NAME))));
    assertTrue(fails(new Selection.Level(9)).getMessage().contains("levels 1 to 4"));
    assertEquals(
        List.of("Benign melanocytic proliferation", "Malignant melanocytic proliferation"),
        names(run(new Selection.Subtree("Proliferations", false), EnumSet.of(Strategy.NAME))));
    PromptSet sub =
        run(
            new Selection.Subtree("Skin condition > Proliferations > melanoma", true),
            EnumSet.of(Strategy.NAME));
    assertEquals(List.of("Acral lentiginous melanoma", "Lentigo maligna melanoma"), names(sub));
    assertEquals(List.of("DERM:0001011 Melanoma"), sub.provenance().resolved());
    PromptSet q =
        run(
            new Selection.Sparql(
                "SELECT ?x ?class WHERE { ?class rdfs:subClassOf DERM:0001002 BIND(1 AS ?x) } ORDER BY DESC(?class)"),
            EnumSet.of(Strategy.NAME));
    assertEquals(List.of("Eczema", "Psoriasis"), names(q));
    assertEquals("sparql", q.provenance().selectionKind());
  }

  @Test
  void coarseGroupsWithRestFromTheHierarchy() {
    PromptSet set =
        run(
            new Selection.Groups(
                List.of(
                    new Selection.Group("benign", List.of("Benign melanocytic proliferation")),
                    new Selection.Group("malignant", List.of("DERM:0001010")),
                    new Selection.Group("non-neoplastic", List.of("rest")))),
            EnumSet.of(Strategy.NAME, Strategy.DESCENDANTS));
    assertEquals(List.of("benign", "malignant", "non-neoplastic"), names(set));
    assertEquals(
        List.of("Inflammatory"),
        set.classes().get(2).members().stream().map(TermRef::label).toList());
    assertEquals(
        List.of("benign", "Freckle", "Melanocytic nevus"),
        set.classes().get(0).prompts().stream().map(Prompt::phrase).toList());
    assertEquals(
        List.of("non-neoplastic", "Eczema", "Psoriasis"),
        set.classes().get(2).prompts().stream().map(Prompt::phrase).toList());
    assertTrue(set.provenance().resolved().get(2).contains("DERM:0001002 Inflammatory"));
    SparqlException twice =
        fails(
            new Selection.Groups(
                List.of(
                    new Selection.Group("a", List.of("Melanoma")),
                    new Selection.Group("b", List.of("DERM:0001011")))));
    assertTrue(twice.getMessage().contains("in two groups"), twice.getMessage());
  }

  @Test
  void badSelectionsNameTheProblem() {
    SparqlException set = fails(new Selection.LabelSet("HAM9"));
    assertEquals(Code.BAD_ARGUMENT, set.code());
    assertTrue(
        set.getMessage().contains("unknown label set 'HAM9'") && set.getMessage().contains("Tiny"));
    SparqlException id = fails(new Selection.Classes(List.of("DERM:0009999")));
    assertEquals(Code.UNKNOWN_TERM, id.code());
    assertTrue(id.getMessage().contains("DERM:0009999"));
    assertEquals(Code.UNKNOWN_TERM, fails(new Selection.Classes(List.of("no such thing"))).code());
    assertTrue(
        fails(new Selection.Classes(List.of("DERM:0001099"))).getMessage().contains("deprecated"));
    assertTrue(
        fails(new Selection.Subtree("Proliferations > malignant", false))
            .getMessage()
            .contains("no class named 'malignant' under DERM:0001001"));
    assertTrue(fails(new Selection.Sparql("ASK { ?s ?p ?o }")).getMessage().contains("ASK"));
    assertTrue(
        fails(new Selection.Sparql("SELECT ?class WHERE {"))
            .getMessage()
            .contains("does not parse"));
    SparqlException notClasses =
        fails(new Selection.Sparql("SELECT ?class WHERE { ?c rdfs:label ?class }"));
    assertTrue(notClasses.getMessage().contains("row 1: ?class is"), notClasses.getMessage());
    assertTrue(
        fails(new Selection.Sparql("SELECT ?class WHERE { ?class a <urn:none> }"))
            .getMessage()
            .contains("no classes"));
    assertTrue(
        fails(new Selection.Classes(List.of("Melanoma", "DERM:0001011")))
            .getMessage()
            .contains("again"));
  }

  @Test
  void templatesNeedExactlyOneSlot() {
    assertThrows(SparqlException.class, () -> Templates.custom(List.of("a photo of skin")));
    assertThrows(SparqlException.class, () -> Templates.custom(List.of("{} and {}")));
    assertThrows(SparqlException.class, () -> Templates.custom(List.of("{0} skin")));
    assertThrows(SparqlException.class, () -> Templates.custom(List.of()));
    assertThrows(SparqlException.class, () -> Templates.builtIn("nope"));
    assertThrows(SparqlException.class, () -> Strategy.parse("name,colour"));
    assertEquals(EnumSet.allOf(Strategy.class), Strategy.parse("all"));
    PromptSet set =
        gen.generate(
            new PromptRequest(
                new Selection.Classes(List.of("Eczema")),
                EnumSet.of(Strategy.NAME),
                Templates.custom(List.of("a close-up photo of {}", "{}"))));
    assertEquals(
        List.of("a close-up photo of Eczema", "Eczema"),
        set.classes().get(0).prompts().stream().map(Prompt::text).toList());
    assertEquals("custom", set.provenance().templateSet());
  }

  @Test
  void sameInputsGiveTheSameBytesAndTheHashCoversTheContent() {
    Selection s = new Selection.Classes(List.of("Melanoma", "Psoriasis"));
    PromptSet a = run(s, EnumSet.of(Strategy.FINDINGS, Strategy.NAME));
    PromptSet b = run(s, EnumSet.of(Strategy.NAME, Strategy.FINDINGS));
    String json = PromptWriter.json(a);
    assertEquals(json, PromptWriter.json(b));
    String hash = a.provenance().contentHash();
    assertTrue(hash.matches("sha256:[0-9a-f]{64}"), hash);
    // the hash is the SHA-256 of the document with an empty hash
    assertEquals(hash, PromptGenerator.hash(json.replace(hash, "")));
    PromptSet c = run(s, EnumSet.of(Strategy.NAME));
    assertNotEquals(hash, c.provenance().contentHash());
    assertTrue(json.contains("\"classnames\": [\"Melanoma\", \"Psoriasis\"]"), json);
  }

  @Test
  void csvHasOneQuotedRowPerPrompt() {
    PromptSet set = run(new Selection.Classes(List.of("Melanoma")), EnumSet.of(Strategy.ANCESTORS));
    String csv = PromptWriter.csv(set);
    List<String> lines = csv.lines().toList();
    assertEquals(set.promptCount() + 1, lines.size());
    assertEquals(
        "class_index,class_name,class_ids,strategy,template,via,phrase,prompt", lines.get(0));
    assertEquals(
        "0,Melanoma,DERM:0001011,ancestors,0,DERM:0001010,"
            + "\"Melanoma, a kind of malignant melanocytic proliferation\","
            + "\"Melanoma, a kind of malignant melanocytic proliferation\"",
        lines.get(1));
    assertTrue(csv.endsWith("\r\n"));
    assertFalse(csv.contains("\n\n"));
  }
}
