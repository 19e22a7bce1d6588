package org.dermkg.server.cli;

import java.io.PrintWriter;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derm restore}: a backup into the store, checked, switched atomically. */
@Command(
    name = "restore",
    description = {
      "Restore a backup written by derm backup. The file is checked against its manifest (SHA-256), loaded into a",
      "new generation of the store and checked again (quads per graph); only then does the store switch to it,",
      "atomically, and the previous data is deleted. A failed or killed restore leaves the store as it was.",
      "A store that holds images is only replaced with --force. Exit 0 restored, 2 bad input or failure."
    },
    mixinStandardHelpOptions = true)
final class RestoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "The backup (.nq.gz).")
  Path file;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Store directory (default: derm-data/store, DERM_STORE); created when absent.")
  String store;

  @Option(names = "--force", description = "Replace a store that holds images.")
  boolean force;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DermConfig config = DermConfig.load();
    Path dir = config.path(Key.STORE, store);
    PrintWriter w = spec.commandLine().getOut();
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new GraphException(GraphException.Code.INPUT_MISSING, "no backup file " + file);
    }
    StoreBackup.Result r;
    try (DermStore s = DermStore.open(dir)) {
      long images = s.imageCount();
      if (images > 0 && !force) {
        throw new GraphException(
            GraphException.Code.BAD_ARGUMENT,
            "the store "
                + dir
                + " holds "
                + images
                + " images; give --force to replace them with the backup (or back them up first)");
      }
      try (ProgressBar bar = Progress.bar("restore", -1, " quads", 1)) {
        r = StoreBackup.restore(s, file, bar::stepTo);
      }
      w.printf(
          "restored: %,d quads in %d graphs (%,d images), %.1f s, from %s into %s (%s)%n",
          r.quads(), r.graphs().size(), s.imageCount(), r.seconds(), file, dir, s.generation());
    }
    w.flush();
    return 0;
  }
}
