package org.dermkg.graph.datasets;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/** The RDF terms the dataset and evaluation writers make. */
final class Nodes {
  private Nodes() {}

  static Node uri(String s) {
    return NodeFactory.createURI(s);
  }

  static Node lit(String s) {
    return NodeFactory.createLiteralString(s);
  }

  static Node integer(int n) {
    return NodeFactory.createLiteralDT(Integer.toString(n), XSDDatatype.XSDinteger);
  }

  static Node dbl(double d) {
    return NodeFactory.createLiteralDT(Double.toString(d), XSDDatatype.XSDdouble);
  }
}
