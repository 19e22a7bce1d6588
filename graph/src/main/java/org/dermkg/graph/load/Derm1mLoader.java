package org.dermkg.graph.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.update.UpdateAction;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.graph.shacl.DataValidator;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.DiskGuard;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.vocab.Dkg;

/**
 * Loads a Derm1M dataset into a {@link DermStore}. One thread parses the CSVs, resolves labels,
 * reads image headers and builds quads; the calling thread writes them with TDB2's sequential bulk
 * loader inside one write transaction, which the Jena documentation lists as crash-safe: a load
 * that fails or is killed commits nothing and the store keeps its previous state. Bad rows go to
 * rejects.tsv and the load goes on. When the store holds another ontology version, its ontology
 * graph is replaced and the closure of already loaded images rebuilt, in the same transaction.
 */
public final class Derm1mLoader {

  private final DermStore store;
  private final OntologySnapshot snapshot;
  private final LoadRequest request;
  private final LoadListener listener;
  private final LabelIndex labels;
  private final QuadBuilder quads;
  private final LoadStats stats = new LoadStats();
  private final Path export;
  private long waitNanos;

  private Derm1mLoader(
      DermStore store,
      OntologySnapshot snapshot,
      LoadRequest request,
      LoadListener listener,
      Path export) {
    this.export = export;
    this.store = store;
    this.snapshot = snapshot;
    this.request = request;
    this.listener = listener;
    this.labels = new LabelIndex(snapshot);
    this.quads = new QuadBuilder(labels);
  }

  /** Loads the request into the store and returns the report (also written to the report dir). */
  public static LoadReport load(
      DermStore store, OntologySnapshot snapshot, LoadRequest request, LoadListener listener) {
    return new Derm1mLoader(store, snapshot, request, listener, null).run();
  }

  /**
   * Runs the same parsing as a load but writes the quads (ontology graph included) to an N-Quads
   * file instead of a store: the "equivalent N-Quads" that tdb2.tdbloader is timed on.
   */
  public static LoadReport export(
      OntologySnapshot snapshot, LoadRequest request, Path nquads, LoadListener listener) {
    return new Derm1mLoader(null, snapshot, request.withValidation(false), listener, nquads).run();
  }

  /**
   * Brings the store's ontology graph to {@code snapshot}'s version without loading data: in one
   * write transaction, replaces the graph and rebuilds the closure of any loaded images. Nothing
   * happens when the versions already agree.
   *
   * @return true when the ontology graph was written
   */
  public static boolean installOntology(DermStore store, OntologySnapshot snapshot) {
    if (store.ontologyVersion().equals(Optional.of(snapshot.version()))) {
      return false;
    }
    boolean hadImages = store.imageCount() > 0;
    DatasetGraph dsg = store.dataset();
    Txn.executeWrite(
        dsg,
        () -> {
          dsg.deleteAny(DermStore.ONTOLOGY_GRAPH, Node.ANY, Node.ANY, Node.ANY);
          writeOntology(snapshot, StreamRDFLib.dataset(dsg));
          if (hadImages) {
            rebuildClosure(dsg);
          }
        });
    return true;
  }

