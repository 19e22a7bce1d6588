package org.dermkg.ontology.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.Ref;
import org.dermkg.ontology.table.TermRow;
import org.junit.jupiter.api.Test;

/** Cross-references derived through the curated matches: the three rules and the composition. */
class DerivedXrefsTest {
  private static TermRow term(String id, String label, String parent) {
    return new TermRow(
        Branch.DISEASE,
        id,
        label,
        Optional.ofNullable(parent).map(p -> new Ref(p, "", null, "parent")),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "",
        List.of(),
        "",
        List.of(),
        false,
        Optional.empty(),
        "",
        null);
  }

  private static XrefSets.Row row(String subject, String predicate, String object) {
    return new XrefSets.Row(
        subject,
        subject,
        predicate,
        object,
        "",
        "semapv:ManualMappingCuration",
        0.9,
        "",
        "",
        "",
        "f:1");
  }

  private static XrefTargets.Target target(String id, List<String> parents, String... xrefs) {
    List<XrefTargets.TargetXref> x = new java.util.ArrayList<>();
    for (int i = 0; i < xrefs.length; i += 2) {
      x.add(new XrefTargets.TargetXref(xrefs[i], xrefs[i + 1]));
    }
    return new XrefTargets.Target(id, id, parents, "", x);
  }

  private static final List<TermRow> DISEASES =
      List.of(
          term("DERM:1", "Skin condition", null),
          term("DERM:2", "Psoriasis", "DERM:1"),
          term("DERM:3", "Guttate psoriasis", "DERM:2"),
          term("DERM:4", "Pustular psoriasis", "DERM:2"),
          term("DERM:5", "Urticaria", "DERM:1"),
          term("DERM:6", "Odd plaque", "DERM:1"),
          term("DERM:7", "Rare thing", "DERM:1"),
          term("DERM:8", "Narrow thing", "DERM:1"));

  private static final XrefTargets TARGETS =
      new XrefTargets(
          Map.of(
              "MONDO:A",
                  target(
                      "MONDO:A",
                      List.of(),
                      "skos:exactMatch",
                      "ICD10CM:L40",
                      "oboInOwl:hasDbXref",
                      "UMLS:C0033860"),
              "MONDO:C", target("MONDO:C", List.of("MONDO:A")),
              "DOID:1", target("DOID:1", List.of(), "oboInOwl:hasDbXref", "ICD10CM:L50"),
              "MONDO:B", target("MONDO:B", List.of(), "oboInOwl:hasDbXref", "UMLS:C1"),
              "MONDO:D", target("MONDO:D", List.of(), "skos:broadMatch", "ICD10CM:L99")));

  private static final List<XrefSets.XrefSet> SETS =
      List.of(
          new XrefSets.XrefSet(
              "s",
              Map.of(),
              Map.of(),
              List.of(
                  row("DERM:2", "skos:exactMatch", "MONDO:A"),
                  row("DERM:3", "skos:broadMatch", "MONDO:A"),
                  row("DERM:5", "skos:exactMatch", "DOID:1"),
                  row("DERM:7", "skos:exactMatch", "MONDO:B"),
                  row("DERM:6", "skos:broadMatch", "MONDO:C"),
                  row("DERM:8", "skos:narrowMatch", "MONDO:D"))));

  private static Map<String, String> of(String subject, List<DerivedXrefs.Derived> all) {
    return all.stream()
        .filter(d -> d.subject().equals(subject))
        .collect(Collectors.toMap(DerivedXrefs.Derived::object, DerivedXrefs.Derived::predicate));
  }

