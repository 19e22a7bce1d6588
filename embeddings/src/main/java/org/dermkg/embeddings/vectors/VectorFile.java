package org.dermkg.embeddings.vectors;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * A float32 vector file and its id map: {@code NAME.f32} holds a 16-byte header ("DERMVEC1", the
 * dimension as little-endian int32, 0) and then one little-endian float32 record per vector; {@code
 * NAME.ids} holds one id per line, in the same order. Appending is resumable: {@link
 * #openForAppend} cuts both files back to the records both hold completely (what a crash may have
 * left half-written) and returns the ids already there.
 */
public final class VectorFile {
  static final byte[] MAGIC = "DERMVEC1".getBytes(StandardCharsets.US_ASCII);
  static final int HEADER = 16;

  private VectorFile() {}

  /** The vector file of a base path ({@code base.f32}). */
  public static Path vectors(Path base) {
    return base.resolveSibling(base.getFileName() + ".f32");
  }

  /** The id file of a base path ({@code base.ids}). */
  public static Path ids(Path base) {
    return base.resolveSibling(base.getFileName() + ".ids");
  }

  /** Vectors read whole. */
  public record Loaded(int dim, List<String> ids, float[] data) {
    /** Number of vectors. */
    public int size() {
      return ids.size();
    }

    /** Vector {@code i} (a copy). */
    public float[] get(int i) {
      float[] v = new float[dim];
      System.arraycopy(data, i * dim, v, 0, dim);
      return v;
    }
  }

  /**
   * Reads a vector file and its ids, checking that they agree.
   *
   * @throws EmbeddingsException VECTORS_INVALID naming the file and what is wrong
   */
  public static Loaded read(Path base) {
    Path f = vectors(base);
    Path idFile = ids(base);
    try {
      if (!Files.isRegularFile(f) || !Files.isRegularFile(idFile)) {
        throw new EmbeddingsException(
            Code.VECTORS_INVALID, "no vector file " + f + " with " + idFile);
      }
      int dim = header(f);
      long bytes = vectorBytes(f, dim);
      long record = 4L * dim;
      List<String> ids = Files.readAllLines(idFile, StandardCharsets.UTF_8);
      if (ids.size() != bytes / record) {
        throw new EmbeddingsException(
            Code.VECTORS_INVALID,
            f + " holds " + bytes / record + " vectors but " + idFile + " " + ids.size() + " ids");
      }
      if (bytes / 4 > Integer.MAX_VALUE - 8) {
        throw new EmbeddingsException(Code.VECTORS_INVALID, f + " is too large to read whole");
      }
      return new Loaded(dim, ids, floats(f, (int) (bytes / 4)));
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  /** The size of the records after the header, checked to be whole {@code dim}-float records. */
  private static long vectorBytes(Path f, int dim) throws IOException {
    long bytes = Files.size(f) - HEADER;
    if (bytes % (4L * dim) != 0) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID,
          f
              + " is truncated: "
              + bytes
              + " bytes of vectors is not a whole number of "
              + dim
              + "-float records");
    }
    return bytes;
  }

