package org.dermkg.sparql.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.text.EntityDefinition;
import org.apache.jena.query.text.TextDatasetFactory;
import org.apache.jena.query.text.TextIndexConfig;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.queryparser.classic.QueryParserBase;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;
import org.dermkg.sparql.query.NamedQuery;
import org.dermkg.sparql.query.QueryLibrary;
import org.dermkg.sparql.terms.TermRef;

/**
 * Label search over a Lucene index (jena-text, in memory) of the classes' labels, synonyms,
 * abbreviations and Derm1M names, with the class hierarchy beside it for subtree limits. Built from
 * a snapshot of the store; immutable afterwards and safe for concurrent searches. The index and the
 * store are separate, so a query cancelled on one never leaves the other half-aborted.
 */
public final class TermSearch implements AutoCloseable {
  /** The most hits one search returns. */
  public static final int MAX_LIMIT = 100;

  private static final int MAX_WORDS = 8;
  private static final int MAX_TEXT = 200;
  private static final Set<String> TEXT_PREDICATES =
      Set.of(
          RDFS.label.getURI(),
          Obo.EXACT_SYNONYM,
          Obo.RELATED_SYNONYM,
          Obo.BROAD_SYNONYM,
          Obo.NARROW_SYNONYM,
          Obo.ABBREVIATION,
          Derm.DERM1M_NAME);
  private static final Node OWL_THING = OWL.Thing.asNode();

  private final DatasetGraph index;
  private final long timeoutMillis;

  /** The names in the index (one Lucene document each): the candidates a subtree search ranks. */
  private final int names;

  private final NamedQuery query = QueryLibrary.shipped().get("label-search");

  private TermSearch(DatasetGraph index, long timeoutMillis, int names) {
    this.index = index;
    this.timeoutMillis = timeoutMillis;
    this.names = names;
  }

  /** Indexes the classes of {@code source} (every graph). */
  public static TermSearch build(DatasetGraph source, long timeoutMillis) {
    EntityDefinition entities = new EntityDefinition("uri", "text", RDFS.label.asNode());
    for (String p : TEXT_PREDICATES) {
      entities.set("text", NodeFactory.createURI(p));
    }
    TextIndexConfig config = new TextIndexConfig(entities);
    Analyzer analyzer = analyzer();
    config.setAnalyzer(analyzer);
    config.setQueryAnalyzer(analyzer);
    config.setValueStored(true);
    DatasetGraph index =
        TextDatasetFactory.createLucene(
            DatasetGraphFactory.createTxnMem(), new ByteBuffersDirectory(), config);
    int names =
        Txn.calculateRead(source, () -> Txn.calculateWrite(index, () -> copy(source, index)));
    return new TermSearch(index, timeoutMillis, names);
  }

  /**
   * The classes' names, hierarchy, deprecation and types into the index's default graph.
   *
   * @return how many names (labels, synonyms…) were indexed
   */
  private static int copy(DatasetGraph source, DatasetGraph index) {
    java.util.function.Consumer<Quad> add =
        q -> {
          if (q.getSubject().isURI() && !q.getObject().isBlank()) {
            index.getDefaultGraph().add(q.asTriple());
          }
        };
    // only the classes' types: not every image's and caption's (millions)
    source.find(Node.ANY, Node.ANY, RDF.type.asNode(), OWL.Class.asNode()).forEachRemaining(add);
    List<Node> copied = new ArrayList<>();
    for (String p : TEXT_PREDICATES) {
      copied.add(NodeFactory.createURI(p));
    }
    copied.add(RDFS.subClassOf.asNode());
    copied.add(OWL.deprecated.asNode());
    for (Node p : copied) {
      source.find(Node.ANY, Node.ANY, p, Node.ANY).forEachRemaining(add);
    }
    int names = 0;
    for (String p : TEXT_PREDICATES) {
      names += (int) index.getDefaultGraph().stream(null, NodeFactory.createURI(p), null).count();
    }
    return names;
  }

