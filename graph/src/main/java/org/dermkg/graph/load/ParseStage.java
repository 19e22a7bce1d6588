package org.dermkg.graph.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
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
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.graph.label.ParsedLabel;

/**
 * The parsing side of a load, run on its own thread: reads the CSV files, rejects bad rows,
 * resolves labels, reads image headers (ahead, on a few I/O threads: {@link ProbeAhead}), builds
 * quads and hands them in batches to the writer. Owns the load's counters until it finishes.
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
    Batcher sink = new Batcher(queue, stats);
    try (Rejects rejects = new Rejects(request.reportDir().resolve("rejects.tsv"));
        ProbeAhead probes = new ProbeAhead(request.probeImages(), imageQuads(sink))) {
      long bytesBefore = 0;
      for (Path file : inputs) {
        long consumed = parseFile(file, sink, rejects, probes, bytesBefore);
        bytesBefore += consumed;
        // an image's quads are written before the next file's rows can refer to it
        probes.finish();
      }
      sink.flush();
      Batcher.put(queue, END);
    } catch (Throwable e) {
      failure.compareAndSet(null, e);
    }
  }

  /**
   * Parses one CSV file; returns the bytes it had. A file that cannot be opened or read is bad
   * input naming the file ({@link Code#INPUT_MISSING}), not a write failure.
   */
  private long parseFile(
      Path file, Batcher sink, Rejects rejects, ProbeAhead probes, long bytesBefore)
      throws IOException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    try (in;
        CsvReader csv = new CsvReader(in)) {
      return parseRecords(file, csv, sink, rejects, probes, bytesBefore);
    } catch (UncheckedIOException e) {
      throw unreadable(file, e.getCause());
    }
  }

  private static GraphException unreadable(Path file, IOException e) {
    return new GraphException(
        Code.INPUT_MISSING, "cannot read the input file " + file + ": " + e, e);
  }

  private long parseRecords(
      Path file, CsvReader csv, Batcher sink, Rejects rejects, ProbeAhead probes, long bytesBefore)
      throws IOException {
    String name = file.getFileName().toString();
    String split = LoadRequest.split(file);
    long[] counts = stats.perFile.computeIfAbsent(name, k -> new long[3]);
    boolean concept = split.equals("concept");
    RowParser parser = parser(name, csv.next(), concept, split);
    CsvRecord rec;
    while ((rec = csv.next()) != null) {
      if (Thread.currentThread().isInterrupted()) {
        throw new GraphException(Code.LOAD_FAILED, "the load was interrupted");
      }
      counts[0]++;
      stats.rows.incrementAndGet();
      stats.bytes.set(bytesBefore + csv.bytesRead());
      RowParser.Result r = rec.problem() == null ? parser.parse(rec) : null;
      String problem = r == null ? rec.problem() : r.problem();
      if (problem != null) {
        counts[2]++;
        stats.reject(name, rec.line(), problem);
        rejects.add(
            name,
            rec.line(),
            problem,
            rec.raw() != null ? rec.raw() : String.join(",", rec.fields()));
        continue;
      }
      counts[1]++;
      accept(r.row(), concept, sink, probes);
    }
    return csv.bytesRead();
  }

  /** The parser for a file's rows, from its header (which must be a known column set). */
  private static RowParser parser(String name, CsvRecord header, boolean concept, String split) {
    if (header == null) {
      throw new GraphException(Code.CSV_HEADER, name + ": empty file, no header row");
    }
    if (header.isRejected()) {
      throw new GraphException(
          Code.CSV_HEADER, name + ": line 1: unreadable header: " + header.problem());
    }
    Map<String, Integer> columns =
        concept
            ? Derm1mColumns.index(name, header.fields(), Derm1mColumns.CONCEPT_REQUIRED, false)
            : Derm1mColumns.index(
                name, header.fields(), java.util.Set.copyOf(Derm1mColumns.MAIN), true);
    return new RowParser(split, columns, header.fields().size());
  }

  /** An image's own quads (type, file name, header facts), once its header is read. */
  private ProbeAhead.Ready imageQuads(Batcher sink) {
    return (img, filename, info) -> {
      stats.countImage(filename, info);
      quads.image(img, filename, info, sink);
    };
  }

  private void accept(Derm1mRow row, boolean concept, Batcher sink, ProbeAhead probes) {
    String iri = QuadBuilder.imageIri(row.filename());
    Node img = NodeFactory.createURI(iri);
    sink.image(img);
    if (concept && !stats.images.contains(row.filename())) {
      stats.conceptRowsForUnknownImages++;
      return;
    }
    if (!concept && stats.images.add(row.filename())) {
      probes.submit(img, row.filename(), request.dataset().resolve(row.filename()));
    }
    ParsedLabel label =
        row.hierarchicalLabel().or(row::diseaseLabel).map(labels::parse).orElse(null);
    stats.countLabel(label);
    stats.countValues(row, labels);
    String caption = quads.row(img, row, label, sink);
    if (caption != null) {
      stats.captions.add(Long.parseUnsignedLong(QuadBuilder.captionKey(caption), 16));
    }
  }
}
