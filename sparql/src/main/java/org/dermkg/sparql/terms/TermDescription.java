package org.dermkg.sparql.terms;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;

/**
 * What a term IRI answers with as RDF: its concise bounded description in the store's ontology
 * graph (its triples, and through blank nodes the restrictions they build: typical findings,
 * concepts, sites) plus the labels of every IRI they reference, so a client needs no second request
 * to show it.
 */
public final class TermDescription {
  private TermDescription() {}

  /**
   * The description of {@code iri} in graph {@code graph} of the dataset, or empty when the graph
   * says nothing of it.
   */
  public static Optional<Graph> describe(DatasetGraph dataset, Node graph, String iri) {
    return Txn.calculateRead(dataset, () -> build(dataset, graph, NodeFactory.createURI(iri)));
  }

  private static Optional<Graph> build(DatasetGraph dataset, Node graph, Node subject) {
    Graph out = GraphFactory.createDefaultGraph();
    Set<Node> seen = new HashSet<>();
    Set<Node> referenced = new HashSet<>();
    Deque<Node> todo = new ArrayDeque<>();
    todo.add(subject);
    while (!todo.isEmpty()) {
      Node s = todo.pop();
      if (!seen.add(s)) {
        continue;
      }
      dataset
          .find(graph, s, Node.ANY, Node.ANY)
          .forEachRemaining(
              q -> {
                out.add(Triple.create(q.getSubject(), q.getPredicate(), q.getObject()));
                if (q.getObject().isBlank()) {
                  todo.add(q.getObject());
                } else if (q.getObject().isURI()) {
                  referenced.add(q.getObject());
                }
              });
    }
    if (out.isEmpty()) {
      return Optional.empty();
    }
    Node label = RDFS.label.asNode();
    for (Node r : referenced) {
      if (!r.equals(subject)) {
        dataset
            .find(graph, r, label, Node.ANY)
            .forEachRemaining(q -> out.add(Triple.create(r, label, q.getObject())));
      }
    }
    return Optional.of(out);
  }
}
