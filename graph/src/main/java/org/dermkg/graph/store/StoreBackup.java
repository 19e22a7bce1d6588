package org.dermkg.graph.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.atlas.iterator.Iter;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWrapper;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;

/**
 * Backups of a store and restores from them. A backup is the store's quads as gzip N-Quads (any RDF
 * tool reads it), taken in one read transaction so it is a consistent snapshot even while the store
 * is being written, with a manifest beside it ({@code <file>.json}: quads per graph, the SHA-256 of
 * the file, the ontology version). It is written to a {@code .part} file and renamed when complete,
 * so a backup that dies leaves no file that looks whole.
 *
 * <p>A restore checks the file against its manifest (digest first, then the quads per graph after
 * loading) and loads it into a new generation of the store with TDB2's bulk loader; the store
 * switches to it by the atomic pointer rename only when everything matched. A restore that fails or
 * is killed leaves the store as it was.
 */
public final class StoreBackup {
  /** Format name in the manifest. */
  public static final String FORMAT = "derm-backup/1 (gzip N-Quads)";

  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreBackup() {}

  /** What a backup or restore did. */
  private static final String PER_GRAPH =
      "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";

  public record Result(
      Path file, long quads, Map<String, Long> graphs, long bytes, String sha256, double seconds) {}

  /**
   * Where a backup of the store in {@code storeDir} goes when no file is named: {@code
   * backups/store-<date-time>.nq.gz} beside the store directory, with a {@code -2}, {@code -3}…
   * suffix when a backup of the same second exists.
   */
  public static Path defaultFile(Path storeDir) {
    String stamp =
        java.time.LocalDateTime.now()
            .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path dir = storeDir.toAbsolutePath().getParent().resolve("backups");
    Path file = dir.resolve("store-" + stamp + ".nq.gz");
    for (int i = 2; Files.exists(file); i++) {
      file = dir.resolve("store-" + stamp + "-" + i + ".nq.gz");
    }
    return file;
  }

