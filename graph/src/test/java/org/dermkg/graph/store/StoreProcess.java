package org.dermkg.graph.store;

import java.nio.file.Path;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;

/**
 * A separate process for {@link StoreProcessIT}: {@code load STORE DATASET REPORTS} loads and
 * prints "rows N" as it goes; {@code hold STORE} opens the store, prints "open" and waits; {@code
 * restore STORE FILE} restores a backup, printing "quads N" as it goes.
 */
public final class StoreProcess {
  private StoreProcess() {}

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