  /** The first {@code count} floats after the header, little-endian. */
  private static float[] floats(Path f, int count) throws IOException {
    float[] data = new float[count];
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      int at = 0;
      while (at < data.length) {
        int n = Math.min(data.length - at, 1 << 28); // map at most 1 GiB at a time
        ch.map(FileChannel.MapMode.READ_ONLY, HEADER + 4L * at, 4L * n)
            .order(ByteOrder.LITTLE_ENDIAN)
            .asFloatBuffer()
            .get(data, at, n);
        at += n;
      }
    }
    return data;
  }

  private static int header(Path f) throws IOException {
    byte[] h = new byte[HEADER];
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "r")) {
      if (raf.length() < HEADER) {
        throw new EmbeddingsException(
            Code.VECTORS_INVALID, f + " is shorter than its 16-byte header");
      }
      raf.readFully(h);
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (h[i] != MAGIC[i]) {
        throw new EmbeddingsException(Code.VECTORS_INVALID, f + " is not a DERMVEC1 vector file");
      }
    }
    int dim = ByteBuffer.wrap(h, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    if (dim <= 0 || dim > 65536) {
      throw new EmbeddingsException(Code.VECTORS_INVALID, f + " declares dimension " + dim);
    }
    return dim;
  }

  /**
   * The ids of a vector file, in row order, that it holds whole (complete id lines that have their
   * vector), without reading the vectors; empty when there is no file yet.
   */
  public static List<String> readIds(Path base) {
    Path f = vectors(base);
    Path idFile = ids(base);
    try {
      if (!Files.isRegularFile(f) || !Files.isRegularFile(idFile)) {
        return List.of();
      }
      int dim = header(f);
      long records = (Files.size(f) - HEADER) / (4L * dim);
      List<String> ids = completeLines(idFile);
      return List.copyOf(ids.subList(0, (int) Math.min(records, ids.size())));
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot read " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * Opens (creating when absent) a vector file for appending, after cutting both files back to
   * their complete common prefix.
   *
   * @throws EmbeddingsException VECTORS_INVALID when the existing file has another dimension
   */
  public static Appender openForAppend(Path base, int dim) {
    Path f = vectors(base);
    Path idFile = ids(base);
    try {
      Files.createDirectories(f.toAbsolutePath().getParent());
      List<String> ids;
      if (Files.exists(f) && Files.size(f) >= HEADER) {
        ids = cutToCommonPrefix(f, idFile, dim);
      } else {
        ids = new ArrayList<>();
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(MAGIC).putInt(dim).putInt(0);
        Files.write(f, h.array());
        Files.writeString(idFile, "", StandardCharsets.UTF_8);
      }
      return new Appender(f, idFile, dim, ids);
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, "cannot open " + f + ": " + e.getMessage(), e);
    }
  }

  /**
   * Cuts an existing vector file and its ids back to the records both hold whole, and returns those
   * ids.
   */
  private static List<String> cutToCommonPrefix(Path f, Path idFile, int dim) throws IOException {
    int existing = header(f);
    if (existing != dim) {
      throw new EmbeddingsException(
          Code.VECTORS_INVALID, f + " holds " + existing + "-dimensional vectors, not " + dim);
    }
    long records = (Files.size(f) - HEADER) / (4L * dim);
    List<String> ids = Files.exists(idFile) ? completeLines(idFile) : new ArrayList<>();
    int keep = (int) Math.min(records, ids.size());
    ids = new ArrayList<>(ids.subList(0, keep));
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.truncate(HEADER + 4L * dim * keep);
    }
    Files.writeString(
        idFile, ids.isEmpty() ? "" : String.join("\n", ids) + "\n", StandardCharsets.UTF_8);
    return ids;
  }

  /** The file's non-empty lines; a last line without its newline was cut mid-write: dropped. */
  private static List<String> completeLines(Path idFile) throws IOException {
    List<String> ids = new ArrayList<>();
    String text = Files.readString(idFile, StandardCharsets.UTF_8);
    int end = text.lastIndexOf('\n') + 1;
    for (String line : text.substring(0, end).split("\n", -1)) {
      if (!line.isEmpty()) {
        ids.add(line);
      }
    }
    return ids;
  }

  /** Appends records; vectors are written before their ids, so an id always has its vector. */
  public static final class Appender implements AutoCloseable {
    private final FileChannel vectors;
    private final BufferedWriter ids;
    private final int dim;
    private final List<String> existing;

    private Appender(Path f, Path idFile, int dim, List<String> existing) throws IOException {
      this.vectors = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      this.ids = Files.newBufferedWriter(idFile, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      this.dim = dim;
      this.existing = List.copyOf(existing);
    }

    /** The ids already in the file when it was opened. */
    public List<String> existing() {
      return existing;
    }

    /** Appends vectors and their ids, then flushes both. */
    public void append(List<String> batchIds, float[][] batch) {
      for (String id : batchIds) {
        if (id.contains("\n") || id.contains("\r")) {
          throw new EmbeddingsException(Code.BAD_ARGUMENT, "an id with a line break: " + id);
        }
      }
      try {
        ByteBuffer buf = ByteBuffer.allocate(4 * dim * batch.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] v : batch) {
          if (v.length != dim) {
            throw new EmbeddingsException(
                Code.BAD_ARGUMENT, "a " + v.length + "-float vector in a " + dim + "-float file");
          }
          for (float x : v) {
            buf.putFloat(x);
          }
        }
        buf.flip();
        while (buf.hasRemaining()) {
          vectors.write(buf);
        }
        vectors.force(false);
        for (String id : batchIds) {
          ids.write(id);
          ids.write('\n');
        }
        ids.flush();
      } catch (IOException e) {
        throw new EmbeddingsException(
            Code.VECTORS_INVALID, "cannot append vectors: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try (vectors;
          ids) {
        // closes both
      } catch (IOException e) {
        throw new EmbeddingsException(
            Code.VECTORS_INVALID, "cannot close the vector file: " + e.getMessage(), e);
      }
    }
  }
}
