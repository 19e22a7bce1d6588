package org.dermkg.graph.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDBException;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;
import org.apache.jena.tdb2.store.tupletable.TupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.ontology.vocab.Dkg;

/**
 * The knowledge graph on disk: a directory holding TDB2 databases ("generations") and a pointer
 * file naming the current one. Writes go either into the current generation in one TDB2
 * transaction, or, for a bulk load, into a fresh generation that becomes current by an atomic
 * rename of the pointer once complete — either way a crash leaves the last committed state, and a
 * half-built generation is deleted the next time the store is opened. A lock file refuses a second
 * process. Three named graphs: ontology, images, loads. Not for use by several threads at once
 * except through TDB2 transactions on {@link #dataset()}.
 */
public final class DermStore implements AutoCloseable {
  public static final Node ONTOLOGY_GRAPH = NodeFactory.createURI(Dkg.ONTOLOGY_GRAPH);
  public static final Node IMAGES_GRAPH = NodeFactory.createURI(Dkg.IMAGES_GRAPH);
  public static final Node LOADS_GRAPH = NodeFactory.createURI(Dkg.LOADS_GRAPH);
  private static final Node VERSION = NodeFactory.createURI(Dkg.ONTOLOGY_VERSION);
  static final String POINTER = "current";
  static final String LOCK = "derm-store.lock";

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private String generation;
  private DatasetGraph dataset;

