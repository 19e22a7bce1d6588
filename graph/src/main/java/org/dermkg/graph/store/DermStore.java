package org.dermkg.graph.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDBException;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.ontology.vocab.Dkg;

/**
 * The knowledge graph on disk: a TDB2 database with three named graphs (ontology, images, loads).
 * Opening takes TDB2's process lock, so a second process is refused with {@link
 * Code#STORE_UNAVAILABLE}; within a process TDB2 transactions give readers a consistent snapshot
 * while one writer works. Close to release the lock.
 */
public final class DermStore implements AutoCloseable {
  public static final Node ONTOLOGY_GRAPH = NodeFactory.createURI(Dkg.ONTOLOGY_GRAPH);
  public static final Node IMAGES_GRAPH = NodeFactory.createURI(Dkg.IMAGES_GRAPH);
  public static final Node LOADS_GRAPH = NodeFactory.createURI(Dkg.LOADS_GRAPH);
  private static final Node VERSION = NodeFactory.createURI(Dkg.ONTOLOGY_VERSION);

  private final Path dir;
  private final DatasetGraph dataset;

  private DermStore(Path dir, DatasetGraph dataset) {
    this.dir = dir;
    this.dataset = dataset;
  }

  /** Opens (creating if needed) the store in {@code dir}. */
  public static DermStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GraphException(
          Code.STORE_UNAVAILABLE,
          "cannot create the store directory " + dir + ": " + e.getMessage(),
          e);
    }
    if (!Files.isWritable(dir)) {
      throw new GraphException(
          Code.STORE_UNAVAILABLE, "the store directory " + dir + " is not writable");
    }
    try {
      return new DermStore(dir, DatabaseMgr.connectDatasetGraph(dir.toString()));
    } catch (TDBException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      throw new GraphException(
          Code.STORE_UNAVAILABLE,
          "cannot open the store "
              + dir
              + ": "
              + why
              + (why.contains("lock") ? " (is another derm process using it?)" : ""),
          e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** The TDB2 dataset; use transactions ({@link Txn}) around every access. */
  public DatasetGraph dataset() {
    return dataset;
  }

  /** The ontology version recorded in the ontology graph, if any. */
  public Optional<String> ontologyVersion() {
    return Txn.calculateRead(
        dataset,
        () -> {
          var it = dataset.find(ONTOLOGY_GRAPH, Node.ANY, VERSION, Node.ANY);
          return it.hasNext()
              ? Optional.of(it.next().getObject().getLiteralLexicalForm())
              : Optional.empty();
        });
  }

  /** Number of distinct images. */
  public long imageCount() {
    Node type = NodeFactory.createURI(org.apache.jena.vocabulary.RDF.type.getURI());
    Node image = NodeFactory.createURI(Dkg.IMAGE);
    return Txn.calculateRead(
        dataset,
        () -> {
          long n = 0;
          var it = dataset.find(IMAGES_GRAPH, Node.ANY, type, image);
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return n;
        });
  }

  /** Total quads in the store. */
  public long quadCount() {
    return Txn.calculateRead(
        dataset,
        () -> {
          long n = 0;
          var it = dataset.find();
          while (it.hasNext()) {
            it.next();
            n++;
          }
          return n;
        });
  }

  /**
   * Bytes the store really occupies on disk. TDB2 preallocates sparse files, so the apparent size
   * overstates it; {@code du} is asked where it exists, else the apparent size is returned.
   */
  public long sizeOnDisk() {
    try {
      Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      String out =
          new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() == 0) {
        return Long.parseLong(out.strip().split("\\s+")[0]) * 1024;
      }
    } catch (IOException | NumberFormatException e) {
      // fall back to the apparent size
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return apparentSize();
  }

  /** Bytes of the store's files as their lengths say (sparse regions included). */
  public long apparentSize() {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** The predicate that records the ontology version in the ontology graph. */
  public static Node versionPredicate() {
    return VERSION;
  }

  @Override
  public void close() {
    TDBInternal.expel(dataset);
  }
}