  @Test
  void derivesThroughTheMatchedClassesOwnAncestorsAndDermAncestors() {
    List<DerivedXrefs.Derived> all = DerivedXrefs.derive(SETS, TARGETS, DISEASES);
    // exact chain: exact; MONDO's bare hasDbXref is not followed
    assertEquals(Map.of("ICD10CM:L40", "skos:exactMatch"), of("DERM:2", all));
    // broad then exact: broad, through MONDO:A
    assertEquals(Map.of("ICD10CM:L40", "skos:broadMatch"), of("DERM:3", all));
    // DOID's bare xref is close at best
    assertEquals(Map.of("ICD10CM:L50", "skos:closeMatch"), of("DERM:5", all));
    assertEquals(Map.of(), of("DERM:7", all));
    // the matched class has no ICD code: its parent's, broader
    assertEquals(Map.of("ICD10CM:L40", "skos:broadMatch"), of("DERM:6", all));
    // no mapping: the DERM parent's code, broader, naming the parent
    DerivedXrefs.Derived pustular =
        all.stream().filter(d -> d.subject().equals("DERM:4")).findFirst().orElseThrow();
    assertEquals(
        "skos:broadMatch ICD10CM:L40 via DERM:2",
        pustular.predicate() + " " + pustular.object() + " via " + pustular.via());
    assertEquals(
        "DERM:4 subClassOf DERM:2 skos:exactMatch MONDO:A skos:exactMatch ICD10CM:L40",
        pustular.chain());
    // narrow then broad: the two only overlap
    assertEquals(Map.of(), of("DERM:8", all));
    // the root has nothing and nothing to inherit
    assertEquals(Map.of(), of("DERM:1", all));
  }

  @Test
  void onlyExactChainsAreExact() {
    String e = "skos:exactMatch";
    assertEquals(Optional.of(e), DerivedXrefs.compose(e, e));
    assertEquals(Optional.of("skos:broadMatch"), DerivedXrefs.compose(e, "skos:broadMatch"));
    assertEquals(Optional.of("skos:closeMatch"), DerivedXrefs.compose("skos:closeMatch", e));
    assertEquals(
        Optional.of("skos:narrowMatch"),
        DerivedXrefs.compose("skos:closeMatch", "skos:narrowMatch"));
    assertEquals(Optional.empty(), DerivedXrefs.compose("skos:broadMatch", "skos:narrowMatch"));
    assertEquals(Optional.empty(), DerivedXrefs.meaning("MONDO:1", "oboInOwl:hasDbXref"));
    assertEquals(
        Optional.of("skos:closeMatch"), DerivedXrefs.meaning("DOID:1", "oboInOwl:hasDbXref"));
  }

  @Test
  void theDerivedSetIsSssomThatReadsBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    XrefSets.XrefSet set =
        DerivedXrefs.asSet(DerivedXrefs.derive(SETS, TARGETS, DISEASES), "2026-12-04");
    java.nio.file.Path f = dir.resolve("derm-xrefs.sssom.tsv");
    java.nio.file.Files.writeString(f, XrefSets.write(set));
    XrefSets.XrefSet back = XrefSets.read(f);
    assertEquals(set.rows().size(), back.rows().size());
    assertEquals("semapv:MappingChaining", back.rows().get(0).justification());
    assertEquals(set.rows().get(0).comment(), back.rows().get(0).comment());
    assertEquals("http://purl.bioontology.org/ontology/ICD10CM/L40", back.expand("ICD10CM:L40"));
  }

  /** Issue #19's targets on the shipped mappings: the figures the README's table gives. */
  @Test
  void theShippedMappingsReachIcd10CmForMostConditions() {
    OntologySource src = OntologySource.shipped();
    List<DerivedXrefs.Derived> all = DerivedXrefs.of(src);
    long live =
        org.dermkg.ontology.table.SourceTables.read(src.tables())
            .terms()
            .get(Branch.DISEASE)
            .stream()
            .filter(t -> !t.deprecated())
            .count();
    Map<String, Integer> counts = XrefCoverage.derivedCounts(all);
    System.out.println(XrefCoverage.of(src));
    assertTrue(counts.get("ICD10CM") >= 0.6 * live, counts + " of " + live);
    assertTrue(counts.get("UMLS") >= 0.85 * live, counts + " of " + live);
    // every exact derived id comes through an exact curated match
    assertTrue(
        all.stream()
            .filter(DerivedXrefs.Derived::exact)
            .allMatch(d -> d.chain().matches("\\S+ skos:exactMatch \\S+ skos:exactMatch \\S+")),
        "exact chains");
  }
}
