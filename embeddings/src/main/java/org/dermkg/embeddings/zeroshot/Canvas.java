package org.dermkg.embeddings.zeroshot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The white, text-antialiased canvas the report pictures draw on, and its PNG file. */
final class Canvas {
  private Canvas() {}

  static BufferedImage white(int w, int h) {
    return new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
  }

  /** A graphics context on {@code img}, cleared to white, text antialiased. */
  static Graphics2D graphics(BufferedImage img) {
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    return g;
  }

  static void png(BufferedImage img, Path file) throws IOException {
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("no PNG writer");
    }
  }
}
