package org.dermkg.ontology.mapping;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.SourceTables;
import org.dermkg.ontology.table.TermRow;
import org.dermkg.ontology.vocab.Obo;

/**
 * How many live disease classes the mappings reach, per target and predicate: the curated
 * MONDO/DOID sets and the derived cross-references ({@link DerivedXrefs}), as Markdown tables (the
 * figures the README quotes, printed by {@code derm mappings --coverage}).
 */
public final class XrefCoverage {
  private static final List<String> PREDICATES =
      List.of("skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch");

  private XrefCoverage() {}

  /** The coverage of a source tree's mappings. */
  public static String of(OntologySource source) {
    SourceTables tables = SourceTables.read(source.tables());
    List<TermRow> live =
        tables.terms().getOrDefault(Branch.DISEASE, List.of()).stream()
            .filter(t -> !t.deprecated())
            .toList();
    List<XrefSets.XrefSet> curated = XrefSets.readAll(source);
    return render(curated, DerivedXrefs.of(source, curated), live.size());
  }

  /** The two tables for {@code live} live classes. */
  public static String render(
      List<XrefSets.XrefSet> curated, List<DerivedXrefs.Derived> derived, int live) {
    StringBuilder b = new StringBuilder();
    b.append("Curated matches of the ").append(live).append(" live conditions:\n\n");
    List<String> names = curated.stream().map(XrefSets.XrefSet::name).toList();
    b.append("| | ").append(String.join(" | ", names)).append(" | any |\n|---|");
    b.append("---|".repeat(names.size() + 1)).append('\n');
    List<XrefSets.Row> all = curated.stream().flatMap(s -> s.rows().stream()).toList();
    curatedRow(b, "mapped", curated, all, r -> true, live);
    curatedRow(b, "confidence > 0.5", curated, all, r -> !(r.confidence() <= 0.5), live);
    for (String p : PREDICATES) {
      curatedRow(b, p, curated, all, r -> r.predicateId().equals(p), live);
    }
    b.append("\nDerived cross-references (through the curated matches):\n\n");
    b.append("| terminology | any | exact | close | broad | narrow | by a DERM ancestor's id |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    for (String prefix : Obo.XREF_NAMESPACES.keySet()) {
      List<DerivedXrefs.Derived> rows =
          derived.stream().filter(d -> d.prefix().equals(prefix)).toList();
      Set<String> any = subjects(rows, d -> true);
      Set<String> fromAncestor = subjects(rows, d -> d.via().startsWith("DERM:"));
      Set<String> own = subjects(rows, d -> !d.via().startsWith("DERM:"));
      fromAncestor.removeAll(own);
      b.append("| ").append(prefix).append(" | ").append(cell(any.size(), live));
      for (String p : PREDICATES) {
        b.append(" | ").append(cell(subjects(rows, d -> d.predicate().equals(p)).size(), live));
      }
      b.append(" | ").append(cell(fromAncestor.size(), live)).append(" |\n");
    }
    return b.toString();
  }

  private static void curatedRow(
      StringBuilder b,
      String what,
      List<XrefSets.XrefSet> sets,
      List<XrefSets.Row> all,
      Predicate<XrefSets.Row> keep,
      int live) {
    b.append("| ").append(what);
    for (XrefSets.XrefSet s : sets) {
      b.append(" | ").append(cell(subjectsOf(s.rows(), keep).size(), live));
    }
    b.append(" | ").append(cell(subjectsOf(all, keep).size(), live)).append(" |\n");
  }

  private static Set<String> subjectsOf(List<XrefSets.Row> rows, Predicate<XrefSets.Row> keep) {
    Set<String> out = new LinkedHashSet<>();
    rows.stream().filter(keep).forEach(r -> out.add(r.subjectId()));
    return out;
  }

  private static Set<String> subjects(
      List<DerivedXrefs.Derived> rows, Predicate<DerivedXrefs.Derived> keep) {
    Set<String> out = new LinkedHashSet<>();
    rows.stream().filter(keep).forEach(r -> out.add(r.subject()));
    return out;
  }

  private static String cell(int n, int live) {
    return String.format(Locale.ROOT, "%d (%.1f%%)", n, 100.0 * n / Math.max(1, live));
  }

  /** Classes per terminology with any derived id, for tests and reports. */
  public static Map<String, Integer> derivedCounts(List<DerivedXrefs.Derived> derived) {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    Obo.XREF_NAMESPACES.keySet().forEach(p -> m.put(p, new LinkedHashSet<>()));
    derived.forEach(d -> m.get(d.prefix()).add(d.subject()));
    Map<String, Integer> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.size()));
    return out;
  }
}
