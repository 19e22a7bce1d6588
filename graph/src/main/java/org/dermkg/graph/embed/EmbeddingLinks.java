package org.dermkg.graph.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/**
 * The store side of image embeddings: which image files a store holds, and the links from each
 * image to its row in a model's vector file, in the embeddings graph (vocabulary: dkg:hasEmbedding,
 * dkg:model, dkg:row). Linking replaces a model's previous links in one transaction.
 */
public final class EmbeddingLinks {
  public static final Node GRAPH = NodeFactory.createURI(Dkg.EMBEDDINGS_GRAPH);

  /** An image of the store and its file, relative to the dataset's image tree. */
  public record ImageFile(String iri, String filename) {}

  /**
   * A model as the graph records it.
   *
   * @param slug short name, [a-z0-9-]; the model IRI is {@code Dkg.MODEL_NS + slug}
   * @param modelId where the weights came from
   * @param dimension vector size
   * @param vectorFile the vector file's base path
   */
  public record ModelRef(String slug, String modelId, int dimension, Path vectorFile) {
    public ModelRef {
      if (!slug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
        throw new IllegalArgumentException("model slug must be [a-z0-9-], was '" + slug + "'");
      }
    }

    public String iri() {
      return Dkg.MODEL_NS + slug;
    }
  }

  private EmbeddingLinks() {}

  /** Every image with a file name, ordered by IRI. */
  public static List<ImageFile> images(DermStore store) {
    DatasetGraph dsg = store.dataset();
    Node filename = NodeFactory.createURI(Dkg.FILENAME);
    return Txn.calculateRead(
        dsg,
        () -> {
          List<ImageFile> out = new ArrayList<>();
          Iterator<Quad> it = dsg.find(DermStore.IMAGES_GRAPH, Node.ANY, filename, Node.ANY);
          while (it.hasNext()) {
            Quad q = it.next();
            if (q.getSubject().isURI() && q.getObject().isLiteral()) {
              out.add(
                  new ImageFile(q.getSubject().getURI(), q.getObject().getLiteralLexicalForm()));
            }
          }
          out.sort(java.util.Comparator.comparing(ImageFile::iri));
          return out;
        });
  }

  /**
   * Records that image {@code rows.get(i)} has its vector at row i of the model's file, replacing
   * the model's earlier links (when the graph already links a prefix of {@code rows} exactly so, as
   * after an earlier run of an append-only file, only the rows after it are written).
   *
   * @return the number of images linked
   */
  public static int link(DermStore store, ModelRef model, List<String> rows) {
    DatasetGraph dsg = store.dataset();
    Node m = NodeFactory.createURI(model.iri());
    try {
      Txn.executeWrite(
          dsg,
          () -> {
            int from = linkedPrefix(dsg, m, model, rows);
            if (from == 0) {
              removeModel(dsg, m);
              addModel(dsg, m, model);
            }
            addLinks(dsg, m, model, rows, from);
          });
    } catch (RuntimeException e) {
      throw new GraphException(
          GraphException.Code.WRITE_FAILED,
          "cannot link embeddings in the store: " + e.getMessage(),
          e);
    }
    return rows.size();
  }

  /** Deletes the model node, its embedding nodes and the images' links to them. */
  private static void removeModel(DatasetGraph dsg, Node m) {
    Node hasEmbedding = NodeFactory.createURI(Dkg.HAS_EMBEDDING);
    List<Node> old = new ArrayList<>();
    dsg.find(GRAPH, Node.ANY, NodeFactory.createURI(Dkg.MODEL), m)
        .forEachRemaining(q -> old.add(q.getSubject()));
    for (Node e : old) {
      dsg.deleteAny(GRAPH, Node.ANY, hasEmbedding, e);
      dsg.deleteAny(GRAPH, e, Node.ANY, Node.ANY);
    }
    dsg.deleteAny(GRAPH, m, Node.ANY, Node.ANY);
  }

  private static void addModel(DatasetGraph dsg, Node m, ModelRef model) {
    dsg.add(GRAPH, m, RDF.type.asNode(), NodeFactory.createURI(Dkg.EMBEDDING_MODEL));
    dsg.add(
        GRAPH,
        m,
        NodeFactory.createURI(Dkg.MODEL_ID),
        NodeFactory.createLiteralString(model.modelId()));
    dsg.add(GRAPH, m, NodeFactory.createURI(Dkg.DIMENSION), integer(model.dimension()));
    dsg.add(
        GRAPH,
        m,
        NodeFactory.createURI(Dkg.VECTOR_FILE),
        NodeFactory.createLiteralString(model.vectorFile().toString()));
  }

  /**
   * How many of {@code rows} the graph links already, exactly as they are (the same model record,
   * row i of the file linked from image i for every i below): then only the rows after them need
   * adding. 0 when anything differs (a vector file cut back, another file or dimension), and the
   * model's links are rewritten.
   */
  private static int linkedPrefix(DatasetGraph dsg, Node m, ModelRef model, List<String> rows) {
    if (!dsg.contains(GRAPH, m, NodeFactory.createURI(Dkg.DIMENSION), integer(model.dimension()))
        || !dsg.contains(
            GRAPH,
            m,
            NodeFactory.createURI(Dkg.VECTOR_FILE),
            NodeFactory.createLiteralString(model.vectorFile().toString()))
        || !dsg.contains(
            GRAPH,
            m,
            NodeFactory.createURI(Dkg.MODEL_ID),
            NodeFactory.createLiteralString(model.modelId()))) {
      return 0;
    }
    Node modelP = NodeFactory.createURI(Dkg.MODEL);
    int linked = 0;
    Iterator<Quad> it = dsg.find(GRAPH, Node.ANY, modelP, m);
    while (it.hasNext()) {
      it.next();
      linked++;
    }
    if (linked > rows.size()) {
      return 0;
    }
    Node rowP = NodeFactory.createURI(Dkg.ROW);
    Node hasEmbedding = NodeFactory.createURI(Dkg.HAS_EMBEDDING);
    for (int i = 0; i < linked; i++) {
      Node e = NodeFactory.createURI(rows.get(i) + "#" + model.slug());
      if (!dsg.contains(GRAPH, e, rowP, integer(i))
          || !dsg.contains(GRAPH, NodeFactory.createURI(rows.get(i)), hasEmbedding, e)) {
        return 0;
      }
    }
    return linked;
  }

  /** Image {@code rows.get(i)} has embedding {@code <image>#<slug>} at row i, for i from on. */
  private static void addLinks(
      DatasetGraph dsg, Node m, ModelRef model, List<String> rows, int from) {
    Node hasEmbedding = NodeFactory.createURI(Dkg.HAS_EMBEDDING);
    Node modelP = NodeFactory.createURI(Dkg.MODEL);
    Node row = NodeFactory.createURI(Dkg.ROW);
    Node type = RDF.type.asNode();
    for (int i = from; i < rows.size(); i++) {
      Node img = NodeFactory.createURI(rows.get(i));
      Node e = NodeFactory.createURI(rows.get(i) + "#" + model.slug());
      dsg.add(GRAPH, img, hasEmbedding, e);
      dsg.add(GRAPH, e, type, NodeFactory.createURI(Dkg.EMBEDDING));
      dsg.add(GRAPH, e, modelP, m);
      dsg.add(GRAPH, e, row, integer(i));
    }
  }

  private static Node integer(int v) {
    return NodeFactory.createLiteralDT(Integer.toString(v), XSDDatatype.XSDinteger);
  }
}
