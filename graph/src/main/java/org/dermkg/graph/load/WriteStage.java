package org.dermkg.graph.load;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;
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

  /** The store before the write: images in it, its ontology version; the kind of write. */
  private record Before(
      boolean hadImages, Optional<String> stored, boolean newOntology, boolean bulk) {}

  private Before before() {
    DermStore store = p.store();
    boolean hadImages = store != null && store.imageCount() > 0;
    Optional<String> stored = store == null ? Optional.empty() : store.ontologyVersion();
    boolean newOntology = !stored.equals(Optional.of(p.snapshot().version()));
    // an empty store gets a bulk load into a new generation; otherwise one transaction (a store
    // holding only benchmark datasets keeps them: a new generation would start without them)
    boolean bulk = store != null && !hadImages && !store.hasDatasets();
    return new Before(hadImages, stored, newOntology, bulk);
  }

  private LoadSinks.Sink sink(Before b) {
    if (p.store() == null) {
      return new LoadSinks.FileSink(p.export());
    }
    return b.bulk()
        ? new LoadSinks.BulkSink(p.store(), b.newOntology())
        : new LoadSinks.StoreSink(p.store().dataset());
  }

  private Thread producer(
      LoadInputs inputs, BlockingQueue<List<Quad>> queue, AtomicReference<Throwable> failure) {
    ParseStage parse = new ParseStage(p.request(), p.labels(), p.quads(), p.stats());
    Thread producer =
        new Thread(() -> parse.produce(inputs.files(), queue, failure), "derm-load-parser");
    producer.setDaemon(true);
    return producer;
  }

  /** Writes and commits the load; on any failure, aborts and throws why (nothing committed). */
  Written write(LoadInputs inputs) {
    Before b = before();
    LoadSinks.Sink sink = sink(b);
    BlockingQueue<List<Quad>> queue = new ArrayBlockingQueue<>(16);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread producer = producer(inputs, queue, failure);
    String loadIri = LoadRecord.newIri();
    long tWrite0 = System.nanoTime();
    try {
      StreamRDF out = sink.start();
      if (b.bulk()) {
        // the bulk loader's own threads may die; the guard then interrupts the wait for them
        guard.armInterrupt();
      }
      if (b.newOntology()) {
        replaceOntology(out, b.stored().isPresent() && !b.bulk(), b.hadImages());
      }
      producer.start();
      pump(queue, failure, out);
      LoadRecord.write(out, loadIri, inputs.files(), p.snapshot().version(), p.stats());
      p.listener().phase("indexing");
      long tIndex0 = System.nanoTime();
      sink.commit();
      long tEnd = System.nanoTime();
      p.listener().finish();
      return new Written(
          loadIri, b.hadImages(), b.newOntology(), tWrite0, tIndex0, tEnd, waitNanos);
    } catch (Throwable e) {
      producer.interrupt();
      throw LoadFailure.abort(e instanceof ParserFailed pf ? pf.getCause() : e, sink, guard, p);
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
    if (hadImages || (p.store() != null && p.store().hasDatasets())) {
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
}
