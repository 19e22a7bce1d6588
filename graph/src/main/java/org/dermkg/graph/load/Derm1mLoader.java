package org.dermkg.graph.load;

import java.nio.file.Path;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.system.Txn;
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.DiskGuard;
import org.dermkg.ontology.OntologySnapshot;

/**
 * Loads a Derm1M dataset into a {@link DermStore}. One thread parses the CSVs, resolves labels,
 * reads image headers and builds quads; the loading thread writes them with TDB2's bulk loaders
 * inside one write transaction, which the Jena documentation lists as crash-safe: a load that fails
 * or is killed commits nothing and the store keeps its previous state. Bad rows go to rejects.tsv
 * and the load goes on. When the store holds another ontology version, its ontology graph is
 * replaced and the closure of already loaded images rebuilt, in the same transaction. After the
 * commit come the SHACL check and the report files; a failure there leaves the data committed and
 * says so (in load-report.json too).
 *
 * <p>The steps: {@link LoadInputs} (bad input), {@link WriteStage} with {@link ParseStage} (nothing
 * committed on failure), {@link AfterCommit} (the data is in).
 */
public final class Derm1mLoader {

  /** What the steps of one load share. */
  record Parts(
      DermStore store,
      OntologySnapshot snapshot,
      LoadRequest request,
      LoadListener listener,
      Path export,
      LabelIndex labels,
      DiagnosisClosure closure,
      QuadBuilder quads,
      LoadStats stats) {

    static Parts of(
        DermStore store,
        OntologySnapshot snapshot,
        LoadRequest request,
        LoadListener listener,
        Path export) {
      LabelIndex labels = new LabelIndex(snapshot);
      DiagnosisClosure closure = new DiagnosisClosure(snapshot);
      return new Parts(
          store,
          snapshot,
          request,
          listener,
          export,
          labels,
          closure,
          new QuadBuilder(labels, closure),
          new LoadStats());
    }
  }

  private Derm1mLoader() {}

  /** Loads the request into the store and returns the report (also written to the report dir). */
  public static LoadReport load(
      DermStore store, OntologySnapshot snapshot, LoadRequest request, LoadListener listener) {
    return run(Parts.of(store, snapshot, request, listener, null));
  }

  /**
   * Runs the same parsing as a load but writes the quads (ontology graph included) to an N-Quads
   * file instead of a store: the "equivalent N-Quads" that tdb2.tdbloader is timed on.
   */
  public static LoadReport export(
      OntologySnapshot snapshot, LoadRequest request, Path nquads, LoadListener listener) {
    return run(Parts.of(null, snapshot, request.withValidation(false), listener, nquads));
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
          OntologyGraph.write(snapshot, StreamRDFLib.dataset(dsg));
          if (hadImages) {
            new DiagnosisClosure(snapshot).rebuild(dsg);
          }
        });
    return true;
  }

  private static LoadReport run(Parts p) {
    long t0 = System.nanoTime();
    LoadInputs inputs = LoadInputs.of(p.request());
    ReportFiles.prepare(p.request().reportDir());
    WriteStage.Written written;
    if (p.store() == null) {
      p.listener().start(inputs.totalBytes());
      written = new WriteStage(p, null).write(inputs);
    } else {
      try (DiskGuard guard = DiskGuard.open(p.store().dir(), p.request().minFreeBytes())) {
        p.listener().start(inputs.totalBytes());
        // on a thread of the guard's group: it then sees the loader threads that die
        written = guard.run(() -> new WriteStage(p, guard).write(inputs));
      }
    }
    return AfterCommit.finish(p, written, t0);
  }
}
