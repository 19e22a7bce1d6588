package org.dermkg.embeddings.index;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorScorerUtil;
import org.apache.lucene.codecs.lucene99.Lucene99FlatVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Vectors stored flat, without a graph: the format of the segments {@link HnswIndex} flushes while
 * it builds, so that no graph is built only to be thrown away; the one forced merge at the end
 * builds the whole graph on all threads (Lucene's concurrent HNSW merge). A build is committed only
 * after that merge, so a committed index never holds a flat segment. Public and registered with
 * Lucene's SPI because segments name their format and the merge reads them back by that name.
 */
public final class FlatBuildVectorsFormat extends KnnVectorsFormat {
  /** The name segments record. */
  public static final String NAME = "DermFlatBuild";

  private final Lucene99FlatVectorsFormat flat =
      new Lucene99FlatVectorsFormat(FlatVectorScorerUtil.getLucene99FlatVectorsScorer());

  public FlatBuildVectorsFormat() {
    super(NAME);
  }

  @Override
  public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
    return flat.fieldsWriter(state);
  }

  @Override
  public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
    return flat.fieldsReader(state);
  }

  @Override
  public int getMaxDimensions(String fieldName) {
    return 4096;
  }
}
