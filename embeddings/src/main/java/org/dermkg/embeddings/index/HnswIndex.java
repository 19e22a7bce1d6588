package org.dermkg.embeddings.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.VectorUtil;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.embed.TextEmbedder;

/**
 * Approximate search with Lucene's HNSW graph (the Lucene 10 that jena-text brings), persisted in a
 * directory: one document per vector with its row. Search asks the graph for {@code max(k, ef)}
 * candidates and keeps the best {@code k}; with a filter Lucene restricts the graph walk to the
 * allowed rows and falls back to exact search when they are few, so a filtered search still returns
 * {@code k} rows when {@code k} exist. {@link #update} adds the rows a vector file gained since the
 * index was built (incremental after a new embed run).
 *
 * <p>The build uses {@link Params#threads()} threads: they index slices of the rows into flat
 * segments (vectors only, {@link FlatBuildVectorsFormat}), and the final merge into one segment
 * builds the graph with as many workers (Lucene's concurrent HNSW merge), starting from the graph
 * of the index's earlier rows when it has some. With {@link Params#quantized()} the vectors are
 * also stored as int8 (7 bits) and the graph is walked on those (a quarter of the memory the walk
 * touches); the candidates are then rescored on the float vectors Lucene keeps beside them. An
 * unfiltered search goes straight to each segment's graph (no query rewrite).
 */
public final class HnswIndex implements VectorIndex {
  static final String FIELD = "v";
  static final String ROW = "row";

  /**
   * Graph parameters: links per node, build beam, search beam, build threads, int8 quantization.
   */
  public record Params(int m, int beamWidth, int ef, int threads, boolean quantized) {
    public Params {
      if (m < 2 || beamWidth < 1 || ef < 1 || threads < 1) {
        throw new EmbeddingsException(
            Code.BAD_ARGUMENT, "HNSW m >= 2, beam >= 1, ef >= 1 and threads >= 1, were " + this);
      }
    }

    public Params(int m, int beamWidth, int ef, int threads) {
      this(m, beamWidth, ef, threads, false);
    }

    /** M 16, beam 100, ef 100, one build thread per processor, float vectors. */
    public static Params defaults() {
      return new Params(16, 100, 100, Runtime.getRuntime().availableProcessors(), false);
    }
  }

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int dim;
  private final int ef;
  private final boolean quantized; // its graph was walked on int8: rescore candidates on floats

  private HnswIndex(Directory dir, int dim, int ef) throws IOException {
    this.dir = dir;
    this.reader = DirectoryReader.open(dir);
    this.searcher = new IndexSearcher(reader);
    this.dim = dim;
    this.ef = ef;
    this.quantized =
        reader.leaves().stream()
            .map(l -> l.reader().getFieldInfos().fieldInfo(FIELD))
            .anyMatch(
                f ->
                    f != null
                        && String.valueOf(
                                f.getAttribute(PerFieldKnnVectorsFormat.PER_FIELD_FORMAT_KEY))
                            .contains("ScalarQuantized"));
  }

  /** Progress of a build: vectors added so far. */
  public interface Listener {
    void progress(long done, long total);
  }

  /**
   * Adds rows {@code [existing, size)} of {@code data} to the index at {@code path} (creating it)
   * and opens it.
   */
  public static HnswIndex update(
      Path path, int dim, float[] data, Params params, Listener listener) {
    int size = data.length / dim;
    ExecutorService pool =
        params.threads() > 1 ? Executors.newFixedThreadPool(params.threads(), daemon()) : null;
    try {
      Files.createDirectories(path);
      Directory d = FSDirectory.open(path);
      AtomicBoolean building = new AtomicBoolean(true);
      try (IndexWriter w = new IndexWriter(d, writerConfig(params, pool, building))) {
        int existing = w.getDocStats().numDocs;
        if (existing > size) {
          throw new EmbeddingsException(
              Code.VECTORS_INVALID,
              path
                  + " indexes "
                  + existing
                  + " vectors but the vector file has only "
                  + size
                  + ": rebuild it");
        }
        addRows(w, dim, data, existing, size, pool, params.threads(), listener);
        w.flush(); // every new row flat in a segment
        building.set(false); // the merge writes the graph
        w.forceMerge(1);
        w.commit();
        listener.progress(size - existing, size - existing);
      }
      return new HnswIndex(d, dim, params.ef());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot build the index at " + path + ": " + e.getMessage(), e);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
  }

  private static IndexWriterConfig writerConfig(
      Params params, ExecutorService pool, AtomicBoolean building) {
    IndexWriterConfig cfg = new IndexWriterConfig();
    cfg.setCodec(codec(params, pool, building));
    // Segments are flushed flat (no graph) and nothing merges until the one forced merge, which
    // builds the whole graph on all threads (FlatBuildVectorsFormat says why).
    LogDocMergePolicy merges = new LogDocMergePolicy();
    merges.setMergeFactor(Integer.MAX_VALUE);
    cfg.setRAMBufferSizeMB(256);
    cfg.setMergePolicy(merges);
    cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    return cfg;
  }

  /** Adds rows {@code [from, to)}, each thread a contiguous slice. */
  private static void addRows(
      IndexWriter w,
      int dim,
      float[] data,
      int from,
      int to,
      ExecutorService pool,
      int threads,
      Listener listener)
      throws IOException {
    AtomicLong done = new AtomicLong();
    int slices = pool == null ? 1 : Math.max(1, Math.min(threads, (to - from) / 1024));
    List<Future<?>> parts = new ArrayList<>();
    for (int t = 0; t < slices; t++) {
      int lo = from + (int) ((long) (to - from) * t / slices);
      int hi = from + (int) ((long) (to - from) * (t + 1) / slices);
      Callable<Void> part =
          () -> {
            addSlice(w, dim, data, lo, hi, done, to - from, listener);
            return null;
          };
      if (pool == null) {
        call(part);
      } else {
        parts.add(pool.submit(part));
      }
    }
    awaitAll(parts);
  }

  /** Adds rows {@code [lo, hi)} as unit vectors; {@code done} counts rows over all slices. */
  private static void addSlice(
      IndexWriter w,
      int dim,
      float[] data,
      int lo,
      int hi,
      AtomicLong done,
      long total,
      Listener listener)
      throws IOException {
    float[] v = new float[dim];
    for (int r = lo; r < hi; r++) {
      System.arraycopy(data, r * dim, v, 0, dim);
      TextEmbedder.normalize(v);
      Document doc = new Document();
      doc.add(new KnnFloatVectorField(FIELD, v.clone(), VectorSimilarityFunction.DOT_PRODUCT));
      doc.add(new NumericDocValuesField(ROW, r));
      doc.add(new IntPoint(ROW, r));
      w.addDocument(doc);
      long n = done.incrementAndGet();
      if ((n & 1023) == 0) {
        listener.progress(n, total);
      }
    }
  }

  private static void awaitAll(List<Future<?>> parts) throws IOException {
    for (Future<?> f : parts) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while indexing", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      }
    }
  }

