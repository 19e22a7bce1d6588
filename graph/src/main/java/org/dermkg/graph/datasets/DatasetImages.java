package org.dermkg.graph.datasets;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/** The images of a benchmark dataset as the store holds them (what evaluation reads). */
public final class DatasetImages {
  /**
   * One stored image.
   *
   * @param diagnosis its DERM class IRI, when its label resolved
   * @param site the body-site class IRI, or the site text when it did not resolve
   */
  public record StoredImage(
      String iri,
      String file,
      Optional<String> diagnosis,
      OptionalInt fitzpatrick,
      Optional<String> skinTone,
      Optional<String> site,
      Optional<String> lesion) {}

  private DatasetImages() {}

  /**
   * The images of a deterministic split that keeps a lesion's images together: each lesion (an
   * image without one is its own) goes to "test" when the first bytes of SHA-256(dataset, lesion)
   * taken mod 100 fall under {@code testPercent}, else to "train"; "all" keeps every image.
   *
   * @throws GraphException BAD_ARGUMENT for another split name or a percent outside 1–99
   */
  public static List<StoredImage> split(
      List<StoredImage> images, String dataset, String split, int testPercent) {
    if (split.equals("all")) {
      return images;
    }
    if (!split.equals("test") && !split.equals("train")) {
      throw new GraphException(
          Code.BAD_ARGUMENT, "unknown split '" + split + "': use all, train or test");
    }
    if (testPercent < 1 || testPercent > 99) {
      throw new GraphException(
          Code.BAD_ARGUMENT, "the test share must be 1-99 %, not " + testPercent);
    }
    boolean test = split.equals("test");
    return images.stream()
        .filter(i -> (bucket(dataset, i.lesion().orElse(i.iri())) < testPercent) == test)
        .toList();
  }

  /**
   * A stable bucket 0..99 of a key within a group: the first four bytes of SHA-256(group, NUL, key)
   * mod 100. Splits put a key in test when its bucket is under the test percentage.
   */
  public static int bucket(String dataset, String key) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest((dataset + "\u0000" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      int v = ((h[0] & 0xff) << 24) | ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
      return Math.floorMod(v, 100);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The images of dataset {@code name}, in IRI order.
   *
   * @throws GraphException BAD_ARGUMENT when the store holds no such dataset (naming those it
   *     holds)
   */
  public static List<StoredImage> read(DermStore store, String name) {
    DatasetGraph dsg = store.dataset();
    Node g = DatasetImport.graph(name);
    return Txn.calculateRead(
        dsg,
        () -> {
          List<Node> images = new ArrayList<>();
          dsg.find(g, Node.ANY, RDF.type.asNode(), uri(Dkg.DATASET_IMAGE))
              .forEachRemaining(q -> images.add(q.getSubject()));
          if (images.isEmpty()) {
            throw new GraphException(
                Code.BAD_ARGUMENT,
                "the store holds no dataset '" + name + "'; it holds " + names(dsg));
          }
          images.sort(java.util.Comparator.comparing(Node::getURI));
          List<StoredImage> out = new ArrayList<>();
          for (Node i : images) {
            out.add(image(dsg, g, i));
          }
          return out;
        });
  }

  private static StoredImage image(DatasetGraph dsg, Node g, Node i) {
    Optional<Node> site =
        one(dsg, g, i, Dkg.BODY_SITE).or(() -> one(dsg, g, i, Dkg.BODY_SITE_TEXT));
    return new StoredImage(
        i.getURI(),
        one(dsg, g, i, Dkg.FILENAME).map(Node::getLiteralLexicalForm).orElse(""),
        one(dsg, g, i, Dkg.DIAGNOSIS).map(Node::getURI),
        one(dsg, g, i, Dkg.FITZPATRICK)
            .map(n -> OptionalInt.of(Integer.parseInt(n.getLiteralLexicalForm())))
            .orElse(OptionalInt.empty()),
        one(dsg, g, i, Dkg.SKIN_TONE).map(Node::getLiteralLexicalForm),
        site.map(n -> n.isURI() ? n.getURI() : n.getLiteralLexicalForm()),
        one(dsg, g, i, Dkg.LESION_ID).map(Node::getLiteralLexicalForm));
  }

  private static Optional<Node> one(DatasetGraph dsg, Node g, Node s, String p) {
    Iterator<Quad> it = dsg.find(g, s, uri(p), Node.ANY);
    return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
  }

  /** The datasets the store holds, by name. */
  public static List<String> names(DatasetGraph dsg) {
    TreeSet<String> out = new TreeSet<>();
    dsg.listGraphNodes()
        .forEachRemaining(
            n -> {
              if (n.isURI() && n.getURI().startsWith(Dkg.DATASET_GRAPH_NS)) {
                out.add(
                    java.net.URLDecoder.decode(
                        n.getURI().substring(Dkg.DATASET_GRAPH_NS.length()),
                        java.nio.charset.StandardCharsets.UTF_8));
              }
            });
    return List.copyOf(out);
  }

  private static Node uri(String s) {
    return NodeFactory.createURI(s);
  }
}
