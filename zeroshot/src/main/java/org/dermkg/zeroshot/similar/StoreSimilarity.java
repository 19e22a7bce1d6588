package org.dermkg.zeroshot.similar;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.embed.TextEmbedder;
import org.dermkg.embeddings.index.ExactIndex;
import org.dermkg.embeddings.index.Hit;
import org.dermkg.embeddings.index.HnswIndex;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.vectors.VectorFile;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;
import org.dermkg.sparql.pfunction.SimilaritySource;
import org.dermkg.zeroshot.model.LazyModel;

/**
 * The store's image embeddings as a {@link SimilaritySource}: the vector file derm embed wrote
 * (normalised once, in memory), its HNSW index next to it (brought up to date on open), the store
 * for "images under a class", and the model's text tower, loaded on the first text query. The model
 * is its owner's: {@link #close()} closes the index only. Subtree-filtered searches over up to
 * {@link #EXACT_BELOW} candidates are scored exactly; larger ones walk the HNSW graph restricted to
 * the candidates.
 */
public final class StoreSimilarity implements SimilaritySource, AutoCloseable {
  /** Below this many candidates a filtered search scores them all. */
  public static final int EXACT_BELOW = 20_000;

  private final DatasetGraph store;
  private final VectorFile.Loaded vectors;
  private final Map<String, Integer> rowOf = new HashMap<>();
  private final HnswIndex index;
  private final ExactIndex exact;
  private final LazyModel model;

  /** The captions' index and ids (their vectors live in the index only). */
  public record CaptionIndex(List<String> ids, HnswIndex index) implements AutoCloseable {
    @Override
    public void close() {
      index.close();
    }
  }

  private final Path captionsBase;
  private final HnswIndex.Params captionParams;
  private CaptionIndex captions; // opened on the first caption search, guarded by this

  private StoreSimilarity(
      DatasetGraph store,
      VectorFile.Loaded vectors,
      HnswIndex index,
      LazyModel model,
      Path captionsBase,
      HnswIndex.Params captionParams) {
    this.store = store;
    this.vectors = vectors;
    this.index = index;
    this.captionsBase = captionsBase;
    this.captionParams = captionParams;
    this.exact = new ExactIndex(vectors.dim(), vectors.data());
    this.model = model;
    for (int i = 0; i < vectors.size(); i++) {
      rowOf.put(vectors.ids().get(i), i);
    }
  }

  /**
   * Opens the similarity source of a vector file base path, when it exists.
   *
   * @param base {@code <embeddings>/<slug>/images}
   * @param model the model for text and image-file queries (the caller owns and closes it)
   */
  public static Optional<StoreSimilarity> open(DatasetGraph store, Path base, LazyModel model) {
    return open(store, base, model, HnswIndex.Params.defaults());
  }

  /** The same, with the index built (or extended) with {@code params}. */
  public static Optional<StoreSimilarity> open(
      DatasetGraph store, Path base, LazyModel model, HnswIndex.Params params) {
    if (!Files.isRegularFile(VectorFile.vectors(base))) {
      return Optional.empty();
    }
    VectorFile.Loaded v = VectorFile.read(base);
    HnswIndex idx =
        HnswIndex.update(
            base.resolveSibling(base.getFileName() + ".hnsw"),
            v.dim(),
            v.data(),
            params,
            (d, t) -> {});
    return Optional.of(
        new StoreSimilarity(store, v, idx, model, base.resolveSibling("captions"), params));
  }

  /**
   * The captions' vectors beside the images' ({@code captions.f32}) and their HNSW index ({@code
   * captions.hnsw}, built by derm embed --captions, extended here if behind), opened on the first
   * caption search rather than at start-up; only the index keeps the vectors.
   */
  private synchronized CaptionIndex captionIndex() {
    if (captions == null) {
      captions = openCaptions(captionsBase, captionParams);
    }
    return captions;
  }

  /** Opens (building or extending once) the captions' index of a captions vector base. */
  public static CaptionIndex openCaptions(Path base, HnswIndex.Params params) {
    VectorFile.Loaded c = VectorFile.read(base);
    HnswIndex idx =
        HnswIndex.update(
            base.resolveSibling(base.getFileName() + ".hnsw"),
            c.dim(),
            c.data(),
            params,
            (d, t) -> {});
    return new CaptionIndex(c.ids(), idx);
  }

  @Override
  public boolean hasCaptions() {
    return Files.isRegularFile(VectorFile.vectors(captionsBase));
  }

