package org.dermkg.server.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.dermkg.embeddings.embed.ImageEmbedder;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.graph.FixtureDataset;
import org.dermkg.graph.demo.DemoGenerator;
import org.dermkg.graph.embed.EmbeddingLinks;
import org.dermkg.graph.load.Derm1mLoader;
import org.dermkg.graph.load.LoadListener;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.zeroshot.model.LazyModel;
import org.dermkg.zeroshot.similar.StoreSimilarity;

/**
 * A real store (TDB2 on disk in a temp folder) loaded with a small Derm1M dataset (the committed
 * fixture, or a generated one of a given size) through the real loader, shared by the server tests;
 * plus a plain java.net.http client.
 */
final class ServedStore implements AutoCloseable {
  static final HttpClient HTTP = HttpClient.newHttpClient();

  final Path dir;
  final DermStore store;

  /** The tiny model, shared by similarity and classification like derm serve does; closed last. */
  final LazyModel tiny = new LazyModel(TINY);

  private ServedStore(Path dir, DermStore store) {
    this.dir = dir;
    this.store = store;
  }

  /**
   * A store loaded with a copy of the committed fixture dataset ({@link FixtureDataset}, {@code
   * ../graph/src/test/resources/fixtures/derm1m-mini}) in {@code dir/demo}.
   */
  static ServedStore create() throws IOException {
    Path dir = Files.createTempDirectory("derm-served");
    FixtureDataset.copyTo(dir.resolve("demo"));
    return load(dir);
  }

  /**
   * A store loaded with a dataset of {@code images} images generated in {@code dir/demo}, for the
   * tests whose load depends on the size of the data (soak and flood tests).
   */
  static ServedStore generated(int images) throws IOException {
    Path dir = Files.createTempDirectory("derm-served");
    DemoGenerator.generate(
        new DemoGenerator.Options(dir.resolve("demo"), images, 7, 2.5, true),
        OntologySnapshot.shipped(),
        n -> {});
    return load(dir);
  }

  private static ServedStore load(Path dir) {
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    Path data = dir.resolve("demo");
    DermStore store = DermStore.open(dir.resolve("store"));
    Derm1mLoader.load(
        store,
        snapshot,
        LoadRequest.of(data, dir.resolve("reports")).withValidation(false),
        LoadListener.NONE);
    return new ServedStore(dir, store);
  }

  /** The tiny TorchScript CLIP of the embeddings module's test fixtures. */
  static final Path TINY = Path.of("../embeddings/src/test/resources/fixtures/tiny-clip");

  /**
   * Embeds every image of the store with the tiny model and puts the resulting similarity source in
   * the dataset's context (for dkg:similarTo, /api/similar); the caller closes it.
   */
  StoreSimilarity embedTiny() throws IOException {
    StoreSimilarity similarity = embed(TINY, "tiny-clip", tiny);
    store.dataset().getContext().set(SimilaritySource.SYMBOL, similarity);
    return similarity;
  }

  /**
   * Embeds every image of the store with the model of {@code modelDir} into {@code
   * dir/emb/<slug>/images} and opens its similarity source over {@code lazy} (not put in the
   * dataset's context); the caller closes it.
   */
  StoreSimilarity embed(Path modelDir, String slug, LazyModel lazy) throws IOException {
    Path base = dir.resolve("emb").resolve(slug).resolve("images");
    List<ImageEmbedder.Item> items = new ArrayList<>();
    for (EmbeddingLinks.ImageFile f : EmbeddingLinks.images(store)) {
      items.add(new ImageEmbedder.Item(f.iri(), dir.resolve("demo").resolve(f.filename())));
    }
    try (ClipModel model = ClipModel.load(modelDir, false)) {
      ImageEmbedder.run(model, items, base, 16, 2, (d, t) -> {});
      // the captions too, for caption search and retrieval
      org.dermkg.zeroshot.retrieval.CaptionEmbedder.run(
          model::encodeTexts,
          model.config().embedDim(),
          org.dermkg.zeroshot.retrieval.Captions.read(store),
          base.resolveSibling("captions"),
          32,
          (d, t) -> {});
    }
    return StoreSimilarity.open(store.dataset(), base, lazy).orElseThrow();
  }

