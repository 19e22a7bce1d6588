package org.dermkg.ontology.mapping;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.SourceTables;
import org.dermkg.ontology.table.TermRow;
import org.dermkg.ontology.vocab.Obo;

/**
 * The disease classes' cross-references to clinical terminologies (ICD-10-CM, ICD-11 foundation,
 * UMLS, MeSH, NCIt, Orphanet, OMIM, SNOMED CT), derived through their curated MONDO/DOID matches
 * ({@link XrefSets}) and the matched classes' own cross-references ({@link XrefTargets}); never
 * curated by hand. Three rules, each tried per terminology only when the one before found nothing:
 *
 * <ol>
 *   <li><b>chain</b>: DERM class -p1-&gt; matched class -p2-&gt; id, the predicate composed ({@link
 *       #compose}): only a chain of stated exactMatch steps is exact; a MONDO hasDbXref that MONDO
 *       does not also state as a match is not followed; a DOID hasDbXref counts as close.
 *   <li><b>matched class's ancestor</b>: the nearest ancestor (at most two steps up the reference
 *       slice) of a class matched exactly, closely or broadly that has ids of that terminology: a
 *       broadMatch to them.
 *   <li><b>DERM ancestor</b>: the nearest DERM ancestor (at most two steps, never the root) with
 *       ids of that terminology by rule 1 or 2: a broadMatch to them (a specific condition is
 *       classified under its parent's code).
 * </ol>
 *
 * Nothing is derived through a curated fallback match (confidence 0.5 or less: the skin grouping
 * class, which every condition is under).
 *
 * <p>Every row names the class it came through ({@code via}) and its chain; per class and id the
 * closest predicate wins. A derived row's confidence is the curated row's times 0.9 per rule step
 * beyond an exact chain.
 */
public final class DerivedXrefs {
  /** The mapping set's name (its SSSOM file is {@code derm-xrefs.sssom.tsv}). */
  public static final String NAME = "derm-xrefs";

  private static final int MAX_UP = 2;

  /**
   * The confidence of a curated fallback broadMatch to the skin grouping class: nothing is derived
   * through it (every skin disease is a skin disease).
   */
  static final double FALLBACK = 0.5;

  private static final String EXACT = "skos:exactMatch";
  private static final String CLOSE = "skos:closeMatch";
  private static final String BROAD = "skos:broadMatch";
  private static final String NARROW = "skos:narrowMatch";
  private static final List<String> RANK = List.of(EXACT, CLOSE, NARROW, BROAD);

  /**
   * One derived cross-reference.
   *
   * @param via the MONDO/DOID class (rules 1, 2) or DERM ancestor (rule 3) it came through
   * @param chain the steps, e.g. "DERM:0001145 skos:exactMatch MONDO:0005083 skos:exactMatch
   *     ICD10CM:L40"
   */
  public record Derived(
      String subject,
      String subjectLabel,
      String predicate,
      String object,
      double confidence,
      String via,
      String chain) {
    public boolean exact() {
      return predicate.equals(EXACT);
    }

    /** The object's terminology prefix. */
    public String prefix() {
      return object.substring(0, object.indexOf(':'));
    }
  }

  private final XrefTargets targets;
  private final Map<String, List<XrefSets.Row>> curated = new LinkedHashMap<>();
  private final Map<String, TermRow> live = new LinkedHashMap<>();
  private final Map<String, List<Derived>> direct = new LinkedHashMap<>();

  private DerivedXrefs(List<XrefSets.XrefSet> sets, XrefTargets targets, List<TermRow> diseases) {
    this.targets = targets;
    for (TermRow t : diseases) {
      if (!t.deprecated()) {
        live.put(t.id(), t);
      }
    }
    for (XrefSets.XrefSet s : sets) {
      for (XrefSets.Row r : s.rows()) {
        curated.computeIfAbsent(r.subjectId(), k -> new ArrayList<>()).add(r);
      }
    }
  }

  /** The derived cross-references of a source tree (none without a targets table). */
  public static List<Derived> of(OntologySource source) {
    return of(source, XrefSets.readAll(source));
  }

  /** The same, from the source tree's curated sets already read. */
  public static List<Derived> of(OntologySource source, List<XrefSets.XrefSet> curated) {
    Optional<XrefTargets> targets = XrefTargets.of(source);
    if (targets.isEmpty()) {
      return List.of();
    }
    SourceTables tables = SourceTables.read(source.tables());
    return derive(curated, targets.get(), tables.terms().getOrDefault(Branch.DISEASE, List.of()));
  }

  /** Derives the cross-references of the live disease classes, in class and object order. */
  public static List<Derived> derive(
      List<XrefSets.XrefSet> sets, XrefTargets targets, List<TermRow> diseases) {
    DerivedXrefs d = new DerivedXrefs(sets, targets, diseases);
    List<Derived> out = new ArrayList<>();
    for (String id : d.live.keySet()) {
      out.addAll(d.ofClass(id));
    }
    return out;
  }