  private LoadReport run() {
    long t0 = System.nanoTime();
    List<Path> inputs = new ArrayList<>(request.csvFiles());
    request.conceptCsv().ifPresent(inputs::add);
    long totalBytes = 0;
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        throw new GraphException(Code.INPUT_MISSING, "no such input file " + p);
      }
      totalBytes += p.toFile().length();
    }
    try {
      Files.createDirectories(request.reportDir());
    } catch (IOException e) {
      throw new GraphException(
          Code.WRITE_FAILED,
          "cannot create the report folder " + request.reportDir() + ": " + e.getMessage(),
          e);
    }
    DiskGuard guard = store == null ? null : DiskGuard.open(store.dir(), request.minFreeBytes());
    try {
      return run(inputs, totalBytes, guard, t0);
    } finally {
      if (guard != null) {
        guard.close();
      }
    }
  }

  private LoadReport run(List<Path> inputs, long totalBytes, DiskGuard guard, long t0) {
    listener.start(totalBytes);
    DatasetGraph dsg = store == null ? null : store.dataset();
    boolean hadImages = store != null && store.imageCount() > 0;
    java.util.Optional<String> storedVersion =
        store == null ? java.util.Optional.empty() : store.ontologyVersion();
    boolean newOntology = !storedVersion.equals(java.util.Optional.of(snapshot.version()));

    BlockingQueue<List<Quad>> queue = new ArrayBlockingQueue<>(16);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    ParseStage parse = new ParseStage(request, labels, quads, stats);
    Thread producer = new Thread(() -> parse.produce(inputs, queue, failure), "derm-load-parser");
    producer.setDaemon(true);

    // an empty store gets a bulk load into a new generation; otherwise one transaction
    boolean bulk = store != null && !hadImages;
    LoadSinks.Sink loader =
        store == null
            ? new LoadSinks.FileSink(export)
            : bulk ? new LoadSinks.BulkSink(store, newOntology) : new LoadSinks.StoreSink(dsg);
    long tWrite0 = System.nanoTime();
    long tIndex0;
    String loadIri = Dkg.GRAPH_NS.replace("graph/", "load/") + UUID.randomUUID();
    try {
      StreamRDF out = loader.start();
      if (bulk) {
        // the phased loader's own threads may die; the guard then interrupts the wait for them
        guard.armInterrupt();
      }
      if (newOntology) {
        if (storedVersion.isPresent() && !bulk) {
          // the quad table is not empty, so the loader kept its indexes and deletes work as usual
          dsg.deleteAny(DermStore.ONTOLOGY_GRAPH, Node.ANY, Node.ANY, Node.ANY);
        }
        writeOntology(snapshot, out);
        if (hadImages) {
          rebuildClosure(dsg);
        }
      }
      producer.start();
      while (true) {
        long w0 = System.nanoTime();
        List<Quad> batch = queue.poll(200, TimeUnit.MILLISECONDS);
        waitNanos += System.nanoTime() - w0;
        if (failure.get() != null) {
          throw failure.get();
        }
        if (guard != null) {
          guard.check();
        }
        if (batch == null) {
          listener.progress(stats.bytes.get(), stats.rows.get(), stats.quads.get());
          continue;
        }
        if (batch == ParseStage.END) {
          break;
        }
        for (Quad q : batch) {
          out.quad(q);
        }
        listener.progress(stats.bytes.get(), stats.rows.get(), stats.quads.get());
      }
      writeLoadRecord(out, loadIri, inputs);
      listener.phase("indexing");
      tIndex0 = System.nanoTime();
      loader.commit();
    } catch (Throwable e) {
      producer.interrupt();
      if (guard != null) {
        guard.disarm();
      }
      try {
        loader.abort(e instanceof Exception ex ? ex : new RuntimeException(e));
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      listener.finish();
      GraphException why = guard == null ? null : guard.tripped().orElse(null);
      if (why == null && e instanceof GraphException ge) {
        throw ge;
      }
      if (why != null) {
        throw new GraphException(
            why.code(),
            "the load was stopped and nothing of it was committed (the store keeps its previous"
                + " state): "
                + why.getMessage(),
            e);
      }
      // a write fault, or a full disk under another error: name the disk (an export has none)
      boolean write = DiskGuard.writeFault(e) || (store != null && guard.diskFull());
      throw new GraphException(
          write ? Code.WRITE_FAILED : Code.LOAD_FAILED,
          "the load failed and nothing of it was committed (the store keeps its previous state): "
              + e
              + (write && store != null
                  ? " — " + DiskGuard.describe(store.dir(), request.minFreeBytes())
                  : ""),
          e);
    }
    long tEnd = System.nanoTime();
    listener.finish();
    Map<String, Object> shacl = null;
    if (request.validate()) {
      listener.phase("validating (SHACL)");
      shacl = DataValidator.validate(store, snapshot).summary();
    }
    LoadReports.Context ctx =
        new LoadReports.Context(
            request,
            request.dataset().toString(),
            store == null ? export.toString() : store.dir().toString(),
            store == null ? export.toFile().length() : store.sizeOnDisk(),
            snapshot.version(),
            newOntology,
            hadImages,
            store == null
                ? "export"
                : hadImages ? "transaction" : "bulk (new generation " + store.generation() + ")",
            loadIri);
    LoadReport report = LoadReports.of(stats, ctx, t0, tWrite0, tIndex0, tEnd, waitNanos, shacl);
    write(request.reportDir().resolve("load-report.json"), report.json());
    write(request.reportDir().resolve("load-report.txt"), report.summary());
    return report;
  }

  private static void writeOntology(OntologySnapshot snapshot, StreamRDF out) {
    Node g = DermStore.ONTOLOGY_GRAPH;
    Iterator<Triple> it = snapshot.rdf().getGraph().find();
    while (it.hasNext()) {
      Triple t = it.next();
      out.quad(Quad.create(g, t));
    }
    out.quad(
        Quad.create(
            g,
            NodeFactory.createURI(org.dermkg.ontology.vocab.Derm.ONTOLOGY_IRI),
            DermStore.versionPredicate(),
            NodeFactory.createLiteralString(snapshot.version())));
  }

  /** Recomputes every image's closure links from its diagnoses and the (new) ontology graph. */
  private static void rebuildClosure(DatasetGraph dsg) {
    String update =
        """
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX dkg: <%s>
        DELETE { GRAPH <%s> { ?i dkg:diagnosisUnder ?c } } WHERE { GRAPH <%s> { ?i dkg:diagnosisUnder ?c } } ;
        INSERT { GRAPH <%s> { ?i dkg:diagnosisUnder ?a } }
        WHERE { GRAPH <%s> { ?i dkg:diagnosis ?d } GRAPH <%s> { ?d rdfs:subClassOf* ?a FILTER(isIRI(?a)) } }
        """
            .formatted(
                Dkg.NS,
                Dkg.IMAGES_GRAPH,
                Dkg.IMAGES_GRAPH,
                Dkg.IMAGES_GRAPH,
                Dkg.IMAGES_GRAPH,
                Dkg.ONTOLOGY_GRAPH);
    UpdateAction.parseExecute(update, dsg);
  }

  private void writeLoadRecord(StreamRDF out, String loadIri, List<Path> inputs) {
    Node g = DermStore.LOADS_GRAPH;
    Node load = NodeFactory.createURI(loadIri);
    out.quad(Quad.create(g, load, RDF.type.asNode(), NodeFactory.createURI(Dkg.LOAD)));
    out.quad(
        Quad.create(
            g,
            load,
            NodeFactory.createURI(Dkg.LOADED_AT),
            NodeFactory.createLiteralDT(Instant.now().toString(), XSDDatatype.XSDdateTime)));
    for (Path p : inputs) {
      out.quad(
          Quad.create(
              g,
              load,
              NodeFactory.createURI(Dkg.INPUT_FILE),
              NodeFactory.createLiteralString(p.toString())));
    }
    out.quad(
        Quad.create(
            g,
            load,
            NodeFactory.createURI(Dkg.ONTOLOGY_VERSION),
            NodeFactory.createLiteralString(snapshot.version())));
    out.quad(
        Quad.create(
            g,
            load,
            NodeFactory.createURI(Dkg.ROWS),
            NodeFactory.createLiteralDT(Long.toString(stats.rows.get()), XSDDatatype.XSDinteger)));
    out.quad(
        Quad.create(
            g,
            load,
            NodeFactory.createURI(Dkg.REJECTED_ROWS),
            NodeFactory.createLiteralDT(Long.toString(stats.rejected), XSDDatatype.XSDinteger)));
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraphException(Code.WRITE_FAILED, "cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
