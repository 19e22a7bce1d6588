package org.dermkg.embeddings.vectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;

/**
 * Vectors in Parquet, as the Spark job ({@code vectors.parquet/}), pyarrow and pandas write them:
 * an id column (a string: the image's file name or IRI) and a vector column (a list of float or
 * double), in one file or a folder of part files ({@code *.parquet}, read in name order; names
 * starting with {@code _} or {@code .} are not data). The columns are named by the caller or found
 * by their usual names ({@link #ID_COLUMNS}, {@link #VECTOR_COLUMNS}). Read whole into memory (4
 * bytes a component), then checked row by row: a row without an id or a vector, with a null
 * component, with another length than the others or (when the file has a {@code model_id} column)
 * of another model is refused and listed by {@link VectorImport}; the dimension is the length most
 * rows have. A file that is not Parquet, or whose columns are missing or of another type, is
 * refused whole, naming the file.
 */
public final class ParquetVectors {
  /** Id columns looked for, in order, when none is named. */
  public static final List<String> ID_COLUMNS =
      List.of("filename", "id", "image", "image_id", "file_name", "path");

  /** Vector columns looked for, in order, when none is named. */
  public static final List<String> VECTOR_COLUMNS =
      List.of("vector", "embedding", "embeddings", "features");

  /** The model column the Spark job writes; checked when present. */
  public static final String MODEL_COLUMN = "model_id";

  private ParquetVectors() {}

  /**
   * The columns to read.
   *
   * @param id the id column, or null for the first of {@link #ID_COLUMNS} present
   * @param vector the vector column, or null for the first of {@link #VECTOR_COLUMNS} present
   */
  public record Columns(String id, String vector) {
    public static final Columns DEFAULT = new Columns(null, null);
  }

  /** True for what {@link #open} reads: a {@code .parquet} file or a folder. */
  public static boolean isParquet(Path p) {
    return Files.isDirectory(p)
        || p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
  }

  /**
   * Reads the vectors of {@code fileOrFolder}.
   *
   * @param modelId the model the import is for: rows whose {@code model_id} differs are refused
   *     (null: not checked)
   * @throws EmbeddingsException IMPORT_INVALID naming the file when it cannot be used at all
   */
  public static VectorImport.Source open(Path fileOrFolder, Columns columns, String modelId) {
    List<Path> files = files(fileOrFolder);
    Table t = new Table();
    String[] used = new String[2];
    for (Path f : files) {
      try (ParquetFile pf = ParquetFile.open(f)) {
        read(pf, columns, t, used);
      } catch (IOException | UncheckedIOException e) {
        throw invalid(f, e.getMessage());
      } catch (EmbeddingsException e) {
        throw e;
      } catch (RuntimeException e) { // parquet-column's decoding of a damaged page
        throw invalid(f, "cannot be decoded: " + e);
      }
    }
    if (t.rows() == 0) {
      throw invalid(fileOrFolder, "holds no rows");
    }
    int dim = t.settle(modelId);
    String describe =
        fileOrFolder.getFileName()
            + " (Parquet"
            + (Files.isDirectory(fileOrFolder) ? ", " + files.size() + " files" : "")
            + ", "
            + t.rows()
            + " x "
            + dim
            + ", columns "
            + used[0]
            + " + "
            + used[1]
            + ")";
    return t.source(dim, describe);
  }

