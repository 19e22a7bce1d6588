package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.server.config.DermConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm generate-demo}: a synthetic dataset in the Derm1M release layout. */
@Command(
    name = "generate-demo",
    description = {
      "Write a synthetic dataset in exactly the Derm1M release layout (CSV files, concept.csv, an image tree of small",
      "PNG/JPEG files) with realistic labels, concepts, sentinels and quoting edge cases. --images N makes scale datasets",
      "(Derm1M scale: --images 403563 gives ~1.03M captions)."
    },
    mixinStandardHelpOptions = true)
final class GenerateDemoCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder (default: the configured data folder, derm-data/demo).")
  String out;

  @Option(
      names = "--images",
      defaultValue = "400",
      description = "Number of images (default: ${DEFAULT-VALUE}).")
  int images;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Random seed; the same options give the same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--rows-per-image",
      defaultValue = "2.55",
      description = "Mean captions (CSV rows) per image (default: ${DEFAULT-VALUE}).")
  double rowsPerImage;

  @Option(
      names = "--no-image-files",
      description = "Write only the CSVs (every image will be reported missing).")
  boolean noImages;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Path dir = DermConfig.load().path(DermConfig.Key.DATA, out);
    PrintWriter w = spec.commandLine().getOut();
    DemoGenerator.Summary s =
        generate(new DemoGenerator.Options(dir, images, seed, rowsPerImage, !noImages));
    w.printf(
        "wrote %s: %,d images (%,d files, %d missing, %d corrupt), %,d pretrain rows, %,d validation rows, %,d concept.csv rows%n",
        s.out(),
        s.images(),
        s.imageFiles(),
        s.missingImages(),
        s.corruptImages(),
        s.rows(),
        s.validationRows(),
        s.conceptRows());
    w.flush();
    return 0;
  }

  static DemoGenerator.Summary generate(DemoGenerator.Options o) {
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    try (ProgressBar bar = Progress.bar("generate", o.images(), " images", 1)) {
      return DemoGenerator.generate(o, snapshot, bar::stepTo);
    }
  }
}
