package org.dermkg.embeddings.vectors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * A two-dimensional NumPy {@code .npy} array of float32 or float16 (either byte order, C order), as
 * {@code numpy.save} writes it: the magic {@code \x93NUMPY}, a version (1.0, 2.0 or 3.0), a header
 * length, a Python dict literal ({@code descr}, {@code fortran_order}, {@code shape}) and the data.
 * Rows are read one at a time into float32 without loading the whole file. Anything else (another
 * dtype, Fortran order, a shape that is not two-dimensional, a file shorter than its shape says) is
 * refused with {@link Code#IMPORT_INVALID} naming the file and the field.
 */
public final class NpyArray implements AutoCloseable {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private final Path file;
  private final FileChannel channel;
  private final long dataStart;
  private final int rows;
  private final int dim;
  private final int itemBytes;
  private final ByteBuffer block; // rows [blockStart, blockStart + blockRows) once read
  private int blockStart = -1;
  private int blockRows;

  private NpyArray(
      Path file, FileChannel channel, long dataStart, int rows, int dim, String descr) {
    this.file = file;
    this.channel = channel;
    this.dataStart = dataStart;
    this.rows = rows;
    this.dim = dim;
    this.itemBytes = descr.charAt(2) == '4' ? 4 : 2;
    ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    int perBlock = Math.max(1, (4 << 20) / (dim * itemBytes)); // about 4 MiB of rows per read
    this.block = ByteBuffer.allocate(perBlock * dim * itemBytes).order(order);
  }

  /** Opens and checks the header; the caller closes it. */
  public static NpyArray open(Path file) {
    FileChannel ch;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ);
    } catch (IOException e) {
      throw invalid(file, "cannot be read: " + e.getMessage());
    }
    try {
      return header(file, ch);
    } catch (RuntimeException | IOException e) {
      try {
        ch.close();
      } catch (IOException ignored) {
        // the header's problem is the one to report
      }
      if (e instanceof EmbeddingsException ee) {
        throw ee;
      }
      throw invalid(file, "cannot be read: " + e.getMessage());
    }
  }

  private static NpyArray header(Path file, FileChannel ch) throws IOException {
    long[] at = preamble(file, ch);
    long headerLength = at[1];
    ByteBuffer h = ByteBuffer.allocate((int) headerLength);
    readFully(ch, h, at[0]);
    if (h.position() < headerLength) {
      throw invalid(file, "ends inside its header");
    }
    String dict = new String(h.array(), 0, (int) headerLength, StandardCharsets.ISO_8859_1).strip();
    return array(file, ch, dict, at[0] + headerLength);
  }

  /** The magic and version: where the header dict starts and its length. */
  private static long[] preamble(Path file, FileChannel ch) throws IOException {
    ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, pre, 0);
    if (pre.position() < 10 || !pre.slice(0, 6).equals(ByteBuffer.wrap(MAGIC))) {
      throw invalid(file, "is not a NumPy .npy file (no \\x93NUMPY magic)");
    }
    int major = pre.get(6) & 0xFF;
    long[] at =
        switch (major) {
          case 1 -> new long[] {10, pre.getShort(8) & 0xFFFF};
          case 2, 3 -> new long[] {12, pre.getInt(8) & 0xFFFFFFFFL};
          default -> throw invalid(file, "has .npy format version " + major + ", not 1, 2 or 3");
        };
    if (at[1] > 1 << 20) {
      throw invalid(file, "declares a " + at[1] + "-byte header");
    }
    return at;
  }

  /** The array the header dict describes, its data starting at {@code dataStart}. */
  private static NpyArray array(Path file, FileChannel ch, String dict, long dataStart)
      throws IOException {
    String descr = field(file, DESCR, dict, "descr");
    if (!descr.matches("[<>=|]f[42]")) {
      throw invalid(file, "has dtype '" + descr + "': only float32 (f4) or float16 (f2) vectors");
    }
    if (descr.charAt(0) == '=' || descr.charAt(0) == '|') {
      descr = "<" + descr.substring(1); // native order: numpy writes these on little-endian hosts
    }
    if (field(file, FORTRAN, dict, "fortran_order").equals("True")) {
      throw invalid(file, "is in Fortran order: save it in C order (numpy.ascontiguousarray)");
    }
    long[] shape = shape(file, field(file, SHAPE, dict, "shape"));
    long expected = dataStart + shape[0] * shape[1] * (descr.charAt(2) == '4' ? 4 : 2);
    if (ch.size() < expected) {
      throw invalid(
          file,
          "is truncated: shape ("
              + shape[0]
              + ", "
              + shape[1]
              + ") needs "
              + expected
              + " bytes, the file has "
              + ch.size());
    }
    return new NpyArray(file, ch, dataStart, (int) shape[0], (int) shape[1], descr);
  }

  private static String field(Path file, Pattern p, String dict, String name) {
    Matcher m = p.matcher(dict);
    if (!m.find()) {
      throw invalid(file, "has no '" + name + "' in its header " + dict);
    }
    return m.group(1);
  }

  private static long[] shape(Path file, String text) {
    String[] parts = text.split(",");
    long[] shape = new long[2];
    int n = 0;
    for (String part : parts) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (n == 2 || !p.matches("\\d{1,10}")) {
        throw invalid(file, "has shape (" + text + "): a two-dimensional (vectors, dim) array");
      }
      shape[n++] = Long.parseLong(p);
    }
    if (n != 2) {
      throw invalid(file, "has shape (" + text + "): a two-dimensional (vectors, dim) array");
    }
    if (shape[0] > Integer.MAX_VALUE - 8 || shape[1] < 1 || shape[1] > 65536) {
      throw invalid(file, "has shape (" + text + "): too many vectors or a bad dimension");
    }
    return shape;
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) {
        return;
      }
      pos += n;
    }
  }

  private static EmbeddingsException invalid(Path file, String what) {
    return new EmbeddingsException(Code.IMPORT_INVALID, file + " " + what);
  }

  /** Number of vectors (the first dimension). */
  public int rows() {
    return rows;
  }

  /** Vector size (the second dimension). */
  public int dim() {
    return dim;
  }

  /** "float32" or "float16". */
  public String dtype() {
    return itemBytes == 4 ? "float32" : "float16";
  }

  /** Reads row {@code i} into {@code out} (length {@link #dim()}), as float32. */
  public void row(int i, float[] out) {
    if (i < 0 || i >= rows) {
      throw new IndexOutOfBoundsException("row " + i + " of " + rows);
    }
    if (blockStart < 0 || i < blockStart || i >= blockStart + blockRows) {
      readBlock(i);
    }
    int at = (i - blockStart) * dim * itemBytes;
    for (int k = 0; k < dim; k++) {
      out[k] =
          itemBytes == 4
              ? block.getFloat(at + 4 * k)
              : Float.float16ToFloat(block.getShort(at + 2 * k));
    }
  }

  private void readBlock(int first) {
    int n = Math.min(block.capacity() / (dim * itemBytes), rows - first);
    block.clear().limit(n * dim * itemBytes);
    try {
      readFully(channel, block, dataStart + (long) first * dim * itemBytes);
    } catch (IOException e) {
      throw invalid(file, "cannot be read at row " + first + ": " + e.getMessage());
    }
    if (block.hasRemaining()) {
      throw invalid(file, "ends inside row " + (first + block.position() / (dim * itemBytes)));
    }
    blockStart = first;
    blockRows = n;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // read-only: nothing is lost
    }
  }
}
