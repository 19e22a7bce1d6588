package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.store.DermStore;
import org.dermkg.graph.store.StoreBackup;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm backup}: a consistent snapshot of the store as gzip N-Quads with a manifest. */
@Command(
    name = "backup",
    description = {
      "Back up the TDB2 store: every quad as gzip N-Quads (one read transaction, a consistent snapshot) and a",
      "manifest beside it (<file>.json: quads per graph, SHA-256, ontology version). The store must not be open",
      "in another process; while derm serve runs, POST /admin/backup (write credentials) does the same. Exit 0",
      "written, 2 bad input or failure."
    },
    mixinStandardHelpOptions = true)
final class BackupCommand implements Callable<Integer> {
  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Store directory (default: derm-data/store, DERM_STORE).")
  String store;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Backup file (default: derm-data/backups/store-<date-time>.nq.gz).")
  Path out;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DermConfig config = DermConfig.load();
    Path dir = config.path(Key.STORE, store);
    if (!Files.isDirectory(dir)) {
      throw new GraphException(
          GraphException.Code.INPUT_MISSING, "no store at " + dir + " (run derm load first)");
    }
    Path file = out != null ? out : StoreBackup.defaultFile(dir);
    PrintWriter w = spec.commandLine().getOut();
    StoreBackup.Result r;
    try (DermStore s = open(dir)) {
      long total = s.quadCount();
      try (ProgressBar bar = Progress.bar("backup", total, " quads", 1)) {
        r = StoreBackup.backup(s, file, bar::stepTo);
      }
    }
    w.printf(
        "backup: %,d quads in %d graphs, %,d bytes, %.1f s -> %s (manifest %s)%n",
        r.quads(),
        r.graphs().size(),
        r.bytes(),
        r.seconds(),
        r.file(),
        StoreBackup.manifestOf(r.file()));
    w.println("sha256: " + r.sha256());
    w.flush();
    return 0;
  }

  /** Opens the store, pointing at the server's backup route when a running server holds it. */
  private static DermStore open(Path dir) {
    try {
      return DermStore.open(dir);
    } catch (GraphException e) {
      if (e.getMessage().contains("in use by another process")) {
        throw new GraphException(
            e.code(),
            e.getMessage()
                + "; if that is derm serve, ask it for the backup instead: curl -X POST -H"
                + " 'Authorization: Bearer <update.token>' http://127.0.0.1:3030/admin/backup",
            e);
      }
      throw e;
    }
  }
}
