package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadReport;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm load}: a Derm1M dataset into the TDB2 store. */
@Command(
    name = "load",
    description = {
      "Load a dataset in the Derm1M release layout into the TDB2 store (one transaction: a failed or killed load leaves",
      "the previous state; re-running adds no duplicates), then check it with the SHACL shapes. Bad rows go to",
      "rejects.tsv and the load goes on. Without --data and with no dataset at the configured folder, the demo dataset",
      "is generated there first. With --dataset (or --mapping), a benchmark dataset in its published layout instead",
      "(HAM10000, Fitzpatrick17k, PAD-UFES-20, DDI, Derm7pt; auto: found from the folder's files), written beside the",
      "others in its own graph. Exit 0 loaded (and conforms), 1 loaded with SHACL violations, 2 bad input or failure."
    },
    mixinStandardHelpOptions = true)
final class LoadCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset folder (default: derm-data/demo, DERM_DATA).")
  String data;

  @Option(
      names = "--store",
      paramLabel = "DIR",
      description = "Store directory (default: derm-data/store, DERM_STORE).")
  String store;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Report folder (default: derm-data/reports, DERM_REPORTS).")
  String report;

  @Option(
      names = "--no-images",
      description = "Do not read image files (faster; every image is recorded as missing).")
  boolean noImages;

  @Option(names = "--no-validate", description = "Skip the SHACL check after the load.")
  boolean noValidate;

  @Option(
      names = "--min-free",
      paramLabel = "MiB",
      defaultValue = "16",
      description =
          "Free space to keep on the store's disk: the load refuses to start with less, and stops"
              + " (committing nothing) when the free space falls below it (default: ${DEFAULT-VALUE}).")
  long minFreeMib;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "A benchmark dataset in its published layout: HAM10000, Fitzpatrick17k, PAD-UFES-20, DDI,"
              + " Derm7pt, or auto (found from the folder's files); SkinCon adds its concept"
              + " annotations to the Fitzpatrick17k/DDI images already loaded. Needs --data.")
  String datasetName;

  @Option(
      names = "--mapping",
      paramLabel = "FILE",
      description =
          "A mapping file describing any other dataset's layout (name, metadata CSV, the file and"
              + " label columns, ...). Needs --data.")
  Path mapping;

  @Option(
      names = "--emit-nquads",
      paramLabel = "FILE",
      description =
          "Write the quads to FILE as N-Quads instead of loading (for loader comparisons).")
  Path emit;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (minFreeMib < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--min-free: the free-space reserve must be >= 0 MiB");
    }
    DermConfig config = DermConfig.load();
    PrintWriter out = spec.commandLine().getOut();
    if (datasetName != null || mapping != null) {
      return benchmark(config, out);
    }
    Path dataset = demoIfMissing(config, out);
    LoadRequest request =
        LoadRequest.of(dataset, config.path(Key.REPORTS, report))
            .withImageProbing(!noImages)
            .withValidation(!noValidate)
            .withMinFreeBytes(minFreeMib << 20);
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    LoadReport r;
    if (emit != null) {
      r = Derm1mLoader.export(snapshot, request, emit, Progress.forLoad());
    } else {
      try (DermStore s = DermStore.open(config.path(Key.STORE, store))) {
        r = Derm1mLoader.load(s, snapshot, request, Progress.forLoad());
      }
    }
    out.print(r.summary());
    out.println(
        "report: "
            + request.reportDir().resolve("load-report.json")
            + (r.rowsRejected() > 0
                ? "; rejects: " + request.reportDir().resolve("rejects.tsv")
                : ""));
    out.flush();
    return r.hasViolations() ? 1 : 0;
  }

  /** The dataset folder; the demo dataset generated there when the default folder is empty. */
  private Path demoIfMissing(DermConfig config, PrintWriter out) {
    Path dataset = config.path(Key.DATA, data);
    if (!Files.exists(dataset) && config.isDefault(Key.DATA, data)) {
      out.println(
          "derm load: no dataset at " + dataset + "; generating the demo dataset there first");
      out.flush();
      GenerateDemoCommand.generate(DemoGenerator.Options.demo(dataset));
    }
    return dataset;
  }

  /** derm load --dataset NAME / --mapping FILE: a benchmark dataset beside the others. */
  private int benchmark(DermConfig config, PrintWriter out) {
    if (data == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--dataset and --mapping need --data DIR (the dataset's folder)");
    }
    try (DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      if ("SkinCon".equalsIgnoreCase(datasetName)) {
        out.print(
            org.dermkg.graph.datasets.DatasetLoad.skinCon(
                s, OntologySnapshot.shipped(), Path.of(data)));
        out.flush();
        return 0;
      }
      org.dermkg.graph.datasets.DatasetLoad.Report r =
          org.dermkg.graph.datasets.DatasetLoad.run(
              s,
              OntologySnapshot.shipped(),
              Path.of(data),
              java.util.Optional.ofNullable(datasetName),
              java.util.Optional.ofNullable(mapping),
              config.path(Key.REPORTS, report),
              !noValidate);
      out.print(r.text());
      out.println(
          "report: " + r.reportFile() + r.rejectsFile().map(f -> "; rejects: " + f).orElse(""));
      out.flush();
      return r.hasViolations() ? 1 : 0;
    }
  }
}