  /** The manifest of a backup file ({@code <file>.json}). */
  public static Path manifestOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".json");
  }

  /** Backs up the store's current generation to {@code file} (conventionally {@code .nq.gz}). */
  public static Result backup(DermStore store, Path file, LongConsumer progress) {
    return backup(store.dataset(), store.generation(), file, progress);
  }

  /**
   * Backs up a dataset (the server's, while it serves) to {@code file}: one read transaction, so
   * writers go on and the backup is the state of one moment.
   */
  public static Result backup(
      DatasetGraph dataset, String generation, Path file, LongConsumer progress) {
    long t0 = System.nanoTime();
    Path dir = file.toAbsolutePath().getParent();
    Path part = partOf(file);
    Tally tally = new Tally(progress);
    MessageDigest sha = sha256();
    try {
      Files.createDirectories(dir);
      Optional<String> version = writeQuads(dataset, part, sha, tally);
      progress.accept(tally.quads);
      String hex = HexFormat.of().formatHex(sha.digest());
      ObjectNode m = manifest(file, generation, version, tally, hex);
      Path manifest = manifestOf(file);
      Path manifestPart = partOf(manifest);
      Files.writeString(manifestPart, m.toPrettyString() + "\n");
      move(part, file);
      move(manifestPart, manifest);
      return new Result(file, tally.quads, tally.graphs, Files.size(file), hex, seconds(t0));
    } catch (IOException | RuntimeException e) {
      deleteParts(part, partOf(manifestOf(file)));
      if (e instanceof GraphException ge) {
        throw ge;
      }
      throw new GraphException(
          Code.WRITE_FAILED, "cannot write the backup " + file + ": " + e.getMessage(), e);
    }
  }

  /** Quads counted per graph as they stream past, with progress every 100,000. */
  private static final class Tally {
    final Map<String, Long> graphs = new TreeMap<>();
    final LongConsumer progress;
    long quads;

    Tally(LongConsumer progress) {
      this.progress = progress;
    }

    void add(Quad q) {
      graphs.merge(graphName(q.getGraph()), 1L, Long::sum);
      if (++quads % 100_000 == 0) {
        progress.accept(quads);
      }
    }
  }

  /**
   * Writes the dataset's quads as gzip N-Quads to {@code part} in one read transaction, digesting
   * the compressed bytes; returns the ontology version read in the same transaction.
   */
  private static Optional<String> writeQuads(
      DatasetGraph dataset, Path part, MessageDigest sha, Tally tally) throws IOException {
    try (OutputStream raw = Files.newOutputStream(part);
        DigestOutputStream digest = new DigestOutputStream(new BufferedOutputStream(raw), sha);
        GZIPOutputStream gz = new GZIPOutputStream(digest, 1 << 16)) {
      Optional<String> version =
          Txn.calculateRead(
              dataset,
              () -> {
                StreamRDF out = StreamRDFWriter.getWriterStream(gz, RDFFormat.NQUADS);
                out.start();
                dataset
                    .find()
                    .forEachRemaining(
                        q -> {
                          out.quad(q);
                          tally.add(q);
                        });
                out.finish();
                return ontologyVersion(dataset);
              });
      gz.finish();
      return version;
    }
  }

  private static Optional<String> ontologyVersion(DatasetGraph dataset) {
    var it =
        dataset.find(DermStore.ONTOLOGY_GRAPH, Node.ANY, DermStore.versionPredicate(), Node.ANY);
    return it.hasNext()
        ? Optional.of(it.next().getObject().getLiteralLexicalForm())
        : Optional.<String>empty();
  }

  private static ObjectNode manifest(
      Path file, String generation, Optional<String> version, Tally tally, String hex) {
    ObjectNode m = JSON.createObjectNode();
    m.put("format", FORMAT);
    m.put("created", Instant.now().toString());
    m.put("generation", generation);
    version.ifPresent(v -> m.put("ontologyVersion", v));
    m.put("quads", tally.quads);
    ObjectNode g = m.putObject("graphs");
    tally.graphs.forEach(g::put);
    m.put("sha256", hex);
    m.put("file", file.getFileName().toString());
    return m;
  }

  private static Path partOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".part");
  }

  private static void deleteParts(Path part, Path manifestPart) {
    try {
      Files.deleteIfExists(part);
      Files.deleteIfExists(manifestPart);
    } catch (IOException ignored) {
      // a .part file says itself that it is incomplete
    }
  }

  /**
   * Restores a backup into the store: checks the file's digest against its manifest, bulk-loads it
   * into a new generation, checks the quads per graph, and only then makes it current (the previous
   * data is deleted). On any failure the store is left as it was.
   *
   * @throws GraphException INPUT_MISSING for a missing file or manifest, BAD_ARGUMENT when the file
   *     does not match its manifest or does not parse (the line is named), WRITE_FAILED when the
   *     store cannot be written
   */
  public static Result restore(DermStore store, Path file, LongConsumer progress) {
    long t0 = System.nanoTime();
    if (!Files.isRegularFile(file)) {
      throw new GraphException(Code.INPUT_MISSING, "no backup file " + file);
    }
    JsonNode manifest = readManifest(manifestOf(file));
    String actual = checkDigest(file, manifest.get("sha256").asText());
    Map<String, Long> want = new TreeMap<>();
    manifest.get("graphs").properties().forEach(e -> want.put(e.getKey(), e.getValue().asLong()));

    try (DiskGuard guard = DiskGuard.open(store.dir(), DiskGuard.DEFAULT_MIN_FREE)) {
      // on a thread of the guard's group, so the phased loader's threads are watched too
      return guard.run(() -> restore(store, file, progress, want, actual, guard, t0));
    }
  }

  /** The manifest, checked to be one of a derm backup. */
  private static JsonNode readManifest(Path manifestFile) {
    if (!Files.isRegularFile(manifestFile)) {
      throw new GraphException(
          Code.INPUT_MISSING,
          "no manifest "
              + manifestFile
              + " beside the backup (derm backup writes both; without it the file cannot be"
              + " checked)");
    }
    JsonNode manifest;
    try {
      manifest = JSON.readTree(manifestFile.toFile());
    } catch (IOException e) {
      throw new GraphException(
          Code.BAD_ARGUMENT, "the manifest " + manifestFile + " is not JSON: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(manifest.path("format").asText())
        || !manifest.path("sha256").isTextual()
        || !manifest.path("graphs").isObject()) {
      throw new GraphException(
          Code.BAD_ARGUMENT,
          manifestFile + " is not a derm backup manifest (format, sha256 and graphs are needed)");
    }
    return manifest;
  }

  /** The file's SHA-256, checked to be the {@code expected} one of its manifest. */
  private static String checkDigest(Path file, String expected) {
    String actual = digest(file);
    if (!expected.equals(actual)) {
      throw new GraphException(
          Code.BAD_ARGUMENT,
          "the backup "
              + file
              + " does not match its manifest (SHA-256 "
              + actual
              + ", manifest says "
              + expected
              + "): truncated or changed; nothing was restored");
    }
    return actual;
  }

  private static Result restore(
      DermStore store,
      Path file,
      LongConsumer progress,
      Map<String, Long> want,
      String actual,
      DiskGuard guard,
      long t0) {
    DermStore.Bulk bulk = store.beginBulk();
    DataLoader loader = null;
    try {
      loader = LoaderFactory.phasedLoader(bulk.dataset(), (fmt, args) -> {});
      loader.startBulk();
      guard.armInterrupt();
      long n = parseInto(loader, file, guard, progress);
      loader.finishBulk();
      loader = null;
      progress.accept(n);
      Map<String, Long> got = quadsPerGraph(bulk.dataset());
      if (!got.equals(want)) {
        throw new GraphException(
            Code.BAD_ARGUMENT,
            "the restored quads per graph "
                + got
                + " differ from the manifest's "
                + want
                + "; nothing was restored");
      }
      bulk.commit();
      long total = got.values().stream().mapToLong(Long::longValue).sum();
      return new Result(file, total, got, Files.size(file), actual, seconds(t0));
    } catch (IOException | RuntimeException | Error e) {
      // Error: a write to a memory-mapped index on a full disk surfaces as InternalError
      guard.disarm();
      abort(bulk, loader, e instanceof Exception x ? x : new RuntimeException(e));
      throw restoreFailure(store, file, guard, e);
    }
  }

  /** Parses the backup into the loader, checking the disk every 100,000 quads; the quads read. */
  private static long parseInto(
      DataLoader loader, Path file, DiskGuard guard, LongConsumer progress) throws IOException {
    long[] n = {0};
    StreamRDF counting =
        new StreamRDFWrapper(loader.streamRDF()) {
          @Override
          public void quad(Quad q) {
            super.quad(q);
            if (++n[0] % 100_000 == 0) {
              guard.check();
              progress.accept(n[0]);
            }
          }
        };
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      RDFParser.source(in).lang(Lang.NQUADS).parse(counting);
    } catch (RiotException e) {
      throw new GraphException(
          Code.BAD_ARGUMENT, "the backup " + file + " does not parse: " + e.getMessage(), e);
    }
    return n[0];
  }

  /**
   * The restored store's quads per graph: named graphs counted by a {@code COUNT(*)} query, which
   * TDB2 answers over its indexes' node ids (3.2 s at Derm1M scale, 9.1M quads, against 33.7 s for
   * a {@code find()} that turns every quad's four node ids into nodes), the default graph by its
   * triples (normally none).
   */
  private static Map<String, Long> quadsPerGraph(DatasetGraph restored) {
    Map<String, Long> got = new TreeMap<>();
    Txn.executeRead(
        restored,
        () -> {
          try (QueryExec qe = QueryExec.dataset(restored).query(PER_GRAPH).build()) {
            qe.select()
                .forEachRemaining(
                    b ->
                        got.put(
                            graphName(b.get("g")),
                            ((Number) b.get("n").getLiteralValue()).longValue()));
          }
          long inDefault = Iter.count(restored.getDefaultGraph().find());
          if (inDefault > 0) {
            got.put(graphName(null), inDefault);
          }
        });
    return got;
  }

  /** The exception a failed restore throws: the disk guard's reason first, when it tripped. */
  private static GraphException restoreFailure(
      DermStore store, Path file, DiskGuard guard, Throwable e) {
    GraphException why = guard.tripped().orElse(null);
    if (why != null) {
      return new GraphException(
          why.code(), "cannot restore " + file + ": " + why.getMessage() + NOTHING, e);
    }
    if (e instanceof GraphException ge) {
      return ge;
    }
    return new GraphException(
        Code.WRITE_FAILED,
        "cannot restore "
            + file
            + ": "
            + e
            + (guard.diskFull() || DiskGuard.writeFault(e)
                ? " — " + DiskGuard.describe(store.dir(), DiskGuard.DEFAULT_MIN_FREE)
                : "")
            + NOTHING,
        e);
  }

  private static final String NOTHING = "; nothing was restored, the store keeps its data";

  private static void abort(DermStore.Bulk bulk, DataLoader loader, Exception e) {
    try {
      if (loader != null) {
        loader.finishException(e);
      }
    } catch (RuntimeException ignored) {
      // the generation is thrown away anyway
    } finally {
      try {
        bulk.abort();
      } catch (RuntimeException left) {
        e.addSuppressed(left); // the half-built generation goes at the next open
      }
    }
  }

  private static String graphName(Node g) {
    return g == null || Quad.isDefaultGraph(g) ? "(default)" : g.getURI();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String digest(Path file) {
    MessageDigest sha = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new GraphException(
          Code.INPUT_MISSING, "cannot read the backup " + file + ": " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }
}
