package org.dermkg.graph.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.DiskGuard;
import org.dermkg.ontology.OntologySnapshot;

/**
 * The writing side of a load, on the loading thread: starts the parsing thread, writes its batches
 * (and, for a new ontology version, the ontology graph and the rebuilt closure) into one sink and
 * commits; or, on any failure, aborts so that nothing is committed and throws the reason.
 */
final class WriteStage {
  /** What the write did: the load's IRI, the store's state before it, and its time marks. */
  record Written(
      String loadIri,
      boolean hadImages,
      boolean newOntology,
      long tWrite0,
      long tIndex0,
      long tEnd,
      long waitNanos) {}

  /** Carries the parsing thread's failure to the catch that handles every failure. */
  private static final class ParserFailed extends RuntimeException {
    ParserFailed(Throwable cause) {
      super(cause);
    }
  }

  private final Derm1mLoader.Parts p;
  private final DiskGuard guard; // null for an export
  private long waitNanos;

  WriteStage(Derm1mLoader.Parts parts, DiskGuard guard) {
    this.p = parts;
    this.guard = guard;
  }

  Written write(LoadInputs inputs) {
    DermStore store = p.store();
    boolean hadImages = store != null && store.imageCount() > 0;
    Optional<String> stored = store == null ? Optional.empty() : store.ontologyVersion();
    boolean newOntology = !stored.equals(Optional.of(p.snapshot().version()));
    // an empty store gets a bulk load into a new generation; otherwise one transaction
    boolean bulk = store != null && !hadImages;
    LoadSinks.Sink sink =
        store == null
            ? new LoadSinks.FileSink(p.export())
            : bulk
                ? new LoadSinks.BulkSink(store, newOntology)
                : new LoadSinks.StoreSink(store.dataset());
    ParseStage parse = new ParseStage(p.request(), p.labels(), p.quads(), p.stats());
    BlockingQueue<List<Quad>> queue = new ArrayBlockingQueue<>(16);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread producer =
        new Thread(() -> parse.produce(inputs.files(), queue, failure), "derm-load-parser");
    producer.setDaemon(true);
    String loadIri = LoadRecord.newIri();
    long tWrite0 = System.nanoTime();
    try {
      StreamRDF out = sink.start();
      if (bulk) {
        // the phased loader's own threads may die; the guard then interrupts the wait for them
        guard.armInterrupt();
      }
      if (newOntology) {
        replaceOntology(out, stored.isPresent() && !bulk, hadImages);
      }
      producer.start();
      pump(queue, failure, out);
      LoadRecord.write(out, loadIri, inputs.files(), p.snapshot().version(), p.stats());
      p.listener().phase("indexing");
      long tIndex0 = System.nanoTime();
      sink.commit();
      long tEnd = System.nanoTime();
      p.listener().finish();
      return new Written(loadIri, hadImages, newOntology, tWrite0, tIndex0, tEnd, waitNanos);
    } catch (Throwable e) {
      producer.interrupt();
      throw failed(e instanceof ParserFailed pf ? pf.getCause() : e, sink);
    }
  }

  /** Writes the new ontology graph (deleting the old one first) and rebuilds the closure. */
  private void replaceOntology(StreamRDF out, boolean deleteOld, boolean hadImages) {
    OntologySnapshot snapshot = p.snapshot();
    if (deleteOld) {
      // the quad table is not empty, so the loader kept its indexes and deletes work as usual
      p.store().dataset().deleteAny(DermStore.ONTOLOGY_GRAPH, Node.ANY, Node.ANY, Node.ANY);
    }
    OntologyGraph.write(snapshot, out);
    if (hadImages) {
      p.closure().rebuild(p.store().dataset());
    }
  }

  /** Writes the parser's batches until its end mark; throws the parser's or the guard's failure. */
  private void pump(
      BlockingQueue<List<Quad>> queue, AtomicReference<Throwable> failure, StreamRDF out)
      throws InterruptedException {
    LoadStats stats = p.stats();
    while (true) {
      long w0 = System.nanoTime();
      List<Quad> batch = queue.poll(200, TimeUnit.MILLISECONDS);
      waitNanos += System.nanoTime() - w0;
      if (failure.get() != null) {
        throw new ParserFailed(failure.get());
      }
      if (guard != null) {
        guard.check();
      }
      if (batch == ParseStage.END) {
        return;
      }
      if (batch != null) {
        batch.forEach(out::quad);
      }
      p.listener().progress(stats.bytes.get(), stats.rows.get(), stats.quads.get());
    }
  }

  /** Aborts the sink and names why the load failed: nothing of it was committed. */
  private GraphException failed(Throwable e, LoadSinks.Sink sink) {
    if (guard != null) {
      guard.disarm();
    }
    try {
      sink.abort(e instanceof Exception ex ? ex : new RuntimeException(e));
    } catch (RuntimeException abort) {
      e.addSuppressed(abort);
    }
    p.listener().finish();
    GraphException why = guard == null ? null : guard.tripped().orElse(null);
    if (why != null) {
      return new GraphException(
          why.code(),
          "the load was stopped and nothing of it was committed (the store keeps its previous"
              + " state): "
              + why.getMessage(),
          e);
    }
    if (e instanceof GraphException ge) {
      return ge;
    }
    // a write fault, or a full disk under another error: name the disk (an export has none)
    Path dir = p.store() == null ? null : p.store().dir();
    boolean write = DiskGuard.writeFault(e) || (guard != null && guard.diskFull());
    return new GraphException(
        write ? Code.WRITE_FAILED : Code.LOAD_FAILED,
        "the load failed and nothing of it was committed (the store keeps its previous state): "
            + e
            + (write && dir != null
                ? " — " + DiskGuard.describe(dir, p.request().minFreeBytes())
                : ""),
        e);
  }
}