  @Override
  public List<Scored> nearestCaptions(float[] query, int k) {
    if (!hasCaptions()) {
      return List.of();
    }
    CaptionIndex c = captionIndex();
    List<Scored> out = new ArrayList<>();
    for (Hit h : c.index().search(query, k, null)) {
      out.add(new Scored(c.ids().get(h.row()), h.score()));
    }
    return out;
  }

  /** Number of image vectors. */
  public int size() {
    return vectors.size();
  }

  @Override
  public Optional<float[]> imageVector(String imageIri) {
    Integer r = rowOf.get(imageIri);
    return r == null ? Optional.empty() : Optional.of(vectors.get(r));
  }

  /**
   * {@inheritDoc}
   *
   * @throws EmbeddingsException {@code MODEL_MISSING} when there is no model
   */
  @Override
  public float[] textVector(String text) {
    return encodeText(text);
  }

  /**
   * The text tower's embedding of a text (the model loads on first use).
   *
   * @throws EmbeddingsException {@code MODEL_MISSING} when there is no model
   */
  public float[] encodeText(String text) {
    return model.get().encodeTexts(List.of(text))[0];
  }

  /**
   * The image tower's embedding of an image file, to search with.
   *
   * @throws EmbeddingsException {@code MODEL_MISSING} when there is no model
   */
  public float[] encodeImage(Path image) {
    ClipModel clip = model.get();
    return clip.encodeImages(new float[][] {clip.preprocessor().preprocess(image)})[0];
  }

  @Override
  public List<Scored> nearest(float[] query, int k, Optional<String> underClass) {
    return nearest(query, k, underClass, false);
  }

  /** As {@link #nearest(float[], int, Optional)}, scoring every candidate when {@code exact}. */
  public List<Scored> nearest(
      float[] query, int k, Optional<String> underClass, boolean exactSearch) {
    List<Hit> hits;
    if (underClass.isEmpty()) {
      hits = exactSearch ? exact.search(query, k, null) : index.search(query, k, null);
    } else {
      int[] rows = rowsUnder(underClass.get());
      if (exactSearch || rows.length <= EXACT_BELOW) {
        java.util.BitSet allowed = new java.util.BitSet(vectors.size());
        for (int r : rows) {
          allowed.set(r);
        }
        hits = exact.search(query, k, allowed::get);
      } else {
        hits = index.search(query, k, rows, HnswIndex.Params.defaults().ef());
      }
    }
    List<Scored> out = new ArrayList<>(hits.size());
    for (Hit h : hits) {
      out.add(new Scored(vectors.ids().get(h.row()), h.score()));
    }
    return out;
  }

  @Override
  public OptionalDouble score(float[] query, String imageIri) {
    Integer r = rowOf.get(imageIri);
    if (r == null) {
      return OptionalDouble.empty();
    }
    float[] q = query.clone();
    TextEmbedder.normalize(q);
    double s = 0;
    int base = r * vectors.dim();
    float[] data = vectors.data(); // normalised in place by the exact index
    for (int d = 0; d < q.length; d++) {
      s += q[d] * data[base + d];
    }
    return OptionalDouble.of(s);
  }

  /** Rows of the images whose diagnosis is under a class (the materialised closure). */
  public int[] rowsUnder(String classIri) {
    Node under = NodeFactory.createURI(Dkg.DIAGNOSIS_UNDER);
    Node cls = NodeFactory.createURI(classIri);
    return Txn.calculateRead(
        store,
        () -> {
          List<Integer> rows = new ArrayList<>();
          store
              .find(DermStore.IMAGES_GRAPH, Node.ANY, under, cls)
              .forEachRemaining(
                  q -> {
                    Integer r = rowOf.get(q.getSubject().getURI());
                    if (r != null) {
                      rows.add(r);
                    }
                  });
          return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
        });
  }

  /**
   * The labels of an image's diagnoses in the store (the class IRI where a class has no label), in
   * the store's order.
   */
  public List<String> diagnoses(String imageIri) {
    Node img = NodeFactory.createURI(imageIri);
    Node diag = NodeFactory.createURI(Dkg.DIAGNOSIS);
    return Txn.calculateRead(
        store,
        () -> {
          List<String> out = new ArrayList<>();
          store
              .find(DermStore.IMAGES_GRAPH, img, diag, Node.ANY)
              .forEachRemaining(q -> out.add(label(q.getObject())));
          return out;
        });
  }

  private String label(Node c) {
    Iterator<Quad> label = store.find(Node.ANY, c, RDFS.label.asNode(), Node.ANY);
    return label.hasNext() ? label.next().getObject().getLiteralLexicalForm() : c.getURI();
  }

  /** Closes the index (not the model: its owner closes it). */
  @Override
  public void close() {
    index.close();
    synchronized (this) {
      if (captions != null) {
        captions.close();
      }
    }
  }
}
