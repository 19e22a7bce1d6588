package org.dermkg.graph.datasets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.vocab.Dkg;

/**
 * SkinCon (Daneshjou et al., NeurIPS Datasets and Benchmarks 2022): dense concept annotations of
 * Fitzpatrick17k and DDI images, one 0/1 column per concept ({@code
 * annotations_fitzpatrick17k.csv}, {@code annotations_ddi.csv}: ImageID, "Do not consider this
 * image", Papule, Plaque, ...). Each concept marked 1 is resolved to the concept branch and linked
 * to the already-loaded image with the same file name as {@code dkg:concept}, in a graph of its own
 * ({@code …/graph/dataset/TARGET/SkinCon}: the graph says where the concept came from). A re-import
 * replaces that graph.
 */
public final class SkinCon {
  /** The annotation files SkinCon ships, by the dataset they annotate. */
  static final Map<String, String> FILES =
      Map.of(
          "annotations_fitzpatrick17k.csv", "Fitzpatrick17k",
          "annotations_ddi.csv", "DDI");

  private static final Set<String> NOT_CONCEPTS = Set.of("ImageID", "Do not consider this image");

  /**
   * What one annotation file added.
   *
   * @param unmatched rows whose ImageID is no image of the loaded dataset
   * @param unresolved concept columns that name no concept, with why
   */
  public record Summary(
      String target,
      String graph,
      int images,
      int annotations,
      int unmatched,
      int skipped,
      Map<String, String> unresolved) {}

  private SkinCon() {}

  /** Whether {@code dir} holds SkinCon annotation files. */
  public static boolean isSkinCon(Path dir) {
    return FILES.keySet().stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
  }

  /** Applies every annotation file in {@code dir} to its dataset in {@code store}. */
  public static List<Summary> apply(DermStore store, OntologySnapshot snapshot, Path dir) {
    List<Summary> out = new ArrayList<>();
    for (Map.Entry<String, String> f : new TreeMap<>(FILES).entrySet()) {
      Path file = dir.resolve(f.getKey());
      if (Files.isRegularFile(file)) {
        out.add(one(store, snapshot, file, f.getValue()));
      }
    }
    if (out.isEmpty()) {
      throw new GraphException(
          Code.INPUT_MISSING, dir + " holds none of SkinCon's files " + FILES.keySet());
    }
    return out;
  }

  private static Summary one(DermStore store, OntologySnapshot snapshot, Path file, String target) {
    Node g = NodeFactory.createURI(DatasetImport.graph(target).getURI() + "/SkinCon");
    Collector c = new Collector(snapshot, imagesByFileName(store, target), g);
    MetadataTable.read(file, Set.of("ImageID"), c::row, r -> c.skipped++);
    DatasetGraph dsg = store.dataset();
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.deleteAny(g, Node.ANY, Node.ANY, Node.ANY);
          c.quads.forEach(dsg::add);
        });
    return new Summary(
        target, g.getURI(), c.imagesSeen, c.quads.size(), c.unmatched, c.skipped, c.unresolved);
  }

  /** The concept links of an annotation file's rows. */
  private static final class Collector {
    private final OntologySnapshot snapshot;
    private final Map<String, Node> images;
    private final Node graph;
    private final Map<String, Optional<String>> concepts = new LinkedHashMap<>();
    private final Map<String, String> unresolved = new TreeMap<>();
    private final List<Quad> quads = new ArrayList<>();
    private int imagesSeen;
    private int unmatched;
    private int skipped;

    Collector(OntologySnapshot snapshot, Map<String, Node> images, Node graph) {
      this.snapshot = snapshot;
      this.images = images;
      this.graph = graph;
    }

    void row(MetadataTable.Row row) {
      if (row.get("Do not consider this image").equals("1")) {
        skipped++;
        return;
      }
      Node img = images.get(row.get("ImageID"));
      if (img == null) {
        unmatched++;
        return;
      }
      imagesSeen++;
      for (String col : row.columns().keySet()) {
        if (NOT_CONCEPTS.contains(col) || !row.get(col).equals("1")) {
          continue;
        }
        concepts
            .computeIfAbsent(col, k -> concept(snapshot, k, unresolved))
            .ifPresent(
                iri ->
                    quads.add(
                        Quad.create(
                            graph,
                            img,
                            NodeFactory.createURI(Dkg.CONCEPT),
                            NodeFactory.createURI(iri))));
      }
    }
  }

  private static Optional<String> concept(
      OntologySnapshot snapshot, String name, Map<String, String> unresolved) {
    Resolution r = snapshot.resolver().resolve(name, Optional.of(Branch.CONCEPT));
    if (r.isUnique()) {
      return Optional.of(r.candidates().get(0).term().iri());
    }
    unresolved.put(name, r.isEmpty() ? "no concept has this name" : "ambiguous");
    return Optional.empty();
  }

  /** The target dataset's images by their file's name. */
  private static Map<String, Node> imagesByFileName(DermStore store, String target) {
    Map<String, Node> out = new HashMap<>();
    for (DatasetImages.StoredImage i : DatasetImages.read(store, target)) {
      String name = i.file().substring(i.file().lastIndexOf('/') + 1);
      out.put(name, NodeFactory.createURI(i.iri()));
    }
    return out;
  }
}
