package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import org.dermkg.embeddings.embed.ImageEmbedder;
import org.dermkg.embeddings.embed.TextEmbedder;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.model.ModelConfig;
import org.dermkg.embeddings.model.ParityCheck;
import org.dermkg.embeddings.vectors.ParquetVectors;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.embeddings.vectors.VectorImport;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.graph.store.DermStore;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import org.dermkg.zeroshot.similar.StoreVectorImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code derm embed}: image embeddings of a loaded dataset, linked in the graph. */
@Command(
    name = "embed",
    description = {
      "Compute the image embeddings of every image in the store with an exported CLIP model (batched; decoding",
      "runs beside the model; progress with images/s; resumable: run it again to continue). Writes",
      "EMBEDDINGS/<slug>/images.f32 + images.ids (+ images.skipped.tsv for images that cannot be read) and links",
      "each image to its vector row in the embeddings graph. With --import: vectors computed elsewhere",
      "(NumPy .npy + --ids, Parquet, or a vector file) instead, checked (ids, dimension, NaN/inf, zero vectors;",
      "refused rows listed),",
      "appended and linked the same way. Exit 2 on a bad model, store, data folder or import file."
    },
    mixinStandardHelpOptions = true)
final class EmbedCommand implements Callable<Integer> {
  @Option(names = "--store", paramLabel = "DIR", description = "Store directory (DERM_STORE).")
  String store;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Dataset folder with the image tree (DERM_DATA).")
  String data;

  @Option(
      names = "--batch",
      paramLabel = "N",
      defaultValue = "32",
      description = "Images per model call (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Decoding threads (default: cores, at least 1).")
  Integer workers;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N images (by IRI).")
  Integer limit;

  @Option(names = "--gpu", description = "Run on the first GPU when the CUDA natives are present.")
  boolean gpu;

