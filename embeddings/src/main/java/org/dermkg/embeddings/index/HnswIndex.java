package org.dermkg.embeddings.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
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
 */
public final class HnswIndex implements VectorIndex {
  static final String FIELD = "v";
  static final String ROW = "row";

  /** Graph parameters: links per node, build beam, search beam. */
  public record Params(int m, int beamWidth, int ef) {
    public static Params defaults() {
      return new Params(16, 100, 100);
    }
  }

  private final Directory dir;
  private final DirectoryReader reader;
  private final IndexSearcher searcher;
  private final int dim;
  private final int ef;

  private HnswIndex(Directory dir, int dim, int ef) throws IOException {
    this.dir = dir;
    this.reader = DirectoryReader.open(dir);
    this.searcher = new IndexSearcher(reader);
    this.dim = dim;
    this.ef = ef;
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
    try {
      Files.createDirectories(path);
      Directory d = FSDirectory.open(path);
      IndexWriterConfig cfg = new IndexWriterConfig();
      cfg.setCodec(codec(params));
      cfg.setMergePolicy(new LogDocMergePolicy());
      // one flushed segment when the heap allows it: a merge would rebuild the graph
      cfg.setRAMBufferSizeMB(
          Math.max(64, Math.min(2048, Runtime.getRuntime().maxMemory() / 4 / (1 << 20))));
      cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
      try (IndexWriter w = new IndexWriter(d, cfg)) {
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
        float[] v = new float[dim];
        for (int r = existing; r < size; r++) {
          System.arraycopy(data, r * dim, v, 0, dim);
          TextEmbedder.normalize(v);
          Document doc = new Document();
          doc.add(new KnnFloatVectorField(FIELD, v.clone(), VectorSimilarityFunction.DOT_PRODUCT));
          doc.add(new NumericDocValuesField(ROW, r));
          doc.add(new IntPoint(ROW, r));
          w.addDocument(doc);
          if ((r & 1023) == 0) {
            listener.progress(r - existing, size - existing);
          }
        }
        w.forceMerge(1);
        w.commit();
        listener.progress(size - existing, size - existing);
      }
      return new HnswIndex(d, dim, params.ef());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot build the index at " + path + ": " + e.getMessage(), e);
    }
  }

  private static Lucene103Codec codec(Params p) {
    return new Lucene103Codec() {
      @Override
      public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return new Lucene99HnswVectorsFormat(p.m(), p.beamWidth());
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
    Query filter = allowedRows == null ? null : IntPoint.newSetQuery(ROW, allowedRows);
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
