package org.dermkg.embeddings.image;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;

/**
 * An 8-bit RGB image, interleaved row-major bytes.
 *
 * @param width pixels
 * @param height pixels
 * @param rgb {@code width * height * 3} bytes, R G B per pixel
 */
public record RgbImage(int width, int height, byte[] rgb) {

  public RgbImage {
    if (rgb.length != width * height * 3) {
      throw new IllegalArgumentException(
          "RGB buffer of " + rgb.length + " bytes for " + width + "x" + height);
    }
  }

  /**
   * The RGB pixels of a decoded image. Gray images are read from the raster (Java's getRGB would
   * apply a linear-to-sRGB curve Pillow does not); everything else through its colour model.
   */
  public static RgbImage of(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    byte[] out = new byte[w * h * 3];
    Raster r = img.getRaster();
    boolean gray =
        img.getColorModel().getNumColorComponents() == 1
            && img.getColorModel().getColorSpace().getNumComponents() == 1
            && img.getColorModel().getPixelSize() <= 16
            && r.getNumBands() <= 2
            && img.getType() != BufferedImage.TYPE_BYTE_BINARY
            && img.getType() != BufferedImage.TYPE_BYTE_INDEXED;
    if (gray) {
      int bits = img.getColorModel().getComponentSize(0);
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        r.getSamples(0, y, w, 1, 0, row);
        for (int x = 0; x < w; x++) {
          int v = bits > 8 ? row[x] >> (bits - 8) : row[x];
          int o = (y * w + x) * 3;
          out[o] = (byte) v;
          out[o + 1] = (byte) v;
          out[o + 2] = (byte) v;
        }
      }
    } else {
      int[] row = new int[w];
      for (int y = 0; y < h; y++) {
        img.getRGB(0, y, w, 1, row, 0, w);
        for (int x = 0; x < w; x++) {
          int p = row[x];
          int o = (y * w + x) * 3;
          out[o] = (byte) (p >> 16);
          out[o + 1] = (byte) (p >> 8);
          out[o + 2] = (byte) p;
        }
      }
    }
    return new RgbImage(w, h, out);
  }
}
