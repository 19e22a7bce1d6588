package org.dermkg.graph.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageProbeTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "gif", "bmp"})
  void readsTheSizeFromTheHeader(String format) throws IOException {
    Path f = dir.resolve("x." + format);
    ImageIO.write(new BufferedImage(37, 21, BufferedImage.TYPE_INT_RGB), format, f.toFile());
    ImageInfo i = ImageProbe.probe(f);
    assertEquals(ImageInfo.PRESENT, i.status());
    assertEquals(format.equals("jpg") ? "jpeg" : format, i.format());
    assertEquals(37, i.width());
    assertEquals(21, i.height());
  }

  @Test
  void jpegWithALargeExifBlockBeforeTheFrame() throws IOException {
    Path f = dir.resolve("exif.jpg");
    ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "jpg", f.toFile());
    byte[] jpg = Files.readAllBytes(f);
    // far beyond the first read, and every offset around its end (a segment, its length or the
    // frame header cut by the end of the first read)
    List<Integer> sizes = new ArrayList<>(List.of(60_000));
    for (int size = ImageProbe.HEAD_BYTES - 400; size < ImageProbe.HEAD_BYTES + 8; size++) {
      sizes.add(size);
    }
    for (int size : sizes) {
      Files.write(f, withApp1(jpg, size));
      ImageInfo i = ImageProbe.probe(f);
      assertEquals(ImageInfo.PRESENT, i.status(), "APP1 of " + size + ": " + i.problem());
      assertEquals(64, i.width());
      assertEquals(48, i.height());
    }
  }

  /** The JPEG with an APP1 segment of {@code size} body bytes right after its start marker. */
  private static byte[] withApp1(byte[] jpg, int size) {
    byte[] app1 = new byte[4 + size];
    app1[0] = (byte) 0xFF;
    app1[1] = (byte) 0xE1;
    app1[2] = (byte) (((size + 2) >> 8) & 0xFF);
    app1[3] = (byte) ((size + 2) & 0xFF);
    byte[] out = new byte[jpg.length + app1.length];
    System.arraycopy(jpg, 0, out, 0, 2);
    System.arraycopy(app1, 0, out, 2, app1.length);
    System.arraycopy(jpg, 2, out, 2 + app1.length, jpg.length - 2);
    return out;
  }

  @Test
  void aFifoOrADirectoryIsUnreadableWithoutBlocking() throws Exception {
    Path fifo = dir.resolve("pipe.jpg");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mk.waitFor());
    // opening a FIFO for reading blocks until a writer comes: the probe must not open it
    ImageInfo i =
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> ImageProbe.probe(fifo));
    assertEquals(ImageInfo.UNREADABLE, i.status());
    assertEquals("not a regular file", i.problem());
    Path sub = Files.createDirectory(dir.resolve("folder.png"));
    assertEquals("not a regular file", ImageProbe.probe(sub).problem());
  }

  @Test
  void webpVp8x() throws IOException {
    byte[] h = new byte[30];
    System.arraycopy("RIFF".getBytes(), 0, h, 0, 4);
    System.arraycopy("WEBPVP8X".getBytes(), 0, h, 8, 8);
    h[24] = (byte) 99; // width - 1 = 99
    h[27] = (byte) 49; // height - 1 = 49
    Path f = Files.write(dir.resolve("x.webp"), h);
    ImageInfo i = ImageProbe.probe(f);
    assertEquals("webp", i.format());
    assertEquals(100, i.width());
    assertEquals(50, i.height());
  }

  @Test
  void missingTruncatedAndForeignFiles() throws IOException {
    assertEquals(ImageInfo.MISSING, ImageProbe.probe(dir.resolve("none.jpg")).status());
    Path png = dir.resolve("t.png");
    ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
    Files.write(png, Arrays.copyOf(Files.readAllBytes(png), 7));
    assertEquals(ImageInfo.UNREADABLE, ImageProbe.probe(png).status());
    Path jpg = dir.resolve("t.jpg");
    ImageIO.write(new BufferedImage(5, 5, BufferedImage.TYPE_INT_RGB), "jpg", jpg.toFile());
    Files.write(jpg, Arrays.copyOf(Files.readAllBytes(jpg), 30));
    ImageInfo cut = ImageProbe.probe(jpg);
    assertEquals(ImageInfo.UNREADABLE, cut.status());
    assertTrue(cut.problem().contains("JPEG"), cut.problem());
    Path txt = Files.writeString(dir.resolve("x.jpg"), "hello, not an image");
    assertEquals("not a JPEG, PNG, GIF, BMP or WebP file", ImageProbe.probe(txt).problem());
    assertEquals(
        "empty file", ImageProbe.probe(Files.write(dir.resolve("e.png"), new byte[0])).problem());
  }
}
