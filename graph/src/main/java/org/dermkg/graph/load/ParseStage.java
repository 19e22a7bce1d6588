package org.dermkg.graph.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
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

/**
 * The parsing side of a load, run on its own thread: reads the CSV files, rejects bad rows,
 * resolves labels, reads image headers, builds quads and hands them in batches to the writer. Owns
 * the load's counters until it finishes.
 */
final class ParseStage {
  static final int BATCH = 10_000;

  /** The batch that says the parsing is over. */
  static final List<Quad> END = List.of();

  private final LoadRequest request;
  private final LabelIndex labels;
  private final QuadBuilder quads;
  private final LoadStats stats;

  ParseStage(LoadRequest request, LabelIndex labels, QuadBuilder quads, LoadStats stats) {
    this.request = request;
    this.labels = labels;
    this.quads = quads;
    this.stats = stats;
  }

  void produce(
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
}
