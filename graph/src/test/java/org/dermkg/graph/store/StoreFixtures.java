package org.dermkg.graph.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.graph.FixtureDataset;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;

/** What the store tests share: their two datasets, load requests and a look at generations. */
final class StoreFixtures {
  /** Images of {@code data/small}: the committed fixture dataset. */
  static final int SMALL = FixtureDataset.IMAGES;

  private StoreFixtures() {}

  /**
   * Puts {@code data/small} (a copy of the committed fixture dataset, {@link #SMALL} images) and
   * generates {@code data/big} ({@code bigImages} images: these tests need a store larger than
   * their disks, so its size is what matters).
   */
  static void generate(Path data, int bigImages, OntologySnapshot snapshot) {
    FixtureDataset.copyTo(data.resolve("small"));
    DemoGenerator.generate(
        new DemoGenerator.Options(data.resolve("big"), bigImages, 4, 2.5, false),
        snapshot,
        n -> {});
  }

  /** A load of {@code data/dataset} without SHACL or image probing (these tests time the store). */
  static LoadRequest request(Path data, String dataset, Path reports) {
    return LoadRequest.of(data.resolve(dataset), reports)
        .withValidation(false)
        .withImageProbing(false);
  }

  /** The store's generation folders, sorted by name. */
  static List<String> generations(Path store) throws IOException {
    try (Stream<Path> s = Files.list(store)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("gen-"))
          .sorted()
          .toList();
    }
  }
}
