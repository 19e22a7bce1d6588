package org.dermkg.graph.label;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.resolve.Term;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.vocab.OWLRDFVocabulary;

/**
 * Resolves the label columns of Derm1M rows against one ontology snapshot, with caches: distinct
 * label strings are few compared with rows. Thread-safe.
 *
 * <p>A hierarchical_disease_label is a list of node names from level 1 down, joined by ", " — but
 * names may themselves contain ", ", so it is parsed by longest match against the ontology's Derm1M
 * names, labels and exact synonyms, falling back to normalised resolution for a single part. A name
 * that names several classes (Derm1M's merged "melanocytic") is taken in the context of the path.
 * Each class must lie under the one before it; a second diagnosis may follow as a sibling of the
 * previous leaf ("…, lichen planus, psoriasis"). Any other step disagrees with the ontology and is
 * reported, while the classes are still linked.
 */
public final class LabelIndex {
  private final ClassGraph graph;
  private final org.dermkg.ontology.resolve.LabelResolver resolver;
  private final Map<String, List<String>> names = new HashMap<>();
  private final Map<String, List<String>> parts = new HashMap<>();
  private final int maxParts;
  private final Map<String, Set<String>> ancestors = new ConcurrentHashMap<>();
  private final Map<String, ParsedLabel> labels = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> concepts = new ConcurrentHashMap<>();
  private final Map<String, Optional<String>> sites = new ConcurrentHashMap<>();

  public LabelIndex(OntologySnapshot snapshot) {
    this.graph = snapshot.graph();
    this.resolver = snapshot.resolver();
    int parts = 1;
    for (IRI c : graph.classes()) {
      if (graph.isDeprecated(c) || !graph.branch(c).equals(Optional.of(Branch.DISEASE))) {
        continue;
      }
      List<String> all = new ArrayList<>(graph.values(c, Derm.DERM1M_NAME));
      all.addAll(graph.values(c, OWLRDFVocabulary.RDFS_LABEL.getIRI().toString()));
      all.addAll(graph.values(c, Obo.EXACT_SYNONYM));
      for (String n : all) {
        String key = key(n);
        if (!key.isEmpty()) {
          List<String> l = names.computeIfAbsent(key, k -> new ArrayList<>());
          if (!l.contains(c.toString())) {
            l.add(c.toString());
          }
          parts = Math.max(parts, key.split(", ").length);
        }
      }
      // each part of a packed Derm1M name ("Drug eruption, Drug eruptions & reactions"), used last
      for (String n : graph.values(c, Derm.DERM1M_NAME)) {
        for (String part : key(n).split(", ")) {
          if (part.length() >= 4 && !part.equals(key(n))) {
            List<String> l = this.parts.computeIfAbsent(part, k -> new ArrayList<>());
            if (!l.contains(c.toString())) {
              l.add(c.toString());
            }
          }
        }
      }
    }
    this.maxParts = parts;
  }

  private static String key(String name) {
    StringBuilder b = new StringBuilder();
    for (String p : name.split(",")) {
      if (!p.isBlank()) {
        b.append(b.length() == 0 ? "" : ", ").append(p.strip().toLowerCase(Locale.ROOT));
      }
    }
    return b.toString();
  }

  /** Every ancestor-or-self IRI of a class (the closure materialised for each diagnosis). */
  public Set<String> ancestorsOrSelf(String iri) {
    return ancestors.computeIfAbsent(
        iri,
        k -> Set.copyOf(graph.ancestorsOrSelf(IRI.create(k)).stream().map(IRI::toString).toList()));
  }

  /** The label of a class (for messages). */
  public String label(String iri) {
    return graph.label(IRI.create(iri));
  }

  /** A skin_concept value to a concept class IRI, if it resolves uniquely. */
  public Optional<String> concept(String value) {
    return concepts.computeIfAbsent(value, v -> unique(v, Branch.CONCEPT));
  }

  /** A body_location value to a body-site class IRI, if it resolves uniquely. */
  public Optional<String> bodySite(String value) {
    return sites.computeIfAbsent(value, v -> unique(v, Branch.BODY_SITE));
  }

  private Optional<String> unique(String value, Branch branch) {
    Resolution r = resolver.resolve(value, Optional.of(branch));
    return r.isUnique() ? Optional.of(r.candidates().get(0).term().iri()) : Optional.empty();
  }

