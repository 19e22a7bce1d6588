package org.dermkg.ontology.resolve;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;

/**
 * Maps free text to ontology classes. Match levels, best first: ID or IRI, label as typed, exact
 * synonym as typed, Derm1M name as typed, related synonym (abbreviations, misspellings) as typed,
 * then the normalised forms of all names ({@link LabelNormalizer}: spelling, then spacing, then
 * word order). Matching "as typed" ignores case and surrounding space. Deprecated terms are never
 * returned by name; their old names live on their replacements. Immutable and thread-safe once
 * built.
 */
public final class LabelResolver {
  private final Map<String, Term> byId;
  private final List<Map<String, List<Hit>>> levels = new ArrayList<>();
  private static final List<Function<String, String>> KEYS =
      List.of(
          s -> s.strip().toLowerCase(Locale.ROOT),
          LabelNormalizer::normalize,
          LabelNormalizer::compact,
          LabelNormalizer::bagOfWords);

  private record Hit(Term term, String name, NameType type) {}

  private final Map<String, List<Term>> byMapping;

  public LabelResolver(TermIndex index) {
    this.byId = index.byId();
    this.byMapping = index.byMapping();
    for (int i = 0; i < KEYS.size(); i++) {
      levels.add(new HashMap<>());
    }
    for (Term t : index.terms()) {
      if (t.deprecated()) {
        continue;
      }
      for (Term.Name n : t.names()) {
        for (int i = 0; i < KEYS.size(); i++) {
          String key = KEYS.get(i).apply(n.text());
          if (!key.isEmpty()) {
            levels
                .get(i)
                .computeIfAbsent(key, k -> new ArrayList<>())
                .add(new Hit(t, n.text(), n.type()));
          }
        }
      }
    }
  }

  /** Resolves text against every branch. */
  public Resolution resolve(String text) {
    return resolve(text, Optional.empty());
  }

  /**
   * Resolves text, optionally only against classes of one branch.
   *
   * @throws OntologyException {@code ONT-BAD-ARGUMENT} when the text is blank
   */
  public Resolution resolve(String text, Optional<Branch> branch) {
    if (text == null || text.isBlank()) {
      throw new OntologyException(Code.BAD_ARGUMENT, "nothing to resolve: the label is empty");
    }
    Optional<Term> byIdentifier = identifier(text.strip());
    if (byIdentifier.isPresent() && inBranch(byIdentifier.get(), branch)) {
      Term t = byIdentifier.get();
      String matched = t.id();
      if (t.deprecated() && t.replacedBy().isPresent() && byId.containsKey(t.replacedBy().get())) {
        t = byId.get(t.replacedBy().get());
        matched = matched + " (deprecated, replaced by " + t.id() + ")";
      }
      return new Resolution(
          text, List.of(new Resolution.Candidate(t, MatchType.ID, matched, NameType.LABEL)));
    }
    List<Resolution.Candidate> external = external(text.strip(), branch);
    if (!external.isEmpty()) {
      return new Resolution(text, external);
    }
    for (int i = 0; i < KEYS.size(); i++) {
      List<Hit> hits =
          levels.get(i).getOrDefault(KEYS.get(i).apply(text), List.of()).stream()
              .filter(h -> inBranch(h.term(), branch))
              .toList();
      if (hits.isEmpty()) {
        continue;
      }
      if (i == 0) {
        // as typed: the name type decides the match level
        NameType best = hits.stream().map(Hit::type).min(Comparator.naturalOrder()).orElseThrow();
        hits = hits.stream().filter(h -> h.type() == best).toList();
        return result(text, hits, asTyped(best));
      }
      return result(text, hits, MatchType.NORMALISED);
    }
    return new Resolution(text, List.of());
  }

  private static MatchType asTyped(NameType type) {
    return switch (type) {
      case LABEL -> MatchType.EXACT;
      case EXACT_SYNONYM, RELATED_SYNONYM -> MatchType.SYNONYM;
      case DERM1M_NAME -> MatchType.DERM1M_NAME;
    };
  }

