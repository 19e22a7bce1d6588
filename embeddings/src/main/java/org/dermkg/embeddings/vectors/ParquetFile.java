package org.dermkg.embeddings.vectors;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.parquet.VersionParser;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.impl.ColumnReaderImpl;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Util;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * One Parquet file, read without Hadoop: its footer, the leaf columns of its schema, and a column
 * reader over one column of one row group, with parquet-column doing the decoding (levels,
 * dictionaries, every encoding). Written for files of the size a vector import brings: pages are
 * read one at a time from the column chunk, sizes are checked against the file before anything is
 * allocated, and a malformed file is an {@link IOException} naming what is wrong. Plain files only
 * (no encryption); codecs UNCOMPRESSED, SNAPPY, GZIP and ZSTD, what Spark, pyarrow and pandas write
 * by default or on request.
 */
final class ParquetFile implements AutoCloseable {
  private static final int MAGIC = 0x31524150; // "PAR1", little-endian
  private static final int MAX_FOOTER = 64 << 20;
  private static final int MAX_PAGE = 1 << 30;
  private static final int MAX_DEPTH = 32;

  /**
   * A leaf column.
   *
   * @param path its path from the root (a list's element: vector, list, element)
   * @param index its position among the leaves (its column chunk in every row group)
   * @param repeatedDef the definition level at which the (innermost) repeated field is present: a
   *     value with a lower level is a null or empty list; 0 when nothing on the path repeats
   */
  record Leaf(
      List<String> path,
      PrimitiveTypeName type,
      int maxRep,
      int maxDef,
      int repeatedDef,
      int index) {
    String name() {
      return String.join(".", path);
    }

    ColumnDescriptor descriptor() {
      return new ColumnDescriptor(
          path.toArray(String[]::new),
          new PrimitiveType(Type.Repetition.OPTIONAL, type, path.getLast()),
          maxRep,
          maxDef);
    }
  }

  private final FileChannel ch;
  private final long size;
  private final FileMetaData meta;
  private final List<Leaf> leaves;
  private final VersionParser.ParsedVersion writer;

  private ParquetFile(FileChannel ch) throws IOException {
    this.ch = ch;
    this.size = ch.size();
    this.meta = readFooter();
    this.leaves = leaves(meta.getSchema());
    this.writer = writer(meta);
  }