  private static Analyzer analyzer() {
    try {
      return CustomAnalyzer.builder()
          .withTokenizer("standard")
          .addTokenFilter("lowercase")
          .addTokenFilter("asciiFolding")
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Classes whose names match {@code text}: exact matches first, then prefix matches, then matches
   * of every word (the last one as a prefix, for autocomplete); when nothing matches, the same
   * words within one edit each. Each class appears once, under its best match.
   *
   * @param under limit to this class and its descendants
   * @param limit 1..{@value MAX_LIMIT}
   */
  public List<SearchHit> search(String text, Optional<String> under, int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, "limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    List<String> words = words(text);
    String typed = String.join(" ", words);
    List<SearchHit> hits = run(luceneQuery(words, false), typed, under, limit, false);
    if (hits.isEmpty()) {
      hits = run(luceneQuery(words, true), typed, under, limit, true);
    }
    return hits;
  }

  static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      throw new SparqlException(Code.BAD_ARGUMENT, "the search text is empty");
    }
    if (text.length() > MAX_TEXT) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, "the search text is longer than " + MAX_TEXT + " characters");
    }
    List<String> words = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty() && words.size() < MAX_WORDS) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      throw new SparqlException(
          Code.BAD_ARGUMENT, "the search text has no letters or digits: '" + text.strip() + "'");
    }
    return words;
  }

  static String luceneQuery(List<String> words, boolean fuzzy) {
    StringBuilder q = new StringBuilder();
    for (int i = 0; i < words.size(); i++) {
      String w = QueryParserBase.escape(words.get(i));
      boolean last = i == words.size() - 1;
      q.append(q.length() == 0 ? "" : " ").append('+');
      if (fuzzy) {
        q.append(w.length() >= 4 ? w + "~1" : w + "*");
      } else {
        q.append(last ? "(" + w + " " + w + "*)" : w);
      }
    }
    return q.toString();
  }

  private List<SearchHit> run(
      String lucene, String typed, Optional<String> under, int limit, boolean fuzzy) {
    // Lucene ranks its candidates before the subtree filter runs: a name common outside the subtree
    // (the one letter typed so far) would crowd the subtree's own names out of a short list, so a
    // subtree search ranks every matching name
    int candidates = under.isPresent() ? Math.max(names, limit * 10) : Math.max(200, limit * 10);
    Map<String, Node> args =
        Map.of(
            "lucene", NodeFactory.createLiteralString(lucene),
            "text", NodeFactory.createLiteralString(typed),
            "under", under.map(NodeFactory::createURI).orElse(OWL_THING),
            "candidates",
                NodeFactory.createLiteralDT(Integer.toString(candidates), XSDDatatype.XSDinteger));
    Map<String, SearchHit> best = new LinkedHashMap<>();
    for (Binding b : query.select(index, args, -1, 0, timeoutMillis)) {
      String iri = b.get("term").getURI();
      if (best.containsKey(iri)) {
        continue;
      }
      Node label = b.get("label");
      int tier = Integer.parseInt(b.get("tier").getLiteralLexicalForm());
      String match = fuzzy ? "fuzzy" : tier == 0 ? "exact" : tier == 1 ? "prefix" : "words";
      best.put(
          iri,
          new SearchHit(
              TermRef.of(iri, label == null ? null : label.getLiteralLexicalForm()),
              b.get("matched").getLiteralLexicalForm(),
              match,
              Double.parseDouble(b.get("score").getLiteralLexicalForm())));
      if (best.size() == limit) {
        break;
      }
    }
    return List.copyOf(best.values());
  }

  /**
   * The index dataset (class names, hierarchy, Lucene index), e.g. to run label-search directly.
   */
  public DatasetGraph dataset() {
    return index;
  }

  @Override
  public void close() {
    index.close();
  }
}
