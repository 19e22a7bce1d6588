package org.dermkg.sparql;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.jena.shared.PrefixMapping;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.ontology.vocab.Obo;

/**
 * The documented prefixes of the knowledge graph (README, "SPARQL"): every named query declares
 * them, the server registers them on the dataset so RDF responses use them, and users may paste
 * {@link #prologue()} in front of their own queries.
 */
public final class Prefixes {
  private static final PrefixMapping STANDARD =
      PrefixMapping.Factory.create()
          .setNsPrefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
          .setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
          .setNsPrefix("owl", "http://www.w3.org/2002/07/owl#")
          .setNsPrefix("xsd", "http://www.w3.org/2001/XMLSchema#")
          .setNsPrefix("dcterms", Obo.DCTERMS)
          .setNsPrefix("obo", Obo.OBO)
          .setNsPrefix("oboInOwl", Obo.OBO_IN_OWL)
          .setNsPrefix("DERM", Derm.TERM_PREFIX)
          .setNsPrefix("dkg", Dkg.NS)
          .setNsPrefix("img", Dkg.IMAGE_NS)
          .setNsPrefix("graphs", Dkg.GRAPH_NS)
          .lock();

  private Prefixes() {}

  /** The prefix mapping (locked). */
  public static PrefixMapping standard() {
    return STANDARD;
  }

  /** Prefix to namespace, sorted by prefix. */
  public static Map<String, String> map() {
    return new TreeMap<>(STANDARD.getNsPrefixMap());
  }

  /** The PREFIX declarations as SPARQL text, one per line. */
  public static String prologue() {
    return map().entrySet().stream()
        .map(e -> "PREFIX " + e.getKey() + ": <" + e.getValue() + ">")
        .collect(Collectors.joining("\n", "", "\n"));
  }
}