  /**
   * Runs derm concepts' library on the tiny model's vectors ({@link #embedTiny} first): every
   * concept of the shipped ontology scored, predictions at z >= 1.5 (top 3) in the tiny model's
   * predicted-concepts graph.
   */
  void predictConcepts() {
    store.dataset().getContext().set(org.apache.jena.tdb2.TDB2.symUnionDefaultGraph, true);
    var concepts =
        org.dermkg.zeroshot.concepts.ConceptVocabulary.read(
            store.dataset(), org.dermkg.ontology.vocab.Derm.CONCEPT_ROOT);
    try (ClipModel model = ClipModel.load(TINY, false)) {
      var scorer =
          org.dermkg.zeroshot.concepts.ConceptScorer.build(concepts, model::encodeTexts, "tiny");
      org.dermkg.zeroshot.concepts.ConceptRun.run(
          store,
          "tiny-clip",
          "tiny-clip",
          scorer,
          org.dermkg.embeddings.vectors.VectorFile.read(dir.resolve("emb/tiny-clip/images")),
          new org.dermkg.zeroshot.concepts.ConceptRun.Options(
              org.dermkg.ontology.vocab.Derm.CONCEPT_ROOT, 1.5, 3, false, 1000),
          new org.dermkg.zeroshot.concepts.ConceptRun.Listener() {
            @Override
            public void start(long rows) {}

            @Override
            public void progress(long rows) {}
          });
    }
  }

  /** An image file of the demo dataset. */
  Path anImage() {
    return dir.resolve("demo").resolve(EmbeddingLinks.images(store).get(0).filename());
  }

  /** Where {@link #loadPad} writes its dataset: served under /dataset-images/PAD-UFES-20/. */
  Path padDir() {
    return dir.resolve("pad");
  }

  /**
   * Loads a three-image PAD-UFES-20 layout (melanoma on Fitzpatrick V, two nevi; a.png and b.png as
   * real PNG files in imgs_part_1, c.png missing) into the store, through the real dataset reader
   * and import.
   */
  void loadPad() throws IOException {
    Path pad = Files.createDirectories(padDir().resolve("imgs_part_1"));
    Files.writeString(
        padDir().resolve("metadata.csv"),
        "patient_id,lesion_id,fitspatrick,region,diagnostic,img_id,biopsed\n"
            + "P1,1,5.0,BACK,MEL,a.png,True\nP2,2,2.0,ARM,NEV,b.png,False\n"
            + "P3,3,,FACE,NEV,c.png,False\n");
    for (String name : List.of("a.png", "b.png")) {
      java.awt.image.BufferedImage img =
          new java.awt.image.BufferedImage(24, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
      img.setRGB(3, 3, name.equals("a.png") ? 0x553322 : 0xcc9988);
      javax.imageio.ImageIO.write(img, "png", pad.resolve(name).toFile());
    }
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    org.dermkg.graph.datasets.DatasetRead read =
        org.dermkg.graph.datasets.DatasetLayouts.of("PAD-UFES-20", Optional.empty()).read(padDir());
    new org.dermkg.graph.datasets.DatasetImport(snapshot)
        .write(
            store,
            read,
            new org.dermkg.graph.datasets.DatasetLabels(
                    snapshot, org.dermkg.ontology.OntologySource.shipped().mappings())
                .resolve(read));
  }

  /** A server with the tiny model for classification and the demo images under /images/. */
  DermServer serveWithTinyModel() {
    return serveWithTinyModel(ServeSettings.defaults());
  }

  DermServer serveWithTinyModel(ServeSettings settings) {
    return DermServer.start(
        store.dataset(),
        settings,
        new ModelSettings(tiny, dir.resolve("cache"), 1 << 20, Optional.of(dir.resolve("demo")))
            .withDatasetImages(Map.of("PAD-UFES-20", padDir())),
        Map.of());
  }

  DermServer serve(ServeSettings settings) {
    return DermServer.start(store.dataset(), settings, Map.of("store", dir.toString()));
  }

  @Override
  public void close() throws IOException {
    store.close();
    tiny.close();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static HttpResponse<String> get(String url, String accept) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
    if (accept != null) {
      b.header("Accept", accept);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> post(String url, String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
