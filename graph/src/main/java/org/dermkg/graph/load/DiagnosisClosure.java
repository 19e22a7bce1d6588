package org.dermkg.graph.load;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Dkg;

/**
 * The materialised closure {@code dkg:diagnosisUnder}: an image is under every ancestor-or-self
 * class of each of its diagnoses, ancestors being the named {@code rdfs:subClassOf} links of the
 * ontology's RDF (the triples the store's ontology graph holds, inferred links included), so the
 * closure always agrees with walking {@code rdfs:subClassOf*} in that graph. The one computation of
 * it: a load links each image as it writes its labels, and a new ontology version rebuilds the
 * links of the images already stored. Not thread-safe (it caches each class's ancestors).
 */
public final class DiagnosisClosure {
  static final Node UNDER = NodeFactory.createURI(Dkg.DIAGNOSIS_UNDER);
  private static final Node DIAGNOSIS = NodeFactory.createURI(Dkg.DIAGNOSIS);
  private static final Node G = DermStore.IMAGES_GRAPH;

  private final Map<Node, List<Node>> parents = new HashMap<>();
  private final Map<Node, List<Node>> ancestors = new HashMap<>();

  public DiagnosisClosure(OntologySnapshot snapshot) {
    for (Triple t :
        snapshot.rdf().getGraph().find(Node.ANY, RDFS.subClassOf.asNode(), Node.ANY).toList()) {
      if (t.getSubject().isURI() && t.getObject().isURI()) {
        parents.computeIfAbsent(t.getSubject(), k -> new ArrayList<>()).add(t.getObject());
      }
    }
  }

  /** The quads linking {@code image} to every ancestor-or-self class of {@code diagnosis}. */
  void link(Node image, Node diagnosis, Consumer<Quad> out) {
    for (Node a : ancestorsOrSelf(diagnosis)) {
      out.accept(Quad.create(G, image, UNDER, a));
    }
  }

  /**
   * Replaces the closure links of every image in {@code dsg}'s images graph and in each benchmark
   * dataset's graph by those of its diagnoses; call inside a write transaction.
   */
  public void rebuild(DatasetGraph dsg) {
    List<Node> graphs = new ArrayList<>(List.of(G));
    dsg.listGraphNodes()
        .forEachRemaining(
            g -> {
              if (g.isURI() && g.getURI().startsWith(Dkg.DATASET_GRAPH_NS)) {
                graphs.add(g);
              }
            });
    for (Node g : graphs) {
      dsg.deleteAny(g, Node.ANY, UNDER, Node.ANY);
      List<Quad> diagnoses = Iter.toList(dsg.find(g, Node.ANY, DIAGNOSIS, Node.ANY));
      for (Quad d : diagnoses) {
        for (Node a : ancestorsOrSelf(d.getObject())) {
          dsg.add(Quad.create(g, d.getSubject(), UNDER, a));
        }
      }
    }
  }

  /** The class and its named ancestors, each once (cycle-safe). */
  public List<Node> ancestorsOrSelf(Node cls) {
    List<Node> cached = ancestors.get(cls);
    if (cached != null) {
      return cached;
    }
    Set<Node> seen = new LinkedHashSet<>();
    Deque<Node> todo = new ArrayDeque<>(List.of(cls));
    while (!todo.isEmpty()) {
      Node cur = todo.pop();
      if (seen.add(cur)) {
        todo.addAll(parents.getOrDefault(cur, List.of()));
      }
    }
    List<Node> all = List.copyOf(seen);
    ancestors.put(cls, all);
    return all;
  }
}
