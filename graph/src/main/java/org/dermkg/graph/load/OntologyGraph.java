package org.dermkg.graph.load;

import java.util.Iterator;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Derm;

/** The store's ontology graph: the snapshot's RDF and its version triple. */
final class OntologyGraph {
  private OntologyGraph() {}

  /** Writes the snapshot's triples and version into the ontology graph. */
  static void write(OntologySnapshot snapshot, StreamRDF out) {
    Node g = DermStore.ONTOLOGY_GRAPH;
    Iterator<Triple> it = snapshot.rdf().getGraph().find();
    while (it.hasNext()) {
      out.quad(Quad.create(g, it.next()));
    }
    out.quad(
        Quad.create(
            g,
            NodeFactory.createURI(Derm.ONTOLOGY_IRI),
            DermStore.versionPredicate(),
            NodeFactory.createLiteralString(snapshot.version())));
  }
}
