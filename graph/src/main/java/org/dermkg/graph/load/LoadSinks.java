package org.dermkg.graph.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.progress.MonitorOutput;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.dermkg.graph.store.DermStore;

/** Where a load's quads go. */
final class LoadSinks {
  private LoadSinks() {}

  /** Where the quads go: one transaction of a store, or a file. */
  interface Sink {
    StreamRDF start() throws IOException;

    void commit() throws IOException;

    void abort(Exception e);
  }

  /** TDB2's sequential loader: one write transaction, crash-safe. */
  static final class StoreSink implements Sink {
    private final DataLoader loader;

    StoreSink(DatasetGraph dsg) {
      MonitorOutput quiet = (fmt, args) -> {};
      this.loader = LoaderFactory.sequentialLoader(dsg, quiet);
    }

    @Override
    public StreamRDF start() {
      loader.startBulk();
      return loader.streamRDF();
    }

    @Override
    public void commit() {
      loader.finishBulk();
    }

    @Override
    public void abort(Exception e) {
      loader.finishException(e);
    }
  }

  /**
   * A bulk load into a new store generation with TDB2's parallel loader (every index built on its
   * own thread; measured faster than the phased loader here even on two cores, see bench/load.sh) —
   * not crash-safe in place, hence the separate generation. The current generation's graphs are
   * carried over (its ontology graph only when it stays).
   */
  static final class BulkSink implements Sink {
    private final DermStore store;
    private final boolean replaceOntology;
    private DermStore.Bulk bulk;
    private DataLoader loader;

    BulkSink(DermStore store, boolean replaceOntology) {
      this.store = store;
      this.replaceOntology = replaceOntology;
    }

    @Override
    public StreamRDF start() {
      bulk = store.beginBulk();
      MonitorOutput quiet = (fmt, args) -> {};
      loader = LoaderFactory.parallelLoader(bulk.dataset(), quiet);
      loader.startBulk();
      StreamRDF out = loader.streamRDF();
      DatasetGraph current = store.dataset();
      org.apache.jena.system.Txn.executeRead(
          current,
          () ->
              current
                  .find()
                  .forEachRemaining(
                      q -> {
                        if (!(replaceOntology && q.getGraph().equals(DermStore.ONTOLOGY_GRAPH))) {
                          out.quad(q);
                        }
                      }));
      return out;
    }

    @Override
    public void commit() {
      loader.finishBulk();
      bulk.commit();
    }

    @Override
    public void abort(Exception e) {
      try {
        if (loader != null) {
          loader.finishException(e);
        }
      } catch (RuntimeException ignored) {
        // the generation is thrown away anyway
      } finally {
        if (bulk != null) {
          bulk.abort();
        }
      }
    }
  }

  /** N-Quads to a file (for the loader comparison). */
  static final class FileSink implements Sink {
    private final Path file;
    private java.io.OutputStream os;
    private StreamRDF writer;

    FileSink(Path file) {
      this.file = file;
    }

    @Override
    public StreamRDF start() throws IOException {
      os = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
      writer =
          org.apache.jena.riot.system.StreamRDFWriter.getWriterStream(
              os, org.apache.jena.riot.RDFFormat.NQUADS);
      writer.start();
      return writer;
    }

    @Override
    public void commit() throws IOException {
      writer.finish();
      os.close();
    }

    @Override
    public void abort(Exception e) {
      try {
        if (os != null) {
          os.close();
        }
      } catch (IOException ignored) {
        // the export failed anyway
      }
    }
  }
}