  private static Resolution result(String text, List<Hit> hits, MatchType match) {
    // one candidate per term, through its best name
    Map<String, Hit> best = new LinkedHashMap<>();
    for (Hit h : hits) {
      best.merge(h.term().id(), h, (a, b) -> a.type().compareTo(b.type()) <= 0 ? a : b);
    }
    List<Resolution.Candidate> out = new ArrayList<>();
    for (Hit h : best.values()) {
      out.add(new Resolution.Candidate(h.term(), match, h.name(), h.type()));
    }
    if (match == MatchType.NORMALISED && out.size() > 1) {
      // several terms share a normalised name: prefer those matched through a better kind of name
      NameType top =
          out.stream()
              .map(Resolution.Candidate::nameType)
              .min(Comparator.naturalOrder())
              .orElseThrow();
      out = out.stream().filter(c -> c.nameType() == top).toList();
    }
    return new Resolution(text, out);
  }

  private static final java.util.regex.Pattern EXTERNAL =
      java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9_.]*):(\\S+)");

  /**
   * The classes a mapping links an external id to (MONDO:0005083, DOID:8893, ICD10CM:L40.0,
   * UMLS:C0033860), exact matches first; a match that is not exact says so ("MONDO:0005083
   * broadMatch, not exact"). An ICD-10-CM category with no class of its own (ICD10CM:L40) reaches
   * the classes of its subcodes, which are narrower than it.
   */
  private List<Resolution.Candidate> external(String text, Optional<Branch> branch) {
    java.util.regex.Matcher m = EXTERNAL.matcher(text);
    if (!m.matches() || m.group(1).equalsIgnoreCase("DERM")) {
      return List.of();
    }
    Optional<String> xref = Obo.xrefPrefix(m.group(1));
    String curie =
        xref.map(p -> p + ":" + m.group(2).toUpperCase(Locale.ROOT))
            .orElse(m.group(1).toUpperCase(Locale.ROOT) + ":" + m.group(2));
    List<Resolution.Candidate> exact = new ArrayList<>();
    List<Resolution.Candidate> looser = new ArrayList<>();
    List<String> codes = List.of(curie);
    if (!byMapping.containsKey(curie) && curie.startsWith("ICD10CM:")) {
      codes = icdNeighbours(curie);
    }
    Set<String> seen = new java.util.HashSet<>();
    for (String code : codes) {
      String within =
          code.equals(curie)
              ? ""
              : code.startsWith(curie) ? " (within " + curie + ")" : " (category of " + curie + ")";
      for (Term t : byMapping.getOrDefault(code, List.of())) {
        if (!inBranch(t, branch) || !seen.add(t.id())) {
          continue;
        }
        Term.Mapping x =
            t.mappings().stream().filter(y -> y.target().equals(code)).findFirst().orElseThrow();
        boolean isExact = x.exact() && within.isEmpty();
        (isExact ? exact : looser)
            .add(
                new Resolution.Candidate(
                    t,
                    MatchType.XREF,
                    code + within + " " + x.predicate() + (isExact ? "" : ", not exact"),
                    NameType.LABEL));
      }
    }
    // an exact match outranks the classes that are only close, broader or narrower
    return exact.isEmpty() ? closest(looser) : exact;
  }

  /**
   * The ICD-10-CM codes nearest a code no class has: its subcodes (L40: L40.0, L40.1...), else its
   * nearest category that a class has (L40.01: L40.0, then L40).
   */
  private List<String> icdNeighbours(String curie) {
    List<String> sub =
        byMapping.keySet().stream()
            .filter(k -> k.startsWith(curie + (curie.contains(".") ? "" : ".")))
            .sorted()
            .toList();
    if (!sub.isEmpty()) {
      return sub;
    }
    String up = curie;
    while (up.contains(".")) {
      up = up.substring(0, up.length() - 1);
      if (up.endsWith(".")) {
        up = up.substring(0, up.length() - 1);
      }
      if (byMapping.containsKey(up)) {
        return List.of(up);
      }
    }
    return List.of();
  }

  /** The closest kind of match there is: close, then narrower, then broader. */
  private static List<Resolution.Candidate> closest(List<Resolution.Candidate> looser) {
    for (String kind : Obo.SKOS_MATCHES) {
      List<Resolution.Candidate> tier =
          looser.stream().filter(c -> c.matchedName().contains(" " + kind)).toList();
      if (!tier.isEmpty()) {
        return tier;
      }
    }
    return looser;
  }

  private Optional<Term> identifier(String text) {
    if (Derm.isCurie(text)) {
      return Optional.ofNullable(byId.get(text));
    }
    if (text.startsWith("http://") || text.startsWith("https://")) {
      return Optional.ofNullable(byId.get(text));
    }
    return Optional.empty();
  }

  private static boolean inBranch(Term t, Optional<Branch> branch) {
    return branch.isEmpty() || t.branch().equals(branch);
  }
}