  @Option(
      names = "--check",
      description =
          "Only check the model against its export's parity.json (token ids exact, text embeddings within 1e-4).")
  boolean check;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description =
          "Embed a benchmark dataset's images instead of Derm1M's (derm load --dataset; --data is its folder) into EMBEDDINGS/<slug>/dataset-<name>.f32, for derm concepts --evaluate --dataset.")
  String dataset;

  @Option(
      names = "--captions",
      description =
          "Embed every caption of the store with the text tower instead of images (EMBEDDINGS/<slug>/captions.f32, resumable), for cross-modal retrieval.")
  boolean captions;

  @Option(
      names = "--prompts",
      paramLabel = "FILE",
      description =
          "Embed a prompt set (derm prompts JSON) instead of images: per-prompt vectors and class weights.")
  Path prompts;

  @Option(
      names = "--import",
      paramLabel = "FILE",
      description =
          "Import vectors computed elsewhere instead of embedding: a NumPy .npy (float32 or float16, rows x dim, C order) with --ids; Parquet (a .parquet file or a folder of part files: an id column and a list<float|double> vector column, as the Spark job, pyarrow or pandas write it); or a vector file NAME.f32 with NAME.ids beside it.")
  Path importFile;

  @Option(
      names = "--ids",
      paramLabel = "FILE",
      description =
          "With --import: the vectors' ids in row order, one per line, or a CSV with a filename (or id) column; an id is an image's file name in the dataset or its IRI.")
  Path idFile;

  @Option(
      names = "--id-column",
      paramLabel = "NAME",
      description =
          "With a Parquet --import: the id column (default: the first of filename, id, image, image_id, file_name, path).")
  String idColumn;

  @Option(
      names = "--vector-column",
      paramLabel = "NAME",
      description =
          "With a Parquet --import: the vector column (default: the first of vector, embedding, embeddings, features).")
  String vectorColumn;

  @Option(
      names = "--dim",
      paramLabel = "N",
      description =
          "With --import, when the model is not here: the vectors' dimension (default: the model's config.json).")
  Integer dim;

  @Option(
      names = "--model-id",
      paramLabel = "ID",
      description =
          "With --import and --dim: where the vectors' model came from (recorded in the graph).")
  String modelId;

  @Mixin ModelOptions models;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    DermConfig config = DermConfig.load();
    PrintWriter o = spec.commandLine().getOut();
    Path modelDir = models.modelDir(config);
    if (check) {
      return check(modelDir, o);
    }
    if (prompts != null) {
      return embedPrompts(modelDir, models.dir(config), o);
    }
    if (captions) {
      return embedCaptions(config, modelDir, o);
    }
    if (dataset != null) {
      return embedDataset(config, modelDir, o);
    }
    if (importFile != null) {
      return importVectors(config, modelDir, o);
    }
    return embedImages(config, modelDir, o);
  }

  /** The vector file of a benchmark dataset's images for a model's folder. */
  static Path datasetVectors(Path modelFolder, String name) {
    return modelFolder.resolve("dataset-" + ModelOptions.slugOf(Path.of(name)));
  }

  /** A benchmark dataset's images, embedded (resuming) into the model's file for the dataset. */
  private int embedDataset(DermConfig config, Path modelDir, PrintWriter o) {
    Path dataDir = config.path(Key.DATA, data).toAbsolutePath().normalize();
    Path base = datasetVectors(models.dir(config), dataset);
    try (ClipModel clip = ClipModel.load(modelDir, gpu);
        DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      List<ImageEmbedder.Item> items = new ArrayList<>();
      for (var i : org.dermkg.graph.datasets.DatasetImages.read(s, dataset)) {
        items.add(new ImageEmbedder.Item(i.iri(), inside(dataDir, i.file())));
      }
      o.printf("derm embed: %d images of dataset %s -> %s%n", items.size(), dataset, base);
      o.flush();
      ImageEmbedder.Report r = embed(clip, items, base);
      o.printf(
          Locale.ROOT,
          "derm embed: %d embedded, %d already there, %d skipped; %.1f images/s%n",
          r.embedded(),
          r.alreadyDone(),
          r.skipped(),
          r.imagesPerSecond());
      o.flush();
    }
    return 0;
  }

  /** Every caption of the store through the text tower, into the model's captions file. */
  private int embedCaptions(DermConfig config, Path modelDir, PrintWriter o) {
    Path base = models.dir(config).resolve("captions");
    try (ClipModel clip = ClipModel.load(modelDir, gpu);
        DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      List<org.dermkg.zeroshot.retrieval.Captions.Caption> caps =
          org.dermkg.zeroshot.retrieval.Captions.read(s);
      o.printf("derm embed --captions: %d captions of %s -> %s%n", caps.size(), s.dir(), base);
      o.flush();
      org.dermkg.zeroshot.retrieval.CaptionEmbedder.Report r;
      try (me.tongfei.progressbar.ProgressBar bar =
          Progress.bar("captions", caps.size(), " captions", 1)) {
        r =
            org.dermkg.zeroshot.retrieval.CaptionEmbedder.run(
                clip::encodeTexts,
                clip.config().embedDim(),
                caps,
                base,
                batch,
                (done, total) -> bar.stepTo(caps.size() - total + done));
      }
      o.printf(
          Locale.ROOT,
          "derm embed --captions: %d embedded, %d already there; %.1f captions/s%n",
          r.embedded(),
          r.alreadyThere(),
          r.captionsPerSecond());
      o.flush();
      // the search index, so that derm serve only opens it
      org.dermkg.zeroshot.similar.StoreSimilarity.openCaptions(
              base, ModelOptions.indexParams(config))
          .close();
    }
    return 0;
  }

  /** Every image of the store, embedded (resuming), then linked. */
  private int embedImages(DermConfig config, Path modelDir, PrintWriter o) {
    Path dataDir = config.path(Key.DATA, data).toAbsolutePath().normalize();
    String name = models.slug(config);
    Path base = models.images(config);
    try (ClipModel clip = ClipModel.load(modelDir, gpu);
        DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      List<ImageEmbedder.Item> items = items(s, dataDir);
      o.printf(
          "derm embed: %d images of %s with %s (%s, %s) -> %s%n",
          items.size(), s.dir(), clip.config().modelId(), clip.device(), name, base);
      o.flush();
      ImageEmbedder.Report r = embed(clip, items, base);
      List<String> rows = VectorFile.readIds(base);
      EmbeddingLinks.link(
          s,
          new EmbeddingLinks.ModelRef(
              name, clip.config().modelId(), clip.config().embedDim(), base),
          rows);
      o.printf(
          Locale.ROOT,
          "derm embed: %d embedded, %d already there, %d skipped (see %s.skipped.tsv); %.1f images/s; %d images linked%n",
          r.embedded(),
          r.alreadyDone(),
          r.skipped(),
          base.getFileName(),
          r.imagesPerSecond(),
          rows.size());
      o.flush();
      return 0;
    }
  }

  /** {@code --import}: vectors from elsewhere, checked, appended and linked. */
  private int importVectors(DermConfig config, Path modelDir, PrintWriter o) {
    EmbeddingLinks.ModelRef model = importTarget(config, modelDir);
    Path rejects = model.vectorFile().resolveSibling("images.import-rejects.tsv");
    try (VectorImport.Source source = importSource(model);
        DermStore s = DermStore.open(config.path(Key.STORE, store))) {
      o.printf(
          "derm embed --import: %s -> %s (%s, %d dimensions)%n",
          source.describe(), model.vectorFile(), model.modelId(), model.dimension());
      o.flush();
      StoreVectorImport.Result r;
      try (ProgressBar bar = Progress.bar("import", source.rows(), " rows", 1)) {
        r =
            StoreVectorImport.run(
                s,
                source,
                model,
                rejects,
                (pass, done, total) -> {
                  bar.setExtraMessage(" " + pass);
                  bar.stepTo(done);
                });
      }
      print(r, o);
      return 0;
    }
  }

  /**
   * What --import names: a vector file, Parquet, or a .npy with --ids; checked before the model.
   */
  private VectorImport.Source importSource(EmbeddingLinks.ModelRef model) {
    boolean f32 = importFile.getFileName().toString().endsWith(".f32");
    boolean parquet = !f32 && ParquetVectors.isParquet(importFile);
    if ((f32 || parquet) == (idFile != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          f32
              ? "a .f32 vector file has its ids beside it (NAME.ids): no --ids"
              : parquet
                  ? "Parquet holds its ids in a column (--id-column): no --ids"
                  : "--import of a .npy needs --ids FILE (the vectors' ids in row order)");
    }
    if (!parquet && (idColumn != null || vectorColumn != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--id-column and --vector-column are for a Parquet --import");
    }
    if (parquet) {
      return ParquetVectors.open(
          importFile, new ParquetVectors.Columns(idColumn, vectorColumn), model.modelId());
    }
    return f32 ? VectorImport.vectorFile(importFile) : VectorImport.npy(importFile, idFile);
  }

  private static void print(StoreVectorImport.Result r, PrintWriter o) {
    VectorImport.Report rep = r.report();
    o.printf(
        Locale.ROOT,
        "derm embed --import: %d imported, %d already there, %d refused%s in %.1f s; %d images linked%n",
        rep.imported(),
        rep.alreadyThere(),
        rep.rejectedCount(),
        rep.rejectsFile().map(f -> " (see " + f + ")").orElse(""),
        rep.seconds(),
        r.linked());
    rep.rejected().forEach((why, n) -> o.printf("    refused %7d  %s%n", n, why));
    o.flush();
  }

  /** The model the imported vectors belong to: --dim/--model-id, else the model's config. */
  private EmbeddingLinks.ModelRef importTarget(DermConfig config, Path modelDir) {
    String slug = models.slug(config);
    Path base = models.images(config);
    if (dim != null) {
      if (dim < 1 || dim > 65536) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--dim must be between 1 and 65536, was " + dim);
      }
      return new EmbeddingLinks.ModelRef(slug, modelId != null ? modelId : slug, dim, base);
    }
    ModelConfig c = ModelConfig.read(modelDir);
    return new EmbeddingLinks.ModelRef(slug, c.modelId(), c.embedDim(), base);
  }

  /** {@code --check}: the model's token ids and text embeddings against its parity file. */
  private int check(Path modelDir, PrintWriter o) {
    try (ClipModel clip = ClipModel.load(modelDir, gpu)) {
      ParityCheck.Result r = ParityCheck.run(clip, modelDir);
      o.printf(
          Locale.ROOT,
          "derm embed --check: %d texts, token ids %s, largest text embedding difference %.2e -> %s%n",
          r.texts(),
          r.idsMatch() ? "identical" : "DIFFERENT",
          r.maxAbsDiff(),
          r.passed(1e-4) ? "PASS" : "FAIL");
      r.problems().forEach(o::println);
      o.flush();
      return r.passed(1e-4) ? 0 : 1;
    }
  }

  /** The store's image files (the first {@code --limit}), inside the data folder. */
  private List<ImageEmbedder.Item> items(DermStore s, Path dataDir) {
    List<EmbeddingLinks.ImageFile> images = EmbeddingLinks.images(s);
    if (limit != null) {
      images = images.subList(0, Math.min(limit, images.size()));
    }
    List<ImageEmbedder.Item> items = new ArrayList<>(images.size());
    for (EmbeddingLinks.ImageFile f : images) {
      items.add(new ImageEmbedder.Item(f.iri(), inside(dataDir, f.filename())));
    }
    return items;
  }

  private ImageEmbedder.Report embed(ClipModel clip, List<ImageEmbedder.Item> items, Path base) {
    int threads =
        workers != null ? workers : Math.max(1, Runtime.getRuntime().availableProcessors());
    try (ProgressBar bar = Progress.bar("embed", items.size(), " img", 1)) {
      return ImageEmbedder.run(
          clip,
          items,
          base,
          batch,
          threads,
          (done, total) -> {
            bar.maxHint(total);
            bar.stepTo(done);
          });
    }
  }

  private int embedPrompts(Path modelDir, Path dir, PrintWriter o) {
    TextEmbedder.PromptSet set = TextEmbedder.read(prompts);
    String stem =
        set.hash().startsWith("sha256:")
            ? "prompts-" + set.hash().substring(7, 23)
            : "prompts-" + ModelOptions.slugOf(prompts);
    try (ClipModel clip = ClipModel.load(modelDir, gpu)) {
      TextEmbedder.Report r = TextEmbedder.run(clip, set, dir.resolve(stem), batch);
      o.printf(
          Locale.ROOT,
          "derm embed: %d prompts of %d classes in %.1f s (%.0f prompts/s) -> %s, %s%n",
          r.prompts(),
          r.classes(),
          r.seconds(),
          r.prompts() / Math.max(r.seconds(), 1e-9),
          VectorFile.vectors(r.classVectors()),
          VectorFile.vectors(r.promptVectors()));
      o.flush();
      return 0;
    }
  }

  /** The image file of a dataset-relative name, refusing names that leave the dataset folder. */
  static Path inside(Path dataDir, String filename) {
    Path p = dataDir.resolve(filename).normalize();
    if (!p.startsWith(dataDir)) {
      throw new IllegalArgumentException("image file name leaves the dataset folder: " + filename);
    }
    return p;
  }
}
