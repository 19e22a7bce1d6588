package org.dermkg.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadReport;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Guards the committed fixture dataset ({@link FixtureDataset}): it is byte for byte what {@link
 * DemoGenerator} writes today (so it cannot drift from the generator unnoticed), and it loads with
 * the documented counts and no rejected row. With {@code -Dderm.fixtures.regenerate=true} it
 * rewrites the folder first, then checks it.
 */
class FixtureDatasetTest {
  private static final String REGENERATE =
      "; if the change is intended, regenerate the fixture: ./mvnw -B -o test -pl graph -am"
          + " -Dtest=FixtureDatasetTest -Dsurefire.failIfNoSpecifiedTests=false"
          + " -Dderm.fixtures.regenerate=true (see "
          + FixtureDataset.DIR.resolve(FixtureDataset.README)
          + ")";

  @TempDir Path tmp;

  @BeforeAll
  static void regenerateWhenAsked() throws IOException {
    if (Boolean.getBoolean("derm.fixtures.regenerate")) {
      FixtureDataset.main(new String[0]);
    }
  }

  @Test
  void theCommittedFilesAreWhatTheGeneratorWritesToday() throws IOException {
    Path fresh = tmp.resolve("fresh");
    DemoGenerator.Summary s = FixtureDataset.generate(fresh);
    assertEquals(FixtureDataset.summary(fresh), s, "what the generator says it wrote" + REGENERATE);
    SortedSet<String> committed = FixtureDataset.files(FixtureDataset.DIR);
    assertEquals(FixtureDataset.files(fresh), committed, "the file names" + REGENERATE);
    for (String f : committed) {
      assertEquals(
          -1L,
          Files.mismatch(FixtureDataset.DIR.resolve(f), fresh.resolve(f)),
          f + " differs from the generator's" + REGENERATE);
    }
  }

  @Test
  void theCommittedFolderLoadsWithItsCountsAndNoRejects() throws IOException {
    Path data = FixtureDataset.copyTo(tmp.resolve("data"));
    try (DermStore store = DermStore.open(tmp.resolve("store"))) {
      LoadReport r =
          Derm1mLoader.load(
              store,
              OntologySnapshot.shipped(),
              LoadRequest.of(data, tmp.resolve("reports")),
              LoadListener.NONE);
      assertEquals(0, r.rowsRejected(), r.summary());
      assertEquals(FixtureDataset.IMAGES, r.images(), r.summary());
      assertEquals(FixtureDataset.IMAGES, store.imageCount());
      assertEquals(
          FixtureDataset.PRETRAIN_ROWS, r.files().get(LoadRequest.PRETRAIN).rows(), r.summary());
      assertEquals(
          FixtureDataset.VALIDATION_ROWS,
          r.files().get(LoadRequest.VALIDATION).rows(),
          r.summary());
      assertEquals(
          FixtureDataset.CONCEPT_ROWS, r.files().get(LoadRequest.CONCEPTS).rows(), r.summary());
      assertEquals(
          FixtureDataset.PRETRAIN_ROWS
              + FixtureDataset.VALIDATION_ROWS
              + FixtureDataset.CONCEPT_ROWS,
          r.rowsRead(),
          r.summary());
      assertEquals(FixtureDataset.MISSING_IMAGES, r.imageFiles().missing(), r.summary());
      assertEquals(FixtureDataset.UNREADABLE_IMAGES, r.imageFiles().unreadable(), r.summary());
      assertEquals(
          FixtureDataset.IMAGE_FILES - FixtureDataset.UNREADABLE_IMAGES,
          r.imageFiles().present(),
          r.summary());
      assertTrue(r.shaclResult().orElseThrow().conforms(), r.summary());
    }
  }

  @Test
  void theCommittedFolderIsSmallAndDocumented() throws IOException {
    long bytes = 0;
    for (String f : FixtureDataset.files(FixtureDataset.DIR)) {
      bytes += Files.size(FixtureDataset.DIR.resolve(f));
    }
    assertTrue(bytes < 256 * 1024, "the fixture holds " + bytes + " bytes");
    assertTrue(
        Files.readString(FixtureDataset.DIR.resolve(FixtureDataset.README))
            .contains("-Dderm.fixtures.regenerate=true"),
        "the README says how to regenerate it");
  }
}