  private DermStore(Path dir, FileChannel lockChannel, FileLock lock, String generation) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.generation = generation;
    this.dataset = connect(dir.resolve(generation));
  }

  /** Opens (creating if needed) the store in {@code dir}. */
  public static DermStore open(Path dir) {
    createWritable(dir);
    FileChannel ch = null;
    FileLock lock = null;
    try {
      ch =
          FileChannel.open(
              dir.resolve(LOCK),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.READ);
      lock = ch.tryLock();
      if (lock == null) {
        ch.close();
        throw new GraphException(
            Code.STORE_UNAVAILABLE, "the store " + dir + " is in use by another process");
      }
      writePid(ch);
      String current = readPointer(dir);
      removeOrphans(dir, current);
      return new DermStore(dir, ch, lock, current);
    } catch (OverlappingFileLockException e) {
      close(ch);
      throw new GraphException(
          Code.STORE_UNAVAILABLE, "the store " + dir + " is already open in this process", e);
    } catch (IOException e) {
      close(ch);
      throw new GraphException(
          Code.STORE_UNAVAILABLE, "cannot open the store " + dir + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (lock != null) {
        close(ch);
      }
      throw e;
    }
  }

  private static void createWritable(Path dir) {
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
  }

  /** The lock file says which process holds the store. */
  private static void writePid(FileChannel ch) throws IOException {
    ch.truncate(0)
        .write(
            java.nio.ByteBuffer.wrap(
                Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
  }

  private static void close(FileChannel ch) {
    try {
      if (ch != null) {
        ch.close();
      }
    } catch (IOException ignored) {
      // nothing more to release
    }
  }

  private static String readPointer(Path dir) throws IOException {
    Path p = dir.resolve(POINTER);
    if (Files.isRegularFile(p)) {
      String g = Files.readString(p, StandardCharsets.US_ASCII).strip();
      if (!g.matches("gen-\\d{4,}") || !Files.isDirectory(dir.resolve(g))) {
        throw new GraphException(
            Code.STORE_UNAVAILABLE,
            dir + "/" + POINTER + " names '" + g + "', which is not a generation of the store");
      }
      return g;
    }
    String first = "gen-0001";
    writePointer(dir, first);
    return first;
  }

  /**
   * The current generation named by the pointer of the store in {@code dir}, read without opening
   * the store (for a process serving it, or a report); empty when there is no pointer.
   */
  public static Optional<String> currentGeneration(Path dir) {
    try {
      Path p = dir.resolve(POINTER);
      return Files.isRegularFile(p)
          ? Optional.of(Files.readString(p, StandardCharsets.US_ASCII).strip())
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static void writePointer(Path dir, String generation) throws IOException {
    Path tmp = dir.resolve(POINTER + ".tmp");
    Files.writeString(tmp, generation + "\n", StandardCharsets.US_ASCII);
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    try {
      Files.move(
          tmp,
          dir.resolve(POINTER),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, dir.resolve(POINTER), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes generations other than the current one (left by a bulk load that died). */
  private static void removeOrphans(Path dir, String current) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && name.startsWith("gen-") && !name.equals(current)) {
          deleteTree(p);
        }
      }
    }
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }

  private static DatasetGraph connect(Path location) {
    try {
      return DatabaseMgr.connectDatasetGraph(location.toString());
    } catch (TDBException e) {
      throw new GraphException(
          Code.STORE_UNAVAILABLE,
          "cannot open the database " + location + ": " + e.getMessage(),
          e);
    }
  }

  public Path dir() {
    return dir;
  }

  /** Name of the current generation (for reports and tests). */
  public String generation() {
    return generation;
  }

  /** The TDB2 dataset of the current generation; use transactions ({@link Txn}) around access. */
  public DatasetGraph dataset() {
    return dataset;
  }

  /** A fresh, empty generation for a bulk load; it becomes current only by {@link #switchTo}. */
  public Bulk beginBulk() {
    int n = Integer.parseInt(generation.substring(4)) + 1;
    String next = String.format("gen-%04d", n);
    Path location = dir.resolve(next);
    try {
      deleteTree(location);
    } catch (IOException e) {
      throw new GraphException(
          Code.WRITE_FAILED, "cannot prepare " + location + ": " + e.getMessage(), e);
    }
    return new Bulk(next, connect(location));
  }

  /** A generation being built by a bulk load. */
  public final class Bulk {
    private final String name;
    private final DatasetGraph dataset;

    private Bulk(String name, DatasetGraph dataset) {
      this.name = name;
      this.dataset = dataset;
    }

    public DatasetGraph dataset() {
      return dataset;
    }

    /**
     * Makes this generation current (atomic pointer switch) and deletes the previous one. First
     * checks that every index of the new generation was built: Jena's bulk loaders build each index
     * in a thread of its own, and one that fails (a full disk) aborts its own transaction, logs and
     * lets the load finish with that index empty — switching to it would serve wrong answers, so
     * the generation is thrown away instead.
     */
    public void commit() {
      try {
        verifyIndexes(dataset, name);
      } catch (GraphException e) {
        abort();
        throw e;
      }
      String old = generation;
      try {
        writePointer(dir, name);
      } catch (IOException e) {
        abort();
        throw new GraphException(
            Code.WRITE_FAILED, "cannot switch the store to the new data: " + e.getMessage(), e);
      }
      TDBInternal.expel(DermStore.this.dataset);
      DermStore.this.dataset = dataset;
      generation = name;
      try {
        deleteTree(dir.resolve(old));
      } catch (IOException e) {
        // the old generation is an orphan now and goes at the next open
      }
    }

    /** Throws the half-built generation away; the current one is untouched. */
    public void abort() {
      TDBInternal.expel(dataset);
      try {
        deleteTree(dir.resolve(name));
      } catch (IOException e) {
        // removed at the next open
      }
    }
  }

  /**
   * Within one tuple table all indexes hold the same rows, so either all are empty or none is. An
   * index left empty beside full ones was not built.
   */
  static void verifyIndexes(DatasetGraph dsg, String generation) {
    DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(dsg);
    Txn.executeRead(
        dsg,
        () -> {
          for (TupleTable table :
              java.util.List.of(
                  tdb.getTripleTable().getNodeTupleTable().getTupleTable(),
                  tdb.getQuadTable().getNodeTupleTable().getTupleTable())) {
            TupleIndex[] indexes = table.getIndexes();
            boolean any = false;
            for (TupleIndex i : indexes) {
              any |= !i.isEmpty();
            }
            for (TupleIndex i : indexes) {
              if (any && i.isEmpty()) {
                throw new GraphException(
                    Code.WRITE_FAILED,
                    "the new data ("
                        + generation
                        + ") is incomplete: its index "
                        + i.getName()
                        + " was not built (a loader thread failed; often the disk filled up)."
                        + " It was thrown away and the store keeps its previous state");
              }
            }
          }
        });
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
  public boolean hasDatasets() {
    return Txn.calculateRead(
        dataset,
        () -> {
          var it = dataset.listGraphNodes();
          while (it.hasNext()) {
            Node g = it.next();
            if (g.isURI() && g.getURI().startsWith(Dkg.DATASET_GRAPH_NS)) {
              return true;
            }
          }
          return false;
        });
  }

  /** Derm1M images in the images graph. */
  public long imageCount() {
    Node type = NodeFactory.createURI(org.apache.jena.vocabulary.RDF.type.getURI());
    Node image = NodeFactory.createURI(Dkg.IMAGE);
    return Txn.calculateRead(
        dataset, () -> count(dataset.find(IMAGES_GRAPH, Node.ANY, type, image)));
  }

  /** Total quads in the store. */
  public long quadCount() {
    return Txn.calculateRead(dataset, () -> count(dataset.find()));
  }

  private static long count(java.util.Iterator<?> it) {
    long n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  /**
   * Bytes the store really occupies on disk. TDB2 preallocates sparse files, so the apparent size
   * overstates it; {@code du} is asked where it exists, else the apparent size is returned.
   */
  public long sizeOnDisk() {
    try {
      Process p = new ProcessBuilder("du", "-sk", dir.toString()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
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
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException ignored) {
      // the lock goes with the process anyway
    }
  }
}
