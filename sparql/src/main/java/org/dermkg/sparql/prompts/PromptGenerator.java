package org.dermkg.sparql.prompts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphUtil;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.sparql.cache.Refreshable;
import org.dermkg.sparql.terms.TermRef;

/**
 * Entry point of the prompt generator: reads the class catalog of a dataset once (again after
 * {@link #dataChanged()}) and makes prompt sets from it. Thread-safe.
 */
public final class PromptGenerator {
  private final DatasetGraph dataset;
  private final long timeoutMillis;
  private final Refreshable<ClassCatalog> catalog;

  /**
   * @param dataset the store (union default graph) or a dataset of the same shape
   * @param timeoutMillis time limit of each query (the catalog reads and a SPARQL selection)
   */
  public PromptGenerator(DatasetGraph dataset, long timeoutMillis) {
    this.dataset = dataset;
    this.timeoutMillis = timeoutMillis;
    this.catalog = Refreshable.of(() -> ClassCatalog.read(dataset, timeoutMillis));
  }

  /**
   * A generator over an ontology alone (no store): its triples in the default graph and in the
   * ontology graph of an in-memory dataset, with the version recorded as a store records it.
   */
  public static PromptGenerator forOntology(Graph ontology, String version, long timeoutMillis) {
    // plain in-memory graphs (the transactional in-memory dataset is several times slower to fill
    // and to query, and this dataset is only read)
    Graph named = GraphFactory.createDefaultGraph();
    GraphUtil.addInto(named, ontology);
    named.add(
        NodeFactory.createURI(Derm.ONTOLOGY_IRI),
        NodeFactory.createURI(Dkg.ONTOLOGY_VERSION),
        NodeFactory.createLiteralString(version));
    DatasetGraph dsg = DatasetGraphFactory.create(ontology);
    dsg.addGraph(NodeFactory.createURI(Dkg.ONTOLOGY_GRAPH), named);
    return new PromptGenerator(dsg, timeoutMillis);
  }

  /** The class catalog, read on first use. */
  public ClassCatalog catalog() {
    return catalog.get();
  }

  /**
   * Forgets the catalog (call after the data changed): a set made after this returns reads the
   * catalog again.
   */
  public void dataChanged() {
    catalog.invalidate();
  }

  /**
   * Makes a prompt set.
   *
   * @throws org.dermkg.sparql.SparqlException BAD_ARGUMENT or UNKNOWN_TERM for a selection that
   *     names nothing or something that is not there, TIMEOUT for a SPARQL selection that runs too
   *     long
   */
  public PromptSet generate(PromptRequest request) {
    ClassCatalog cat = catalog();
    Selector selector = new Selector(cat, dataset, timeoutMillis);
    List<Entry> entries = selector.select(request.selection());
    Set<Strategy> strategies = new TreeSet<>(request.strategies());
    ClassPrompts maker =
        new ClassPrompts(
            new Phrases(cat), request.templates().list(), strategies, otherMembers(cat, entries));
    List<PromptClass> classes = entries.stream().map(maker::make).toList();
    List<Overlap> overlaps = overlaps(cat, entries);
    Provenance provenance =
        new Provenance(
            Provenance.GENERATOR,
            cat.version(),
            request.selection().kind(),
            request.selection().describe(),
            selector.resolved(),
            Strategy.ids(strategies),
            request.templates().name(),
            "");
    PromptSet set =
        new PromptSet(
            classes,
            request.templates().list(),
            overlaps,
            maker.notes(!overlaps.isEmpty()),
            provenance);
    return set.withProvenance(provenance.withHash(hash(PromptWriter.json(set))));
  }

  /** Makes each class's prompts and remembers what the set's notes must say. */
  private static final class ClassPrompts {
    private final Phrases phrases;
    private final List<String> templates;
    private final Set<Strategy> strategies;
    private final Map<String, Set<String>> othersBelow;
    private final List<String> withoutFindings = new ArrayList<>();
    private final List<String> fellBack = new ArrayList<>();

    ClassPrompts(
        Phrases phrases,
        List<String> templates,
        Set<Strategy> strategies,
        Map<String, Set<String>> othersBelow) {
      this.phrases = phrases;
      this.templates = templates;
      this.strategies = strategies;
      this.othersBelow = othersBelow;
    }

