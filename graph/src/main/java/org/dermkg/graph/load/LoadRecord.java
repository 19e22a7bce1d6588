package org.dermkg.graph.load;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/** The record of one load in the loads graph: when, from which files, with which ontology. */
final class LoadRecord {
  private LoadRecord() {}

  /** A new load's IRI. */
  static String newIri() {
    return Dkg.GRAPH_NS.replace("graph/", "load/") + UUID.randomUUID();
  }

  static void write(
      StreamRDF out, String loadIri, List<Path> inputs, String version, LoadStats stats) {
    Node g = DermStore.LOADS_GRAPH;
    Node load = NodeFactory.createURI(loadIri);
    out.quad(Quad.create(g, load, RDF.type.asNode(), uri(Dkg.LOAD)));
    out.quad(
        Quad.create(
            g,
            load,
            uri(Dkg.LOADED_AT),
            NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime)));
    for (Path p : inputs) {
      out.quad(
          Quad.create(g, load, uri(Dkg.INPUT_FILE), NodeFactory.createLiteralString(p.toString())));
    }
    out.quad(
        Quad.create(g, load, uri(Dkg.ONTOLOGY_VERSION), NodeFactory.createLiteralString(version)));
    out.quad(Quad.create(g, load, uri(Dkg.ROWS), integer(stats.rows.get())));
    out.quad(Quad.create(g, load, uri(Dkg.REJECTED_ROWS), integer(stats.rejected)));
  }

  private static Node uri(String iri) {
    return NodeFactory.createURI(iri);
  }

  private static Node integer(long n) {
    return NodeFactory.createLiteralDT(Long.toString(n), XSDDatatype.XSDinteger);
  }
}
