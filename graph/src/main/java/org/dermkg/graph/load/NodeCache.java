package org.dermkg.graph.load;

import java.util.HashMap;
import java.util.Map;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Nodes a load makes over and over, made once: xsd:integer literals up to 4096 (Jena validates each
 * lexical form), the string literals of small vocabularies (sources, statuses, formats...) and
 * class IRIs (diagnoses, concepts, sites). Literals and IRIs have separate caches: the literal
 * "http://x" and the IRI {@code <http://x>} are different nodes. Not thread-safe.
 */
final class NodeCache {
  private final Node[] integers = new Node[4097];
  private final Map<String, Node> literals = new HashMap<>();
  private final Map<String, Node> iris = new HashMap<>();

  Node integer(long n) {
    if (n >= 0 && n < integers.length) {
      Node cached = integers[(int) n];
      if (cached == null) {
        cached = NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
        integers[(int) n] = cached;
      }
      return cached;
    }
    return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
  }

  /** A plain string literal. */
  Node literal(String s) {
    return literals.computeIfAbsent(s, NodeFactory::createLiteralString);
  }

  /** An IRI. */
  Node iri(String iri) {
    return iris.computeIfAbsent(iri, NodeFactory::createURI);
  }
}
