import java.nio.file.Path;
import org.dermkg.embeddings.vectors.ParquetVectors;
import org.dermkg.embeddings.vectors.VectorImport;

/**
 * The vector-reading stage of derm embed --import (bench/parquet-read.sh): a Parquet file (the
 * Hadoop-free reader, decoded whole into memory) against the same shape as a NumPy .npy (read a
 * row at a time, as the importer's two passes do), every vector copied out once. One JSON line per
 * run.
 *
 * Usage: java -cp ... bench/ParquetReadBench.java PARQUET NPY IDS RUNS
 */
public class ParquetReadBench {
  public static void main(String[] a) throws Exception {
    int runs = Integer.parseInt(a[3]);
    for (int r = 0; r < runs; r++) {
      long t0 = System.nanoTime();
      double sumP = drain(ParquetVectors.open(Path.of(a[0]), ParquetVectors.Columns.DEFAULT, null));
      long t1 = System.nanoTime();
      double sumN = drain(VectorImport.npy(Path.of(a[1]), Path.of(a[2])));
      long t2 = System.nanoTime();
      System.out.printf(
          "{\"run\":%d,\"parquet_s\":%.2f,\"npy_s\":%.2f,\"check\":[%.1f,%.1f]}%n",
          r + 1, (t1 - t0) / 1e9, (t2 - t1) / 1e9, sumP, sumN);
    }
  }

  /** Reads every row's vector once (what the check pass does), returning a checksum. */
  static double drain(VectorImport.Source s) {
    try (s) {
      float[] v = new float[s.dim()];
      double sum = 0;
      for (int i = 0; i < s.rows(); i++) {
        s.vector(i, v);
        sum += v[i % v.length];
      }
      return sum;
    }
  }
}