  private static List<Path> files(Path p) {
    if (!Files.exists(p)) {
      throw invalid(p, "does not exist");
    }
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> s = Files.walk(p, 4)) {
      List<Path> files =
          s.filter(Files::isRegularFile)
              .filter(f -> !hidden(p.relativize(f)))
              .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet"))
              .sorted()
              .toList();
      if (files.isEmpty()) {
        throw invalid(p, "holds no .parquet file");
      }
      return files;
    } catch (IOException | UncheckedIOException e) {
      throw invalid(p, "cannot be listed: " + e.getMessage());
    }
  }

  /** Spark's _SUCCESS, _temporary/, .crc files: not data. */
  private static boolean hidden(Path relative) {
    for (Path part : relative) {
      String n = part.toString();
      if (n.startsWith("_") || n.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static void read(ParquetFile pf, Columns columns, Table t, String[] used)
      throws IOException {
    ParquetFile.Leaf id = idLeaf(pf, columns.id());
    ParquetFile.Leaf vector = vectorLeaf(pf, columns.vector());
    ParquetFile.Leaf model =
        pf.leaves().stream()
            .filter(
                l -> l.path().equals(List.of(MODEL_COLUMN)) && l.type() == PrimitiveTypeName.BINARY)
            .findFirst()
            .orElse(null);
    used[0] = id.name();
    used[1] = vector.path().get(0);
    for (int g = 0; g < pf.rowGroups(); g++) {
      long rows = pf.rows(g);
      if (t.rows() + rows > Integer.MAX_VALUE - 16) {
        throw new IOException("more rows than one import takes (" + (Integer.MAX_VALUE - 16) + ")");
      }
      int first = t.rows();
      readStrings(pf.column(g, id), id, rows, t.ids, g);
      List<String> models = new ArrayList<>();
      if (model != null) {
        readStrings(pf.column(g, model), model, rows, models, g);
      }
      t.models.addAll(model != null ? models : java.util.Collections.nCopies((int) rows, null));
      t.readVectors(pf.column(g, vector), vector, first, rows, g);
      if (t.rows() != first + rows) {
        throw new IOException("row group " + g + ": columns of different lengths");
      }
    }
  }

  private static ParquetFile.Leaf idLeaf(ParquetFile pf, String named) throws IOException {
    List<String> wanted = named != null ? List.of(named) : ID_COLUMNS;
    for (String w : wanted) {
      for (ParquetFile.Leaf l : pf.leaves()) {
        if (l.path().equals(List.of(w))) {
          if (l.type() != PrimitiveTypeName.BINARY) {
            throw new IOException("id column " + w + " is " + l.type() + ", not a string");
          }
          return l;
        }
      }
    }
    throw new IOException(
        "has no id column ("
            + (named != null ? named : "any of " + ID_COLUMNS)
            + "); its columns: "
            + columnNames(pf));
  }

  private static ParquetFile.Leaf vectorLeaf(ParquetFile pf, String named) throws IOException {
    List<String> wanted = named != null ? List.of(named) : VECTOR_COLUMNS;
    for (String w : wanted) {
      List<ParquetFile.Leaf> under =
          pf.leaves().stream().filter(l -> l.path().get(0).equals(w)).toList();
      if (under.isEmpty()) {
        continue;
      }
      ParquetFile.Leaf l = under.get(0);
      boolean number = l.type() == PrimitiveTypeName.FLOAT || l.type() == PrimitiveTypeName.DOUBLE;
      if (under.size() != 1 || l.maxRep() != 1 || !number) {
        throw new IOException(
            "vector column "
                + w
                + " is not a list of float or double ("
                + l.name()
                + ": "
                + l.type()
                + ", repetition "
                + l.maxRep()
                + ")");
      }
      return l;
    }
    throw new IOException(
        "has no vector column ("
            + (named != null ? named : "any of " + VECTOR_COLUMNS)
            + "); its columns: "
            + columnNames(pf));
  }

  private static String columnNames(ParquetFile pf) {
    return pf.leaves().stream().map(ParquetFile.Leaf::name).toList().toString();
  }

  private static void readStrings(
      ParquetFile.Column c, ParquetFile.Leaf leaf, long rows, List<String> out, int group)
      throws IOException {
    if (c.values() != rows) {
      throw new IOException(
          "row group "
              + group
              + ": column "
              + leaf.name()
              + " has "
              + c.values()
              + " values for "
              + rows
              + " rows");
    }
    ColumnReaderImpl r = c.reader();
    for (long i = 0; i < rows; i++) {
      out.add(
          r.getCurrentDefinitionLevel() == leaf.maxDef()
              ? r.getBinary().toStringUsingUTF8()
              : null);
      r.consume();
    }
  }

  private static EmbeddingsException invalid(Path f, String why) {
    return new EmbeddingsException(Code.IMPORT_INVALID, f + " " + why);
  }

  /** The rows read so far: ids, vectors (one flat store), problems. */
  private static final class Table {
    final List<String> ids = new ArrayList<>();
    final List<String> models = new ArrayList<>();
    final Floats values = new Floats();
    long[] start = new long[1024];
    int[] length = new int[1024];
    final Map<Integer, String> problems = new HashMap<>();

    int rows() {
      return ids.size();
    }

    /** Rows of one row group: a row starts at repetition level 0. */
    void readVectors(ParquetFile.Column c, ParquetFile.Leaf leaf, int first, long rows, int group)
        throws IOException {
      ColumnReaderImpl r = c.reader();
      int row = first - 1;
      int last = first + (int) rows - 1;
      boolean isDouble = leaf.type() == PrimitiveTypeName.DOUBLE;
      long total = c.values();
      for (long i = 0; i < total; i++) {
        if (r.getCurrentRepetitionLevel() == 0) {
          if (++row > last) {
            throw new IOException(
                "row group " + group + ": " + leaf.name() + " has more rows than " + rows);
          }
          begin(row);
        }
        int def = r.getCurrentDefinitionLevel();
        if (def == leaf.maxDef()) {
          values.add(isDouble ? (float) r.getDouble() : r.getFloat());
          length[row]++;
        } else if (def >= leaf.repeatedDef()) {
          problems.putIfAbsent(row, "a null component");
        } else {
          problems.put(row, "no vector (null or empty)");
        }
        r.consume();
      }
      if (row != last) {
        throw new IOException(
            "row group "
                + group
                + ": "
                + leaf.name()
                + " has "
                + (row - (last - rows))
                + " rows, not "
                + rows);
      }
    }

    private void begin(int row) {
      if (row >= start.length) {
        start = Arrays.copyOf(start, start.length * 2);
        length = Arrays.copyOf(length, length.length * 2);
      }
      start[row] = values.size();
      length[row] = 0;
    }

    /** The dimension (the length most rows have); every row's problem settled. */
    int settle(String modelId) {
      Map<Integer, Integer> lengths = new HashMap<>();
      for (int i = 0; i < rows(); i++) {
        if (!problems.containsKey(i)) {
          lengths.merge(length[i], 1, Integer::sum);
        }
      }
      int dim =
          lengths.entrySet().stream()
              .max(
                  Map.Entry.<Integer, Integer>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey()))
              .map(Map.Entry::getKey)
              .orElse(0);
      for (int i = 0; i < rows(); i++) {
        if (ids.get(i) == null || ids.get(i).isBlank()) {
          problems.put(i, "no id (null or empty)");
        } else if (!problems.containsKey(i) && length[i] != dim) {
          problems.put(i, length[i] + " components (the others have " + dim + ")");
        } else if (modelId != null && models.get(i) != null && !models.get(i).equals(modelId)) {
          problems.putIfAbsent(
              i, "model_id " + models.get(i) + " (the import is for " + modelId + ")");
        }
      }
      return dim;
    }

    VectorImport.Source source(int dim, String describe) {
      return new TableSource(this, dim, describe);
    }
  }

  /** The rows read, as an import's source. */
  private record TableSource(Table t, int dim, String describe) implements VectorImport.Source {
    @Override
    public int rows() {
      return t.ids.size();
    }

    @Override
    public String id(int row) {
      String id = t.ids.get(row);
      return id == null ? "" : id;
    }

    @Override
    public void vector(int row, float[] out) {
      if (t.length[row] == dim) {
        t.values.copy(t.start[row], out, dim);
      } else {
        Arrays.fill(out, Float.NaN); // a refused row; never appended
      }
    }

    @Override
    public String rowProblem(int row) {
      return t.problems.get(row);
    }

    @Override
    public void close() {}
  }

  /** A growable float store past 2^31 components, in 16 MiB chunks. */
  private static final class Floats {
    private static final int SHIFT = 22;
    private static final int MASK = (1 << SHIFT) - 1;
    private final List<float[]> chunks = new ArrayList<>();
    private long size;

    long size() {
      return size;
    }

    void add(float v) {
      int c = (int) (size >>> SHIFT);
      if (c == chunks.size()) {
        chunks.add(new float[1 << SHIFT]);
      }
      chunks.get(c)[(int) (size & MASK)] = v;
      size++;
    }

    void copy(long from, float[] out, int n) {
      int done = 0;
      while (done < n) {
        long at = from + done;
        float[] chunk = chunks.get((int) (at >>> SHIFT));
        int off = (int) (at & MASK);
        int k = Math.min(n - done, chunk.length - off);
        System.arraycopy(chunk, off, out, done, k);
        done += k;
      }
    }
  }
}