  /** Parses a disease label (hierarchical or plain). */
  public ParsedLabel parse(String label) {
    return labels.computeIfAbsent(label, this::doParse);
  }

  private ParsedLabel doParse(String label) {
    List<String> tokens = new ArrayList<>();
    for (String p : label.split(",")) {
      if (!p.isBlank()) {
        tokens.add(p.strip());
      }
    }
    Walk walk = new Walk();
    int i = 0;
    while (i < tokens.size()) {
      Match m = match(tokens, i, walk.path);
      if (m == null) {
        walk.unresolved.add(tokens.get(i));
        i++;
        continue;
      }
      walk.step(m.iri());
      i += m.span();
    }
    if (walk.last != null) {
      walk.leaves.add(walk.last);
    }
    return new ParsedLabel(
        walk.matched, diagnoses(walk.leaves), walk.unresolved, Optional.ofNullable(walk.mismatch));
  }

  /** A class named by {@code span} tokens of a label. */
  private record Match(String iri, int span) {}

  /**
   * The class the tokens from {@code i} on start with: the longest run of tokens that is a name,
   * else the one token resolved as a disease, else the one token as a part of a packed name; null
   * if none.
   */
  private Match match(List<String> tokens, int i, Deque<String> path) {
    for (int j = Math.min(tokens.size(), i + maxParts); j > i; j--) {
      List<String> candidates = names.get(key(String.join(", ", tokens.subList(i, j))));
      if (candidates != null) {
        String found = choose(candidates, path);
        if (found != null) {
          return new Match(found, j - i);
        }
      }
    }
    String token = tokens.get(i);
    String found = null;
    Resolution r = resolver.resolve(token, Optional.of(Branch.DISEASE));
    if (!r.isEmpty()) {
      found = choose(r.candidates().stream().map(c -> c.term()).map(Term::iri).toList(), path);
    } else if (parts.containsKey(key(token))) {
      found = choose(parts.get(key(token)), path);
    }
    return found == null ? null : new Match(found, 1);
  }

  /** The state of one label's walk down the hierarchy, one matched class at a time. */
  private final class Walk {
    final List<String> matched = new ArrayList<>();
    final List<String> unresolved = new ArrayList<>();
    final List<String> leaves = new ArrayList<>();
    final Deque<String> path = new ArrayDeque<>();
    String mismatch;
    String last;

    /** Puts {@code found} on the path, under the nearest class on it that is its ancestor. */
    void step(String found) {
      Set<String> up = ancestorsOrSelf(found);
      int popped = 0;
      while (!path.isEmpty() && !up.contains(path.peek())) {
        path.pop();
        popped++;
      }
      // the previous name was a sibling leaf when only it was popped and it is not a category
      boolean sibling = popped == 1 && (!path.isEmpty() || ancestorsOrSelf(last).size() > 2);
      if (last != null && popped > 0 && !sibling) {
        // the path puts this class under something that is not its ancestor
        if (mismatch == null) {
          mismatch = "'" + label(found) + "' is not under '" + label(last) + "' in the ontology";
        }
      } else if (sibling) {
        leaves.add(last); // "..., lichen planus, psoriasis"
      }
      path.push(found);
      if (!matched.contains(found)) {
        matched.add(found);
      }
      last = found;
    }
  }

  /** The leaves that are not an ancestor of another leaf, without repeats. */
  private List<String> diagnoses(List<String> leaves) {
    List<String> diagnoses = new ArrayList<>();
    for (String m : leaves) {
      boolean ancestorOfAnother =
          leaves.stream().anyMatch(o -> !o.equals(m) && ancestorsOrSelf(o).contains(m));
      if (!ancestorOfAnother && !diagnoses.contains(m)) {
        diagnoses.add(m);
      }
    }
    return diagnoses;
  }

  /** Among candidates, the first that lies under the current path (else the first). */
  private String choose(List<String> candidates, Deque<String> path) {
    if (candidates.size() > 1) {
      for (String context : path) {
        for (String c : candidates) {
          if (ancestorsOrSelf(c).contains(context)) {
            return c;
          }
        }
      }
    }
    return candidates.get(0);
  }
}
