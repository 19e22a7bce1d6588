package org.dermkg.embeddings.vectors;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * Brings vectors computed elsewhere (another machine's GPU pipeline, the Spark job) into a model's
 * vector file, as if {@code derm embed} had written them. Two passes over the source: the first
 * checks every row — its id must name an image ({@code resolve}), once; its vector must be finite
 * and not zero — and the second appends the good rows. Rows with a problem are refused and listed
 * (with the row, id and reason) and the rest go on; an id already in the vector file is skipped
 * (imports resume like embedding runs). A source that cannot be used at all (another dimension than
 * the file's, an id count that does not match the vector count, a malformed file) is refused before
 * anything is written, and a failure while appending cuts both files back to what they held:
 * nothing is ever half-imported.
 */
public final class VectorImport {
  /** Refused rows listed in the report at most (all go to the rejects file). */
  static final int SAMPLES = 20;

  private VectorImport() {}

  /** Vectors and their ids from elsewhere. */
  public interface Source extends AutoCloseable {
    int rows();

    int dim();

    String id(int row);

    /** Reads row {@code i} into {@code out}. */
    void vector(int row, float[] out);

    /**
     * Why row {@code i} cannot be imported whatever its id resolves to (a Parquet row without a
     * vector, say), or null.
     */
    default String rowProblem(int row) {
      return null;
    }

    /** What it is, for messages ("vectors.npy + ids.txt"). */
    String describe();

    @Override
    void close();
  }

  /** A NumPy array with an id list beside it. */
  public static Source npy(Path array, Path idFile) {
    List<String> ids = IdList.read(idFile);
    NpyArray a = NpyArray.open(array);
    if (ids.size() != a.rows()) {
      a.close();
      throw new EmbeddingsException(
          Code.IMPORT_INVALID,
          array
              + " holds "
              + a.rows()
              + " vectors but "
              + idFile
              + " lists "
              + ids.size()
              + " ids");
    }
    return new NpySource(
        a,
        ids,
        array.getFileName()
            + " ("
            + a.dtype()
            + ", "
            + a.rows()
            + " x "
            + a.dim()
            + ") + "
            + idFile.getFileName());
  }

  /**
   * A vector file of this project's format ({@code NAME.f32} with {@code NAME.ids} beside it), as
   * the Spark job or another store's {@code derm embed} writes it; its ids are file names or IRIs.
   * Read whole.
   */
  public static Source vectorFile(Path f32) {
    String name = f32.getFileName().toString();
    if (!name.endsWith(".f32")) {
      throw new EmbeddingsException(Code.IMPORT_INVALID, f32 + " is not a .f32 vector file");
    }
    Path base = f32.resolveSibling(name.substring(0, name.length() - 4));
    VectorFile.Loaded v;
    try {
      v = VectorFile.read(base);
    } catch (EmbeddingsException e) {
      throw new EmbeddingsException(Code.IMPORT_INVALID, e.getMessage(), e);
    }
    return new LoadedSource(
        v, name + " (" + v.size() + " x " + v.dim() + ") + " + base.getFileName() + ".ids");
  }

  private record LoadedSource(VectorFile.Loaded v, String describe) implements Source {
    @Override
    public int rows() {
      return v.size();
    }

    @Override
    public int dim() {
      return v.dim();
    }

    @Override
    public String id(int row) {
      return v.ids().get(row);
    }

    @Override
    public void vector(int row, float[] out) {
      System.arraycopy(v.data(), row * v.dim(), out, 0, v.dim());
    }

    @Override
    public void close() {}
  }

  private record NpySource(NpyArray array, List<String> ids, String describe) implements Source {
    @Override
    public int rows() {
      return array.rows();
    }

    @Override
    public int dim() {
      return array.dim();
    }

    @Override
    public String id(int row) {
      return ids.get(row);
    }

    @Override
    public void vector(int row, float[] out) {
      array.row(row, out);
    }

    @Override
    public void close() {
      array.close();
    }
  }

  /** A refused row. */
  public record Rejected(int row, String id, String reason) {}

  /**
   * What an import did.
   *
   * @param imported rows appended
   * @param alreadyThere rows whose image already had a vector in the file (skipped)
   * @param rejected refused rows, by reason
   * @param samples the first refused rows
   * @param rejectsFile every refused row (TSV: row, id, reason), when any
   * @param seconds wall time
   */
  public record Report(
      int imported,
      int alreadyThere,
      Map<String, Integer> rejected,
      List<Rejected> samples,
      Optional<Path> rejectsFile,
      double seconds) {
    public int rejectedCount() {
      return rejected.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** Progress: rows checked or written so far, of the total, in the pass named. */
  public interface Progress {
    void update(String pass, long done, long total);
  }

  /**
   * Imports {@code source} into the vector file {@code base} (created when absent).
   *
   * @param resolve an id to its image's key (the vector file's id), or empty for an unknown id
   * @param rejects where refused rows are listed (TSV), written only when there are some
   * @throws EmbeddingsException IMPORT_INVALID when the source cannot be used (nothing written)
   */
  public static Report run(
      Source source,
      int expectedDim,
      Function<String, Optional<String>> resolve,
      Path base,
      Path rejects,
      Progress progress) {
    return run(source, expectedDim, resolve, base, rejects, progress, 0);
  }

  /** As above, appending {@code batch} rows at a time (0: about 8 MiB). */
  static Report run(
      Source source,
      int expectedDim,
      Function<String, Optional<String>> resolve,
      Path base,
      Path rejects,
      Progress progress,
      int batch) {
    long t0 = System.nanoTime();
    if (source.dim() != expectedDim) {
      throw new EmbeddingsException(
          Code.IMPORT_INVALID,
          source.describe()
              + " holds "
              + source.dim()
              + "-dimensional vectors; the model's are "
              + expectedDim
              + "-dimensional");
    }
    Checked checked = check(source, resolve, new HashSet<>(VectorFile.readIds(base)), progress);
    writeRejects(rejects, checked.refused());
    int appended =
        append(
            source,
            base,
            checked.keys(),
            progress,
            batch > 0 ? batch : 1 + (8 << 20) / (4 * expectedDim));
    Map<String, Integer> byReason = new LinkedHashMap<>();
    checked.refused().forEach(r -> byReason.merge(r.reason(), 1, Integer::sum));
    return new Report(
        appended,
        checked.alreadyThere(),
        byReason,
        checked.refused().stream().limit(SAMPLES).toList(),
        checked.refused().isEmpty() ? Optional.empty() : Optional.of(rejects),
        (System.nanoTime() - t0) / 1e9);
  }

  /** The first pass: the key of every row to append (null for rows not appended). */
  private record Checked(String[] keys, List<Rejected> refused, int alreadyThere) {}

  static final String UNKNOWN = "unknown id (no image of the store has this file name or IRI)";
  static final String DUPLICATE = "duplicate id (the same image more than once in the import)";
  static final String NOT_FINITE = "NaN or infinite component";
  static final String ZERO = "zero vector";

  private static Checked check(
      Source source,
      Function<String, Optional<String>> resolve,
      Set<String> existing,
      Progress progress) {
    int n = source.rows();
    String[] keys = new String[n];
    Map<String, Integer> firstRow = new HashMap<>();
    Set<Integer> duplicated = new HashSet<>();
    List<Rejected> refused = new ArrayList<>();
    float[] v = new float[source.dim()];
    for (int i = 0; i < n; i++) {
      String id = source.id(i);
      String problem = source.rowProblem(i);
      Optional<String> key = problem == null ? resolve.apply(id) : Optional.empty();
      if (problem == null) {
        problem = key.isEmpty() ? UNKNOWN : vectorProblem(source, i, v);
      }
      if (problem != null) {
        refused.add(new Rejected(i, id, problem));
      } else {
        keys[i] = key.get();
        Integer first = firstRow.putIfAbsent(key.get(), i);
        if (first != null) {
          duplicated.add(first);
          duplicated.add(i);
        }
      }
      if ((i & 4095) == 0) {
        progress.update("checking", i, n);
      }
    }
    progress.update("checking", n, n);
    List<Rejected> all = withDuplicates(source, keys, refused, duplicated);
    return new Checked(keys, all, skipExisting(keys, existing));
  }

  /** Rows whose image has its vector already are skipped: how many. */
  private static int skipExisting(String[] keys, Set<String> existing) {
    int already = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null && existing.contains(keys[i])) {
        keys[i] = null;
        already++;
      }
    }
    return already;
  }

  /** Refuses every row of an image given more than once; the refused rows in row order. */
  private static List<Rejected> withDuplicates(
      Source source, String[] keys, List<Rejected> refused, Set<Integer> duplicated) {
    for (int i : duplicated) {
      keys[i] = null;
      refused.add(new Rejected(i, source.id(i), DUPLICATE));
    }
    refused.sort(java.util.Comparator.comparingInt(Rejected::row));
    return refused;
  }

  private static String vectorProblem(Source source, int row, float[] v) {
    source.vector(row, v);
    boolean nonZero = false;
    for (float x : v) {
      if (!Float.isFinite(x)) {
        return NOT_FINITE;
      }
      nonZero |= x != 0f;
    }
    return nonZero ? null : ZERO;
  }

  private static void writeRejects(Path rejects, List<Rejected> refused) {
    try {
      if (refused.isEmpty()) {
        Files.deleteIfExists(rejects); // an earlier import's list would mislead
        return;
      }
      Files.createDirectories(rejects.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot write " + rejects + ": " + e.getMessage(), e);
    }
    try (BufferedWriter w = Files.newBufferedWriter(rejects, StandardCharsets.UTF_8)) {
      w.write("row\tid\treason\n");
      for (Rejected r : refused) {
        w.write(r.row() + "\t" + r.id().replace('\t', ' ') + "\t" + r.reason() + "\n");
      }
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot write " + rejects + ": " + e.getMessage(), e);
    }
  }

  /** The second pass: appends the checked rows; on any failure cuts both files back. */
  private static int append(Source source, Path base, String[] keys, Progress progress, int batch) {
    Path f = VectorFile.vectors(base);
    Path idFile = VectorFile.ids(base);
    int dim = source.dim();
    long[] before = null; // the files' sizes once opened (after any cut of a crashed run)
    int appended = 0;
    try (VectorFile.Appender out = VectorFile.openForAppend(base, dim)) {
      before = new long[] {Files.size(f), Files.size(idFile)};
      List<String> ids = new ArrayList<>(batch);
      List<float[]> vectors = new ArrayList<>(batch);
      for (int i = 0; i < keys.length; i++) {
        if (keys[i] != null) {
          float[] v = new float[dim];
          source.vector(i, v);
          ids.add(keys[i]);
          vectors.add(v);
        }
        if (ids.size() == batch || (i == keys.length - 1 && !ids.isEmpty())) {
          out.append(ids, vectors.toArray(float[][]::new));
          appended += ids.size();
          ids.clear();
          vectors.clear();
          progress.update("writing", i + 1, keys.length);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the appender is closed (flushed) by now: cut after it
      if (before != null) {
        cutBack(f, before[0], idFile, before[1], e);
      }
      if (e instanceof IOException io) {
        throw new EmbeddingsException(
            Code.VECTORS_INVALID, "cannot append to " + f + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
    return appended;
  }

  private static void cutBack(Path f, long vectorBytes, Path idFile, long idBytes, Exception e) {
    for (Path p : List.of(f, idFile)) {
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.truncate(p.equals(f) ? vectorBytes : idBytes);
      } catch (IOException cut) {
        e.addSuppressed(cut);
      }
    }
  }
}