  /** Rules 1 and 2, then 3 for the terminologies still missing. */
  private List<Derived> ofClass(String id) {
    List<Derived> own = own(id);
    Map<String, Derived> best = new LinkedHashMap<>();
    own.forEach(x -> keep(best, x));
    for (String prefix : Obo.XREF_NAMESPACES.keySet()) {
      if (own.stream().noneMatch(x -> x.prefix().equals(prefix))) {
        fromDermAncestor(id, prefix).forEach(x -> keep(best, x));
      }
    }
    return best.values().stream()
        .sorted(Comparator.comparing(Derived::prefix).thenComparing(Derived::object))
        .toList();
  }

  /** Rules 1 and 2 for one class (memoised: rule 3 asks for ancestors' too). */
  private List<Derived> own(String id) {
    List<Derived> known = direct.get(id);
    if (known != null) {
      return known;
    }
    TermRow t = live.get(id);
    List<Derived> out = new ArrayList<>();
    for (XrefSets.Row r : curated.getOrDefault(id, List.of())) {
      XrefTargets.Target target = targets.byId().get(r.objectId());
      if (target == null || r.confidence() <= FALLBACK) {
        continue;
      }
      List<Derived> chained = chain(t, r, target);
      out.addAll(chained);
      if (r.predicateId().equals(NARROW)) {
        continue;
      }
      for (String prefix : Obo.XREF_NAMESPACES.keySet()) {
        if (chained.stream().noneMatch(x -> x.prefix().equals(prefix))) {
          out.addAll(fromTargetAncestor(t, r, target, prefix));
        }
      }
    }
    direct.put(id, out);
    return out;
  }

  private List<Derived> chain(TermRow t, XrefSets.Row r, XrefTargets.Target target) {
    List<Derived> out = new ArrayList<>();
    for (XrefTargets.TargetXref x : target.xrefs()) {
      Optional<String> p2 = meaning(target.id(), x.predicate());
      Optional<String> p = p2.flatMap(q -> compose(r.predicateId(), q));
      if (p.isPresent()) {
        double c = confidence(r) * (p.get().equals(EXACT) ? 1 : 0.9);
        out.add(
            new Derived(
                t.id(),
                t.label(),
                p.get(),
                x.xref(),
                c,
                target.id(),
                t.id()
                    + " "
                    + r.predicateId()
                    + " "
                    + target.id()
                    + " "
                    + p2.get()
                    + " "
                    + x.xref()));
      }
    }
    return out;
  }

  private List<Derived> fromTargetAncestor(
      TermRow t, XrefSets.Row r, XrefTargets.Target target, String prefix) {
    List<String> level = List.of(target.id());
    for (int up = 1; up <= MAX_UP; up++) {
      List<String> next = new ArrayList<>();
      for (String c : level) {
        XrefTargets.Target tc = targets.byId().get(c);
        if (tc != null) {
          next.addAll(tc.parents());
        }
      }
      List<Derived> found = new ArrayList<>();
      for (String a : next.stream().distinct().sorted().toList()) {
        found.addAll(viaAncestor(t, r, target, a, prefix, up));
      }
      if (!found.isEmpty()) {
        return found;
      }
      level = next;
    }
    return List.of();
  }

  /** Broad matches to the exact {@code prefix} ids of {@code a}, {@code up} steps above. */
  private List<Derived> viaAncestor(
      TermRow t, XrefSets.Row r, XrefTargets.Target target, String a, String prefix, int up) {
    XrefTargets.Target ta = targets.byId().get(a);
    List<Derived> found = new ArrayList<>();
    if (ta == null) {
      return found;
    }
    String steps = t.id() + " " + r.predicateId() + " " + target.id() + " subClassOf";
    for (XrefTargets.TargetXref x : ta.xrefs()) {
      if (x.xref().startsWith(prefix + ":")
          && meaning(a, x.predicate()).filter(EXACT::equals).isPresent()) {
        found.add(
            new Derived(
                t.id(),
                t.label(),
                BROAD,
                x.xref(),
                confidence(r) * Math.pow(0.9, up),
                target.id(),
                steps + (up > 1 ? "+ " : " ") + a + " " + EXACT + " " + x.xref()));
      }
    }
    return found;
  }

  private List<Derived> fromDermAncestor(String id, String prefix) {
    TermRow t = live.get(id);
    String at = parentOf(t);
    for (int up = 1; up <= MAX_UP && at != null; up++) {
      TermRow a = live.get(at);
      if (a == null || a.parent().isEmpty()) {
        return List.of();
      }
      List<Derived> found = new ArrayList<>();
      for (Derived x : own(at)) {
        if (x.prefix().equals(prefix) && !x.predicate().equals(NARROW)) {
          found.add(
              new Derived(
                  id,
                  t.label(),
                  BROAD,
                  x.object(),
                  x.confidence() * Math.pow(0.9, up),
                  at,
                  id + " subClassOf" + (up > 1 ? "+ " : " ") + x.chain()));
        }
      }
      if (!found.isEmpty()) {
        return found;
      }
      at = parentOf(a);
    }
    return List.of();
  }