    PromptClass make(Entry e) {
      Map<String, Prompt> prompts = new LinkedHashMap<>();
      List<TermRef> subclasses = new ArrayList<>();
      for (Strategy s : strategies) {
        for (Phrases.Phrase p : phrases.make(s, e, othersBelow.get(e.name()), subclasses)) {
          add(prompts, s, p.text(), p.via());
        }
      }
      if ((strategies.contains(Strategy.FINDINGS) || strategies.contains(Strategy.CONCEPTS))
          && e.members().stream().allMatch(m -> m.findings().isEmpty())) {
        withoutFindings.add(e.name());
      }
      if (prompts.isEmpty()) {
        fellBack.add(e.name());
        add(prompts, Strategy.NAME, e.name(), Optional.empty());
      }
      return new PromptClass(
          e.name(),
          e.members().stream().map(m -> TermRef.of(m.iri(), m.label())).toList(),
          e.mapping(),
          e.members().size() == 1 && !e.group() ? e.members().get(0).level() : OptionalInt.empty(),
          List.copyOf(prompts.values()),
          subclasses.stream().distinct().toList());
    }

    private void add(Map<String, Prompt> prompts, Strategy s, String phrase, Optional<String> via) {
      for (int t = 0; t < templates.size(); t++) {
        String text = Templates.fill(templates.get(t), phrase);
        prompts.putIfAbsent(text, new Prompt(text, s, t, phrase, via));
      }
    }

    List<String> notes(boolean overlaps) {
      List<String> notes = new ArrayList<>();
      if (!withoutFindings.isEmpty()) {
        notes.add(
            count(withoutFindings.size(), "class has", "classes have")
                + " no typical finding, so no finding or concept descriptor: "
                + String.join(", ", withoutFindings));
      }
      if (!fellBack.isEmpty()) {
        notes.add(
            count(fellBack.size(), "class got", "classes got")
                + " no phrase from the chosen strategies, so each uses its name: "
                + String.join(", ", fellBack));
      }
      if (overlaps && strategies.contains(Strategy.DESCENDANTS)) {
        notes.add(
            "descendant expansion leaves out the subtrees of other classes of the set, so each"
                + " subclass name stands for one class");
      }
      return notes;
    }
  }

  /**
   * For each entry, the members of other entries that lie below one of its own members: its
   * descendant expansion leaves their subtrees out.
   */
  private static Map<String, Set<String>> otherMembers(ClassCatalog cat, List<Entry> entries) {
    Set<String> all = new LinkedHashSet<>();
    entries.forEach(e -> e.members().forEach(m -> all.add(m.iri())));
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (Entry e : entries) {
      Set<String> own = new LinkedHashSet<>();
      e.members().forEach(m -> own.add(m.iri()));
      Set<String> below = new LinkedHashSet<>();
      for (String other : all) {
        if (!own.contains(other) && own.stream().anyMatch(m -> cat.isAncestor(m, other))) {
          below.add(other);
        }
      }
      out.put(e.name(), below);
    }
    return out;
  }

  private static List<Overlap> overlaps(ClassCatalog cat, List<Entry> entries) {
    Map<String, List<Entry>> byMember = new LinkedHashMap<>();
    entries.forEach(
        e ->
            e.members()
                .forEach(m -> byMember.computeIfAbsent(m.iri(), k -> new ArrayList<>()).add(e)));
    List<Overlap> out = new ArrayList<>();
    for (Entry e : entries) {
      for (CatalogClass m : e.members()) {
        for (Entry other : byMember.get(m.iri())) {
          if (entries.indexOf(other) > entries.indexOf(e)) {
            out.add(new Overlap(e.name(), m.id(), other.name(), m.id(), true));
          }
        }
        for (String a : new TreeSet<>(cat.ancestors(m.iri()))) {
          for (Entry other : byMember.getOrDefault(a, List.of())) {
            if (other != e) {
              out.add(
                  new Overlap(
                      other.name(), cat.get(a).orElseThrow().id(), e.name(), m.id(), false));
            }
          }
        }
      }
    }
    return out;
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  static String hash(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return "sha256:"
          + HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
