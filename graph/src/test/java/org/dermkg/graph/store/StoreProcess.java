package org.dermkg.graph.store;

import java.nio.file.Path;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;

/**
 * A separate process for the store tests here and in the server module: {@code load STORE DATASET
 * REPORTS} loads and prints "rows N" as it goes; {@code hold STORE} opens the store, prints "open"
 * and waits; {@code restore STORE FILE} restores a backup, printing "quads N" as it goes.
 */
public final class StoreProcess {
  private StoreProcess() {}

  /** Starts this class in a JVM of its own on the test class path. */
  public static Process start(String... args) throws java.io.IOException {
    java.util.List<String> cmd =
        new java.util.ArrayList<>(
            java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreProcess.class.getName()));
    cmd.addAll(java.util.List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /**
   * Waits until the process prints a line starting with {@code prefix} meeting {@code enough};
   * fails when it prints "done" or ends first (it finished before it could be interrupted).
   */
  public static void await(Process p, String prefix, java.util.function.Predicate<String> enough)
      throws java.io.IOException {
    java.io.BufferedReader r =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = r.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.startsWith(prefix) && enough.test(line)) {
        return;
      }
      if (line.equals("done")) {
        throw new AssertionError("finished before it could be interrupted:\n" + seen);
      }
    }
    throw new AssertionError("the process ended before printing " + prefix + ":\n" + seen);
  }

  /** SIGKILL (on Linux: no shutdown hooks, no finally blocks) and wait for the end. */
  public static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
      throw new AssertionError("the killed process did not end");
    }
  }

  public static void main(String[] args) throws InterruptedException {
    try (DermStore store = DermStore.open(Path.of(args[1]))) {
      if (args[0].equals("hold")) {
        System.out.println("open");
        System.out.flush();
        Thread.sleep(600_000);
        return;
      }
      if (args[0].equals("restore")) {
        StoreBackup.restore(
            store,
            Path.of(args[2]),
            n -> {
              System.out.println("quads " + n);
              System.out.flush();
            });
        System.out.println("done");
        return;
      }
      LoadListener print =
          new LoadListener() {
            private long last;

            @Override
            public void progress(long bytes, long rows, long quads) {
              if (rows - last >= 500) {
                last = rows;
                System.out.println("rows " + rows);
                System.out.flush();
              }
            }
          };
      LoadRequest r =
          LoadRequest.of(Path.of(args[2]), Path.of(args[3]))
              .withValidation(false)
              .withImageProbing(false);
      Derm1mLoader.load(store, OntologySnapshot.shipped(), r, print);
      System.out.println("done");
    }
  }
}
