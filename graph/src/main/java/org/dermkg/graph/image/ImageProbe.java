package org.dermkg.graph.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads format, width and height from an image file's header without decoding pixels: PNG (IHDR),
 * JPEG (the first start-of-frame marker), GIF, BMP and WebP (VP8, VP8L, VP8X). Reads at most {@link
 * #MAX_HEADER_BYTES}. Stateless and thread-safe.
 */
public final class ImageProbe {
  /** A JPEG whose frame header is not within this many bytes counts as unreadable. */
  public static final int MAX_HEADER_BYTES = 1 << 20;

  /** Bytes of the first (usually only) read of a file. */
  static final int HEAD_BYTES = 4096;

  /** Each I/O thread's buffer for the first read. */
  private static final ThreadLocal<ByteBuffer> HEAD =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(HEAD_BYTES));

  private ImageProbe() {}

  public static ImageInfo probe(Path file) {
    // a FIFO would block the open until something writes to it; a directory cannot be read
    // (java.io's boolean stat: no attribute objects)
    if (!file.toFile().isFile()) {
      return Files.exists(file) ? ImageInfo.unreadable("not a regular file") : ImageInfo.missing();
    }
    // then open, one read, close: every header but a JPEG's with a large block before its frame is
    // in the first read (the file read through a stream took seven system calls)
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buf = HEAD.get().clear();
      int n = Math.max(0, ch.read(buf));
      byte[] head = buf.array();
      ImageInfo fixed = fixedHeader(head, n);
      if (fixed != null) {
        return fixed;
      }
      if (n >= 4 && u8(head, 0) == 0xFF && u8(head, 1) == 0xD8) {
        // the rest of the file is read only if the frame header is not in the first read
        return jpeg(head, n, new BufferedInputStream(Channels.newInputStream(ch), 4096));
      }
      return ImageInfo.unreadable(n == 0 ? "empty file" : "not a JPEG, PNG, GIF, BMP or WebP file");
    } catch (NoSuchFileException e) {
      return ImageInfo.missing();
    } catch (java.io.EOFException e) {
      return ImageInfo.unreadable("truncated file: it ends inside a header");
    } catch (IOException e) {
      return ImageInfo.unreadable("cannot read: " + e);
    }
  }

  /** The size of a PNG, GIF, BMP or WebP from the first {@code n} bytes; null for other files. */
  private static ImageInfo fixedHeader(byte[] head, int n) {
    if (n >= 24 && u8(head, 0) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
      return dims("png", be32(head, 16), be32(head, 20));
    }
    if (n >= 10 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
      return dims("gif", le16(head, 6), le16(head, 8));
    }
    if (n >= 26 && head[0] == 'B' && head[1] == 'M') {
      return dims("bmp", le32(head, 18), Math.abs(le32(head, 22)));
    }
    boolean riff = n >= 30 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F';
    if (riff && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
      return webp(head);
    }
    return null;
  }

  private static ImageInfo dims(String format, int w, int h) {
    if (w <= 0 || h <= 0 || w > 1 << 16 || h > 1 << 16) {
      return ImageInfo.unreadable(format + " header has impossible size " + w + "x" + h);
    }
    return ImageInfo.present(format, w, h);
  }

  private static ImageInfo webp(byte[] h) {
    String chunk = new String(h, 12, 4, java.nio.charset.StandardCharsets.US_ASCII);
    return switch (chunk) {
      case "VP8 " -> dims("webp", le16(h, 26) & 0x3FFF, le16(h, 28) & 0x3FFF);
      case "VP8L" -> {
        int b = le32(h, 21);
        yield dims("webp", (b & 0x3FFF) + 1, ((b >>> 14) & 0x3FFF) + 1);
      }
      case "VP8X" ->
          dims(
              "webp",
              (u8(h, 24) | u8(h, 25) << 8 | u8(h, 26) << 16) + 1,
              (u8(h, 27) | u8(h, 28) << 8 | u8(h, 29) << 16) + 1);
      default -> ImageInfo.unreadable("unknown WebP chunk " + chunk);
    };
  }

  /** Walks JPEG segments (skipping their bodies) from the head already read to the first SOFn. */
  private static ImageInfo jpeg(byte[] head, int n, InputStream rest) throws IOException {
    InputStream in =
        new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head, 2, n - 2), rest);
    long offset = 2;
    while (offset < MAX_HEADER_BYTES) {
      int ff = in.read();
      if (ff < 0) {
        return ImageInfo.unreadable("truncated JPEG: no frame header");
      }
      if (ff != 0xFF) {
        return ImageInfo.unreadable("corrupt JPEG: no marker at byte " + offset);
      }
      int marker = in.read();
      offset += 2;
      while (marker == 0xFF) { // fill bytes
        marker = in.read();
        offset++;
      }
      if (marker < 0) {
        return ImageInfo.unreadable("truncated JPEG: no frame header");
      }
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
        continue; // markers without a length
      }
      byte[] len = in.readNBytes(2);
      if (len.length < 2) {
        return ImageInfo.unreadable("truncated JPEG: no frame header");
      }
      int segment = (u8(len, 0) << 8) | u8(len, 1);
      ImageInfo found = segment(marker, segment, in);
      if (found != null) {
        return found;
      }
      offset += segment;
    }
    return ImageInfo.unreadable(
        "JPEG frame header not within the first " + MAX_HEADER_BYTES + " bytes");
  }

  /**
   * One segment after its length: the image size if it is a frame header (SOFn), an error if the
   * image data or its end comes first or the segment is cut short, else null with the body skipped.
   */
  private static ImageInfo segment(int marker, int segment, InputStream in) throws IOException {
    boolean sof =
        marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      byte[] f = in.readNBytes(5);
      if (f.length < 5) {
        return ImageInfo.unreadable("truncated JPEG frame header");
      }
      return dims("jpeg", (u8(f, 3) << 8) | u8(f, 4), (u8(f, 1) << 8) | u8(f, 2));
    }
    if (marker == 0xD9 || marker == 0xDA || segment < 2) {
      return ImageInfo.unreadable("corrupt JPEG: no frame header before the image data");
    }
    try {
      in.skipNBytes(segment - 2);
    } catch (java.io.EOFException e) {
      return ImageInfo.unreadable("truncated JPEG: it ends inside a header segment");
    }
    return null;
  }

  private static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  private static int be32(byte[] b, int i) {
    return (u8(b, i) << 24) | (u8(b, i + 1) << 16) | (u8(b, i + 2) << 8) | u8(b, i + 3);
  }

  private static int le16(byte[] b, int i) {
    return u8(b, i) | (u8(b, i + 1) << 8);
  }

  private static int le32(byte[] b, int i) {
    return le16(b, i) | (le16(b, i + 2) << 16);
  }
}
