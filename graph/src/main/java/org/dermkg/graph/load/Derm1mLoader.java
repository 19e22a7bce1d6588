package org.dermkg.graph.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.update.UpdateAction;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.csv.CsvReader;
import org.dermkg.graph.csv.CsvRecord;
import org.dermkg.graph.derm1m.Derm1mColumns;
import org.dermkg.graph.derm1m.Derm1mRow;
import org.dermkg.graph.derm1m.RowParser;
import org.dermkg.graph.image.ImageInfo;
import org.dermkg.graph.image.ImageProbe;
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.graph.label.ParsedLabel;
import org.dermkg.graph.shacl.DataValidator;
import org.dermkg.graph.store.DermStore;
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
  private static final int BATCH = 10_000;
  private static final List<Quad> END = List.of();

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
    listener.start(totalBytes);
    DatasetGraph dsg = store == null ? null : store.dataset();
    boolean hadImages = store != null && store.imageCount() > 0;
    java.util.Optional<String> storedVersion =
        store == null ? java.util.Optional.empty() : store.ontologyVersion();
    boolean newOntology = !storedVersion.equals(java.util.Optional.of(snapshot.version()));

    BlockingQueue<List<Quad>> queue = new ArrayBlockingQueue<>(16);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread producer = new Thread(() -> produce(inputs, queue, failure), "derm-load-parser");
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
      if (newOntology) {
        if (storedVersion.isPresent() && !bulk) {
          // the quad table is not empty, so the loader kept its indexes and deletes work as usual
          dsg.deleteAny(DermStore.ONTOLOGY_GRAPH, Node.ANY, Node.ANY, Node.ANY);
        }
        writeOntology(out);
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
        if (batch == null) {
          listener.progress(stats.bytes.get(), stats.rows.get(), stats.quads.get());
          continue;
        }
        if (batch == END) {
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
      try {
        loader.abort(e instanceof Exception ex ? ex : new RuntimeException(e));
      } catch (RuntimeException abort) {
        e.addSuppressed(abort);
      }
      listener.finish();
      if (e instanceof GraphException ge) {
        throw ge;
      }
      Code code =
          e instanceof IOException
                  || e instanceof UncheckedIOException
                  || String.valueOf(e.getMessage()).contains("No space")
              ? Code.WRITE_FAILED
              : Code.LOAD_FAILED;
      throw new GraphException(
          code,
          "the load failed and nothing of it was committed (the store keeps its previous state): "
              + e,
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

  private void writeOntology(StreamRDF out) {
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

  // ---- the parsing thread ---------------------------------------------------------------------

  private void produce(
      List<Path> inputs, BlockingQueue<List<Quad>> queue, AtomicReference<Throwable> failure) {
    try (Rejects rejects = new Rejects(request.reportDir().resolve("rejects.tsv"))) {
      Batcher sink = new Batcher(queue);
      long bytesBefore = 0;
      for (Path file : inputs) {
        long consumed = parseFile(file, sink, rejects, bytesBefore);
        bytesBefore += consumed;
      }
      sink.flush();
      put(queue, END);
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  /**
   * Collects quads into batches for the writing thread, dropping repeats of the current image's
   * quads (an image's rows usually come together and repeat its labels; the store would ignore a
   * repeat anyway, but writing it costs as much as writing a new quad).
   */
  private final class Batcher implements Consumer<Quad> {
    private final BlockingQueue<List<Quad>> queue;
    private List<Quad> batch = new ArrayList<>(BATCH);
    private final java.util.Set<Quad> current = new java.util.HashSet<>();
    private Node currentImage;

    Batcher(BlockingQueue<List<Quad>> queue) {
      this.queue = queue;
    }

    /** The quads that follow belong to this image. */
    void image(Node img) {
      if (!img.equals(currentImage)) {
        currentImage = img;
        current.clear();
      }
    }

    @Override
    public void accept(Quad q) {
      if (q.getSubject().equals(currentImage) && !current.add(q)) {
        stats.duplicates++;
        return;
      }
      batch.add(q);
      stats.quads.incrementAndGet();
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    void flush() {
      put(queue, batch);
      batch = new ArrayList<>(BATCH);
    }
  }

  private static void put(BlockingQueue<List<Quad>> queue, List<Quad> batch) {
    try {
      queue.put(batch);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(Code.LOAD_FAILED, "the load was interrupted");
    }
  }

  /** Parses one CSV file; returns the bytes it had. */
  private long parseFile(Path file, Batcher sink, Rejects rejects, long bytesBefore)
      throws IOException {
    String name = file.getFileName().toString();
    String split = LoadRequest.split(file);
    long[] counts = stats.perFile.computeIfAbsent(name, k -> new long[3]);
    try (InputStream in = Files.newInputStream(file);
        CsvReader csv = new CsvReader(in)) {
      CsvRecord header = csv.next();
      if (header == null) {
        throw new GraphException(Code.CSV_HEADER, name + ": empty file, no header row");
      }
      if (header.isRejected()) {
        throw new GraphException(
            Code.CSV_HEADER, name + ": line 1: unreadable header: " + header.problem());
      }
      boolean concept = split.equals("concept");
      Map<String, Integer> columns =
          concept
              ? Derm1mColumns.index(name, header.fields(), Derm1mColumns.CONCEPT_REQUIRED, false)
              : Derm1mColumns.index(
                  name, header.fields(), java.util.Set.copyOf(Derm1mColumns.MAIN), true);
      RowParser parser = new RowParser(split, columns, header.fields().size());
      CsvRecord rec;
      while ((rec = csv.next()) != null) {
        if (Thread.currentThread().isInterrupted()) {
          throw new GraphException(Code.LOAD_FAILED, "the load was interrupted");
        }
        counts[0]++;
        stats.rows.incrementAndGet();
        stats.bytes.set(bytesBefore + csv.bytesRead());
        String problem = rec.problem();
        Derm1mRow row = null;
        if (problem == null) {
          RowParser.Result r = parser.parse(rec);
          problem = r.problem();
          row = r.row();
        }
        if (problem != null) {
          counts[2]++;
          stats.rejected++;
          rejects.add(
              name,
              rec.line(),
              problem,
              rec.raw() != null ? rec.raw() : String.join(",", rec.fields()));
          if (stats.rejectSamples.size() < LoadStats.SAMPLES) {
            stats.rejectSamples.add(Map.of("file", name, "line", rec.line(), "reason", problem));
          }
          continue;
        }
        counts[1]++;
        accept(row, concept, sink);
      }
      return csv.bytesRead();
    }
  }

  private void accept(Derm1mRow row, boolean concept, Batcher sink) {
    String iri = QuadBuilder.imageIri(row.filename());
    Node img = NodeFactory.createURI(iri);
    sink.image(img);
    if (concept && !stats.images.contains(row.filename())) {
      stats.conceptRowsForUnknownImages++;
      return;
    }
    if (!concept && stats.images.add(row.filename())) {
      ImageInfo info =
          request.probeImages()
              ? ImageProbe.probe(request.dataset().resolve(row.filename()))
              : ImageInfo.missing();
      countImage(row.filename(), info);
      quads.image(img, row.filename(), info, sink);
    }
    ParsedLabel label =
        row.hierarchicalLabel().or(row::diseaseLabel).map(labels::parse).orElse(null);
    countLabels(row, label);
    String caption = quads.row(img, row, label, sink);
    if (caption != null) {
      stats.captions.add(Long.parseUnsignedLong(QuadBuilder.captionKey(caption), 16));
    }
  }

  private void countImage(String filename, ImageInfo info) {
    switch (info.status()) {
      case ImageInfo.PRESENT -> {
        stats.present++;
        LoadStats.count(stats.formats, info.format());
      }
      case ImageInfo.MISSING -> {
        stats.missing++;
        if (stats.missingSamples.size() < LoadStats.SAMPLES) {
          stats.missingSamples.add(filename);
        }
      }
      default -> {
        stats.unreadable++;
        if (stats.unreadableSamples.size() < LoadStats.SAMPLES) {
          stats.unreadableSamples.add(filename + ": " + info.problem());
        }
      }
    }
  }

  private void countLabels(Derm1mRow row, ParsedLabel label) {
    if (label != null) {
      stats.rowsWithLabel++;
      if (label.diagnoses().isEmpty()) {
        stats.rowsUnresolved++;
      } else if (label.unresolved().isEmpty()) {
        stats.rowsResolved++;
      } else {
        stats.rowsPartlyResolved++;
      }
      if (label.diagnoses().size() > 1) {
        stats.multiDiagnosisRows++;
      }
      stats.diagnosisLinks += label.diagnoses().size();
      label.unresolved().forEach(u -> LoadStats.count(stats.unresolvedLabels, u));
      label
          .mismatch()
          .ifPresent(
              m -> {
                stats.mismatchRows++;
                LoadStats.count(stats.mismatches, m);
              });
    }
    for (String c : row.skinConcepts()) {
      stats.conceptValues++;
      if (labels.concept(c).isPresent()) {
        stats.conceptsResolved++;
      } else {
        LoadStats.count(stats.unresolvedConcepts, c);
      }
    }
    for (String s : row.bodyLocations()) {
      stats.siteValues++;
      if (labels.bodySite(s).isPresent()) {
        stats.sitesResolved++;
      } else {
        LoadStats.count(stats.unresolvedSites, s);
      }
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraphException(Code.WRITE_FAILED, "cannot write " + p + ": " + e.getMessage(), e);
    }
  }
}
