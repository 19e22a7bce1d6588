package org.dermkg.graph;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real Derm1M material in ../shared, when present; tests using it skip with a message
 * otherwise.
 */
public final class SharedData {
  private SharedData() {}

  /** The 1,000 real rows of Derm1M_v2_pretrain.csv. */
  public static Path sampleCsv() {
    Path csv =
        Path.of(
            System.getProperty("derm.shared", "../shared"),
            "data/derm1m/Derm1M_v2_pretrain_sample1000.csv");
    assumeTrue(
        Files.isRegularFile(csv),
        "skipped: real Derm1M sample not present at " + csv.toAbsolutePath());
    return csv;
  }
}
