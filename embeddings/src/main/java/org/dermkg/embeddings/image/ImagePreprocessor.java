package org.dermkg.embeddings.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.model.ModelConfig;

/**
 * open_clip's inference preprocessing in Java: RGB, the shorter side resized to the model's size
 * with Pillow's antialiased bicubic ({@link PilResize}, same bytes), center crop (torchvision's
 * rounding), scaled to [0,1] and normalised per channel, as float32 in CHW order. Decoding checks
 * the header first and refuses images over {@link #MAX_PIXELS} (decompression bombs).
 */
public final class ImagePreprocessor {
  /** The largest image (width × height) decoded: 100 megapixels. */
  public static final long MAX_PIXELS = 100_000_000L;

  private final int size;
  private final float[] mean = new float[3];
  private final float[] std = new float[3];
  private final PilResize.Filter filter;
  private final boolean squash;

  /** The preprocessing a model's config asks for. */
  public ImagePreprocessor(ModelConfig config) {
    this(
        config.imageSize(),
        config.mean(),
        config.std(),
        config.interpolation().equals("bilinear")
            ? PilResize.Filter.BILINEAR
            : PilResize.Filter.BICUBIC,
        config.resizeMode().equals("squash"));
  }

  ImagePreprocessor(
      int size, List<Float> mean, List<Float> std, PilResize.Filter filter, boolean squash) {
    this.size = size;
    for (int c = 0; c < 3; c++) {
      this.mean[c] = mean.get(c);
      this.std[c] = std.get(c);
    }
    this.filter = filter;
    this.squash = squash;
  }

  /** The model input size (square). */
  public int size() {
    return size;
  }

  /** Decodes and preprocesses an image file. */
  public float[] preprocess(Path file) {
    try {
      return preprocess(decode(Files.readAllBytes(file), file.toString()));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new EmbeddingsException(Code.IMAGE_UNREADABLE, "no such file " + file, e);
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.IMAGE_UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** CHW float32 of a decoded image. */
  public float[] preprocess(RgbImage img) {
    return normalize(cropped(img));
  }

  /** The resized and center-cropped RGB image (what ToTensor sees), for tests and thumbnails. */
  public RgbImage cropped(RgbImage img) {
    int w = img.width();
    int h = img.height();
    int newW;
    int newH;
    if (squash) {
      newW = size;
      newH = size;
    } else if (w <= h) {
      newW = size;
      newH = (int) ((double) size * h / w);
    } else {
      newH = size;
      newW = (int) ((double) size * w / h);
    }
    byte[] resized = PilResize.resize(img.rgb(), w, h, newW, newH, filter);
    // torchvision CenterCrop: offsets rounded half to even, as Python's round()
    int top = (int) Math.rint((newH - size) / 2.0);
    int left = (int) Math.rint((newW - size) / 2.0);
    byte[] out = new byte[size * size * 3];
    for (int y = 0; y < size; y++) {
      System.arraycopy(resized, ((y + top) * newW + left) * 3, out, y * size * 3, size * 3);
    }
    return new RgbImage(size, size, out);
  }

  private float[] normalize(RgbImage img) {
    int n = size * size;
    float[] chw = new float[3 * n];
    byte[] rgb = img.rgb();
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < 3; c++) {
        float v = (rgb[i * 3 + c] & 0xff) / 255f;
        chw[c * n + i] = (v - mean[c]) / std[c];
      }
    }
    return chw;
  }

  /**
   * Decodes image bytes to RGB: grayscale is replicated to three channels, alpha is dropped (as
   * Pillow's convert("RGB")). JPEG, PNG, GIF and BMP (what ImageIO reads).
   *
   * @throws EmbeddingsException IMAGE_UNREADABLE for bytes no decoder takes, a truncated image, or
   *     one over {@link #MAX_PIXELS}, naming {@code where}
   */
  public static RgbImage decode(byte[] bytes, String where) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) {
        throw new EmbeddingsException(
            Code.IMAGE_UNREADABLE,
            where + ": not an image this decoder reads (JPEG, PNG, GIF, BMP)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS || pixels <= 0) {
          throw new EmbeddingsException(
              Code.IMAGE_UNREADABLE,
              where
                  + ": "
                  + reader.getWidth(0)
                  + "x"
                  + reader.getHeight(0)
                  + " is over the "
                  + MAX_PIXELS / 1_000_000
                  + " megapixel limit");
        }
        return RgbImage.of(reader.read(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof EmbeddingsException ee) {
        throw ee;
      }
      throw new EmbeddingsException(
          Code.IMAGE_UNREADABLE, where + ": cannot decode: " + e.getMessage(), e);
    }
  }

  /** Reads a file fully and decodes it. */
  public static RgbImage decode(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return decode(in.readAllBytes(), file.toString());
    } catch (IOException e) {
      throw new EmbeddingsException(
          Code.IMAGE_UNREADABLE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