  static ParquetFile open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new ParquetFile(ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }
  }

  List<Leaf> leaves() {
    return leaves;
  }

  int rowGroups() {
    return meta.getRow_groupsSize();
  }

  long rows(int rowGroup) {
    return meta.getRow_groups().get(rowGroup).getNum_rows();
  }

  /**
   * One column of one row group.
   *
   * @param reader levels and values, one value at a time
   * @param values how many values (levels) it holds
   */
  record Column(ColumnReaderImpl reader, long values) {}

  /** One column of one row group, to read. */
  Column column(int rowGroup, Leaf leaf) throws IOException {
    List<ColumnChunk> chunks = meta.getRow_groups().get(rowGroup).getColumns();
    if (chunks.size() != leaves.size()) {
      throw new IOException(
          "row group "
              + rowGroup
              + " has "
              + chunks.size()
              + " column chunks; the schema has "
              + leaves.size()
              + " columns");
    }
    ColumnChunk chunk = chunks.get(leaf.index());
    if (chunk.isSetCrypto_metadata() || !chunk.isSetMeta_data()) {
      throw new IOException("column " + leaf.name() + " is encrypted (not supported)");
    }
    ColumnMetaData md = chunk.getMeta_data();
    if (!md.getPath_in_schema().equals(leaf.path())) {
      throw new IOException(
          "row group " + rowGroup + ": column chunk " + md.getPath_in_schema() + " out of place");
    }
    PageReader pages = new Pages(md, chunkStream(md));
    return new Column(
        new ColumnReaderImpl(leaf.descriptor(), pages, new PrimitiveConverter() {}, writer),
        md.getNum_values());
  }

  private InputStream chunkStream(ColumnMetaData md) throws IOException {
    long start = md.getData_page_offset();
    if (md.isSetDictionary_page_offset() && md.getDictionary_page_offset() > 0) {
      start = Math.min(start, md.getDictionary_page_offset());
    }
    long length = md.getTotal_compressed_size();
    if (start < 4 || length < 0 || start + length > size - 8) {
      throw new IOException(
          "column "
              + md.getPath_in_schema()
              + ": chunk at "
              + start
              + " (+"
              + length
              + " bytes) lies outside the file's "
              + size
              + " bytes");
    }
    return new BufferedInputStream(new Chunk(ch, start, length), 1 << 16);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }

  private FileMetaData readFooter() throws IOException {
    if (size < 12) {
      throw new IOException("is not a Parquet file (" + size + " bytes)");
    }
    ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(tail, size - 8);
    int footer = tail.getInt(0);
    ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(head, 0);
    if (tail.getInt(4) != MAGIC || head.getInt(0) != MAGIC) {
      throw new IOException(
          tail.getInt(4) == 0x45524150
              ? "is an encrypted Parquet file (not supported)"
              : "is not a Parquet file (no PAR1 magic)");
    }
    if (footer <= 0 || footer > size - 12 || footer > MAX_FOOTER) {
      throw new IOException("has a footer length of " + footer + " bytes, past the file");
    }
    ByteBuffer f = ByteBuffer.allocate(footer);
    readFully(f, size - 8 - footer);
    FileMetaData m = Util.readFileMetaData(new ByteArrayInputStream(f.array()), footer + 1024);
    if (!m.isSetSchema() || m.getSchemaSize() < 1) {
      throw new IOException("has no schema");
    }
    return m;
  }

  private void readFully(ByteBuffer b, long at) throws IOException {
    while (b.hasRemaining()) {
      int n = ch.read(b, at + b.position());
      if (n < 0) {
        throw new IOException("ends early at byte " + (at + b.position()));
      }
    }
  }

  private static VersionParser.ParsedVersion writer(FileMetaData m) {
    try {
      return m.isSetCreated_by() ? VersionParser.parse(m.getCreated_by()) : null;
    } catch (VersionParser.VersionParseException | RuntimeException e) {
      return null; // only used to work around old writers' bugs
    }
  }

  /** The schema's leaves, depth first (the order of the column chunks). */
  static List<Leaf> leaves(List<SchemaElement> schema) throws IOException {
    List<Leaf> out = new ArrayList<>();
    int next = 1;
    int children = schema.get(0).getNum_children();
    for (int c = 0; c < children; c++) {
      next = walk(schema, next, List.of(), new int[] {0, 0, 0}, out, 1);
    }
    if (next != schema.size()) {
      throw new IOException("schema: " + (schema.size() - next) + " elements outside the tree");
    }
    return out;
  }

  /** levels: max repetition, max definition, definition of the innermost repeated field. */
  private static int walk(
      List<SchemaElement> schema,
      int i,
      List<String> parent,
      int[] levels,
      List<Leaf> out,
      int depth)
      throws IOException {
    if (i >= schema.size() || depth > MAX_DEPTH) {
      throw new IOException(
          i >= schema.size() ? "schema: ends inside a group" : "schema: nested too deep");
    }
    SchemaElement e = schema.get(i);
    FieldRepetitionType r =
        e.isSetRepetition_type() ? e.getRepetition_type() : FieldRepetitionType.REQUIRED;
    int[] l = levels.clone();
    if (r != FieldRepetitionType.REQUIRED) {
      l[1]++;
    }
    if (r == FieldRepetitionType.REPEATED) {
      l[0]++;
      l[2] = l[1];
    }
    List<String> path = new ArrayList<>(parent);
    path.add(e.getName());
    if (e.isSetType()) {
      PrimitiveTypeName type =
          switch (e.getType()) {
            case BYTE_ARRAY -> PrimitiveTypeName.BINARY;
            default -> PrimitiveTypeName.valueOf(e.getType().name());
          };
      out.add(new Leaf(List.copyOf(path), type, l[0], l[1], l[2], out.size()));
      return i + 1;
    }
    int next = i + 1;
    for (int c = 0; c < e.getNum_children(); c++) {
      next = walk(schema, next, path, l, out, depth + 1);
    }
    return next;
  }

  /** The pages of one column chunk, read in order; the dictionary page first when there is one. */
  private static final class Pages implements PageReader {
    private final ColumnMetaData md;
    private final InputStream in;
    private final DictionaryPage dictionary;
    private PageHeader pending;
    private long valuesRead;

    Pages(ColumnMetaData md, InputStream in) throws IOException {
      this.md = md;
      this.in = in;
      PageHeader first = nextHeader();
      if (first != null && first.getType() == PageType.DICTIONARY_PAGE) {
        byte[] bytes = body(first);
        var h = first.getDictionary_page_header();
        this.dictionary =
            new DictionaryPage(
                BytesInput.from(bytes), h.getNum_values(), encoding(h.getEncoding()));
      } else {
        this.dictionary = null;
        this.pending = first;
      }
    }

    @Override
    public DictionaryPage readDictionaryPage() {
      return dictionary;
    }

    @Override
    public long getTotalValueCount() {
      return md.getNum_values();
    }

    @Override
    public DataPage readPage() {
      try {
        PageHeader h = pending != null ? pending : nextHeader();
        pending = null;
        while (h != null
            && h.getType() != PageType.DATA_PAGE
            && h.getType() != PageType.DATA_PAGE_V2) {
          in.skipNBytes(h.getCompressed_page_size()); // index pages
          h = nextHeader();
        }
        return h == null ? null : dataPage(h);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(
            "column " + md.getPath_in_schema() + ": " + e.getMessage(), e);
      }
    }

    private PageHeader nextHeader() throws IOException {
      if (valuesRead >= md.getNum_values()) {
        return null;
      }
      PageHeader h = Util.readPageHeader(in);
      if (h.getCompressed_page_size() < 0
          || h.getUncompressed_page_size() < 0
          || h.getUncompressed_page_size() > MAX_PAGE) {
        throw new IOException(
            "page with sizes " + h.getCompressed_page_size() + "/" + h.getUncompressed_page_size());
      }
      return h;
    }

    private DataPage dataPage(PageHeader h) throws IOException {
      if (h.getType() == PageType.DATA_PAGE) {
        var d = h.getData_page_header();
        valuesRead += d.getNum_values();
        return new DataPageV1(
            BytesInput.from(body(h)),
            d.getNum_values(),
            h.getUncompressed_page_size(),
            null,
            encoding(d.getRepetition_level_encoding()),
            encoding(d.getDefinition_level_encoding()),
            encoding(d.getEncoding()));
      }
      var d = h.getData_page_header_v2();
      valuesRead += d.getNum_values();
      int levels = d.getRepetition_levels_byte_length() + d.getDefinition_levels_byte_length();
      if (d.getRepetition_levels_byte_length() < 0
          || d.getDefinition_levels_byte_length() < 0
          || levels > h.getCompressed_page_size()
          || levels > h.getUncompressed_page_size()) {
        throw new IOException("data page v2 with level lengths past the page");
      }
      byte[] rl = in.readNBytes(d.getRepetition_levels_byte_length());
      byte[] dl = in.readNBytes(d.getDefinition_levels_byte_length());
      byte[] raw = readBody(h.getCompressed_page_size() - levels);
      byte[] data =
          d.isIs_compressed() ? decompress(raw, h.getUncompressed_page_size() - levels) : raw;
      return DataPageV2.uncompressed(
          d.getNum_rows(),
          d.getNum_nulls(),
          d.getNum_values(),
          BytesInput.from(rl),
          BytesInput.from(dl),
          encoding(d.getEncoding()),
          BytesInput.from(data),
          null);
    }

    private byte[] body(PageHeader h) throws IOException {
      return decompress(readBody(h.getCompressed_page_size()), h.getUncompressed_page_size());
    }

    private byte[] readBody(int n) throws IOException {
      byte[] b = in.readNBytes(n);
      if (b.length != n) {
        throw new IOException("page ends early (" + b.length + " of " + n + " bytes)");
      }
      return b;
    }

    private byte[] decompress(byte[] in, int size) throws IOException {
      CompressionCodec codec = md.getCodec();
      byte[] out =
          switch (codec) {
            case UNCOMPRESSED -> in;
            case SNAPPY -> snappy(in, size);
            case GZIP -> new GZIPInputStream(new ByteArrayInputStream(in)).readNBytes(size);
            case ZSTD ->
                new com.github.luben.zstd.ZstdInputStreamNoFinalizer(new ByteArrayInputStream(in))
                    .readNBytes(size);
            default ->
                throw new IOException(
                    "compression "
                        + codec
                        + " is not supported (UNCOMPRESSED, SNAPPY, GZIP and ZSTD are)");
          };
      if (out.length != size) {
        throw new IOException(
            codec + " page holds " + out.length + " bytes, its header says " + size);
      }
      return out;
    }

    private static byte[] snappy(byte[] in, int size) throws IOException {
      if (org.xerial.snappy.Snappy.uncompressedLength(in) != size) {
        throw new IOException("SNAPPY page's length is not the header's " + size);
      }
      return org.xerial.snappy.Snappy.uncompress(in);
    }

    private static Encoding encoding(org.apache.parquet.format.Encoding e) {
      return Encoding.valueOf(e.name());
    }
  }

  /**
   * The bytes of a column chunk, read at their position (readers of several columns do not share a
   * channel position); a page size past the chunk reads short.
   */
  private static final class Chunk extends InputStream {
    private final FileChannel ch;
    private long at;
    private long left;

    Chunk(FileChannel ch, long at, long left) {
      this.ch = ch;
      this.at = at;
      this.left = left;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, left)), at);
      if (n > 0) {
        at += n;
        left -= n;
      }
      return n;
    }
  }
}
