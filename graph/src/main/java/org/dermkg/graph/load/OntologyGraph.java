package org.dermkg.graph.load;

import java.util.Iterator;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Derm;

/** The store's ontology graph: the snapshot's RDF and its version triple. */
public final class OntologyGraph {
  private OntologyGraph() {}

  /**
   * Puts the snapshot's ontology into {@code dsg} when it holds another version (or none), inside
   * the caller's write transaction, and rebuilds the diagnosis closures the new hierarchy changes.
   * Returns whether it did.
   */
  public static boolean ensure(
      OntologySnapshot snapshot, DatasetGraph dsg, DiagnosisClosure closure) {
    Node versionNode = DermStore.versionPredicate();
    java.util.Iterator<Quad> v =
        dsg.find(
            DermStore.ONTOLOGY_GRAPH,
            NodeFactory.createURI(Derm.ONTOLOGY_IRI),
            versionNode,
            Node.ANY);
    if (v.hasNext() && v.next().getObject().getLiteralLexicalForm().equals(snapshot.version())) {
      return false;
    }
    dsg.deleteAny(DermStore.ONTOLOGY_GRAPH, Node.ANY, Node.ANY, Node.ANY);
    write(snapshot, org.apache.jena.riot.system.StreamRDFLib.dataset(dsg));
    closure.rebuild(dsg);
    return true;
  }

  /** Writes the snapshot's triples and version into the ontology graph. */
  public static void write(OntologySnapshot snapshot, StreamRDF out) {
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