  private static void call(Callable<Void> part) throws IOException {
    try {
      part.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static ThreadFactory daemon() {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, "hnsw-build-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static Lucene103Codec codec(Params p, ExecutorService pool, AtomicBoolean building) {
    int workers = pool == null ? 1 : p.threads();
    KnnVectorsFormat format =
        p.quantized()
            ? new Lucene99HnswScalarQuantizedVectorsFormat(
                p.m(), p.beamWidth(), workers, 7, false, null, pool)
            : new Lucene99HnswVectorsFormat(p.m(), p.beamWidth(), workers, pool);
    KnnVectorsFormat flat = new FlatBuildVectorsFormat();
    return new Lucene103Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return building.get() ? flat : format;
      }
    };
  }

  @Override
  public int size() {
    return reader.numDocs();
  }

  @Override
  public int dim() {
    return dim;
  }

  /** Searches with the default candidate pool. */
  @Override
  public List<Hit> search(float[] query, int k, IntPredicate filter) {
    return search(query, k, filter == null ? null : rows(filter), ef);
  }

  /** Searches among the given rows only (a pre-filter Lucene applies inside the graph walk). */
  public List<Hit> search(float[] query, int k, int[] allowedRows, int ef) {
    if (query.length != dim) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT, "a " + query.length + "-float query for " + dim + "-float vectors");
    }
    float[] q = query.clone();
    TextEmbedder.normalize(q);
    if (allowedRows == null) {
      return nearest(q, k, Math.max(k, ef));
    }
    Query filter = IntPoint.newSetQuery(ROW, allowedRows);
    try {
      TopDocs top =
          searcher.search(
              new KnnFloatVectorQuery(FIELD, q, Math.max(k, ef), filter), Math.max(k, ef));
      List<Hit> out = new ArrayList<>(k);
      List<LeafReaderContext> leaves = reader.leaves();
      for (ScoreDoc sd : top.scoreDocs) {
        if (out.size() == k) {
          break;
        }
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
        NumericDocValues rows = leaf.reader().getNumericDocValues(ROW);
        rows.advanceExact(sd.doc - leaf.docBase);
        // DOT_PRODUCT scores are (1 + cosine) / 2
        out.add(new Hit((int) rows.longValue(), sd.score * 2 - 1));
      }
      return out;
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "index search failed: " + e.getMessage(), e);
    }
  }

  /**
   * Unfiltered search straight on each segment's graph (no query rewrite: the fixed cost per query
   * is the graph walk and one doc-values lookup per hit).
   */
  private List<Hit> nearest(float[] q, int k, int candidates) {
    try {
      List<Hit> out = new ArrayList<>(candidates);
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader r = leaf.reader();
        TopDocs top =
            r.searchNearestVectors(
                FIELD,
                q,
                candidates,
                AcceptDocs.fromLiveDocs(r.getLiveDocs(), r.maxDoc()),
                Integer.MAX_VALUE);
        NumericDocValues rows = r.getNumericDocValues(ROW);
        FloatVectorValues floats = quantized ? r.getFloatVectorValues(FIELD) : null;
        KnnVectorValues.DocIndexIterator ords = floats == null ? null : floats.iterator();
        ScoreDoc[] docs = top.scoreDocs.clone();
        Arrays.sort(docs, (x, y) -> Integer.compare(x.doc, y.doc)); // iterators go forward
        for (ScoreDoc sd : docs) {
          rows.advanceExact(sd.doc);
          float score = sd.score * 2 - 1;
          if (ords != null && ords.advance(sd.doc) == sd.doc) {
            score = VectorUtil.dotProduct(q, floats.vectorValue(ords.index()));
          }
          out.add(new Hit((int) rows.longValue(), score));
        }
      }
      out.sort((x, y) -> Float.compare(y.score(), x.score()));
      return out.size() > k ? List.copyOf(out.subList(0, k)) : out;
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "index search failed: " + e.getMessage(), e);
    }
  }

  private int[] rows(IntPredicate filter) {
    int n = size();
    int[] buf = new int[Math.min(n, 1024)];
    int count = 0;
    for (int r = 0; r < n; r++) {
      if (filter.test(r)) {
        if (count == buf.length) {
          buf = java.util.Arrays.copyOf(buf, buf.length * 2);
        }
        buf[count++] = r;
      }
    }
    return java.util.Arrays.copyOf(buf, count);
  }

  @Override
  public void close() {
    try {
      reader.close();
      dir.close();
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot close the index: " + e.getMessage(), e);
    }
  }
}