  private static String parentOf(TermRow t) {
    return t.parent().map(org.dermkg.ontology.table.Ref::id).orElse(null);
  }

  private static double confidence(XrefSets.Row r) {
    return Double.isNaN(r.confidence()) ? 0.8 : r.confidence();
  }

  private static void keep(Map<String, Derived> best, Derived x) {
    best.merge(
        x.object(),
        x,
        (a, b) -> {
          int c = Integer.compare(RANK.indexOf(a.predicate()), RANK.indexOf(b.predicate()));
          return c < 0 || (c == 0 && a.confidence() >= b.confidence()) ? a : b;
        });
  }

  /**
   * What a target's cross-reference means as a SKOS match: its SKOS predicate; a DOID hasDbXref is
   * close (DO means its xrefs as the same disease, but some point at a broader code: palmoplantar
   * pustulosis carries psoriasis's MeSH id); a MONDO hasDbXref without a match is not followed.
   */
  static Optional<String> meaning(String target, String predicate) {
    if (RANK.contains(predicate)) {
      return Optional.of(predicate);
    }
    if (predicate.equals("oboInOwl:hasDbXref") && target.startsWith("DOID:")) {
      return Optional.of(CLOSE);
    }
    return Optional.empty();
  }

  /**
   * Two SKOS matches in a row: exact keeps the other; two of a kind stay that kind; close with
   * broad or narrow gives the broad or narrow; broad and narrow give nothing (the two classes only
   * overlap).
   */
  static Optional<String> compose(String first, String second) {
    if (first.equals(EXACT)) {
      return Optional.of(second);
    }
    if (second.equals(EXACT) || second.equals(first)) {
      return Optional.of(first);
    }
    if (first.equals(CLOSE)) {
      return Optional.of(second);
    }
    if (second.equals(CLOSE)) {
      return Optional.of(first);
    }
    return Optional.empty();
  }

  /** A source tree's derived cross-references as a mapping set, dated as its newest curated set. */
  public static XrefSets.XrefSet set(OntologySource source) {
    return set(source, XrefSets.readAll(source));
  }

  /** The same, from the source tree's curated sets already read (each file read once). */
  public static XrefSets.XrefSet set(OntologySource source, List<XrefSets.XrefSet> curated) {
    String date =
        curated.stream()
            .map(s -> s.metadata().getOrDefault("mapping_date", ""))
            .max(String::compareTo)
            .orElse("");
    return asSet(of(source, curated), date);
  }

  /** The derived rows as an SSSOM mapping set (justification semapv:MappingChaining). */
  public static XrefSets.XrefSet asSet(List<Derived> rows, String date) {
    Map<String, String> curies = new LinkedHashMap<>();
    curies.put("DERM", org.dermkg.ontology.vocab.Derm.TERM_PREFIX);
    Obo.XREF_NAMESPACES.forEach(curies::put);
    curies.put("skos", Obo.SKOS);
    curies.put("semapv", "https://w3id.org/semapv/vocab/");
    curies.put("derm-kg", "https://w3id.org/dermkg/");
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("mapping_set_id", "https://w3id.org/dermkg/mappings/" + NAME + ".sssom.tsv");
    meta.put("mapping_set_version", date);
    meta.put(
        "mapping_set_title",
        "DERM disease classes to ICD-10-CM, ICD-11, UMLS, MeSH, NCIt, Orphanet, OMIM and SNOMED CT");
    meta.put(
        "mapping_set_description",
        "Derived by the ontology build (never curated by hand) through the curated DERM to MONDO and"
            + " DERM to DOID mappings and the matched classes' own cross-references; the comment"
            + " gives each row's chain. Only exact chains give exactMatch. Identifiers from the Mondo"
            + " Disease Ontology (release 2026-08-04, CC BY 4.0) and the Human Disease Ontology"
            + " (release 2026-07-31, CC0).");
    meta.put("license", "https://creativecommons.org/licenses/by/4.0/");
    meta.put("mapping_date", date);
    List<XrefSets.Row> out = new ArrayList<>();
    for (Derived d : rows) {
      out.add(
          new XrefSets.Row(
              d.subject(),
              d.subjectLabel(),
              d.predicate(),
              d.object(),
              "",
              "semapv:MappingChaining",
              Math.round(d.confidence() * 1000) / 1000.0,
              "derm-kg:build",
              date,
              d.chain(),
              NAME));
    }
    return new XrefSets.XrefSet(NAME, meta, curies, out);
  }
}
