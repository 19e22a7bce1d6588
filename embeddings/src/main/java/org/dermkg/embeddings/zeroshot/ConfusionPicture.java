package org.dermkg.embeddings.zeroshot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** Draws a confusion matrix as a PNG heat map (rows true, columns predicted, row-normalised). */
public final class ConfusionPicture {
  private ConfusionPicture() {}

  /** Writes the picture; cells are shaded by the share of the true class's images. */
  public static void write(Evaluation e, String title, Path file) throws IOException {
    int n = e.classes().size();
    int cell = n <= 20 ? 28 : n <= 60 ? 14 : 8;
    int label = 10 + 6 * e.classes().stream().mapToInt(String::length).max().orElse(10);
    label = Math.min(label, 260);
    int w = label + n * cell + 20;
    int h = 44 + label + n * cell + 20;
    BufferedImage img = Canvas.white(w, h);
    Graphics2D g = Canvas.graphics(img);
    drawTitle(g, e, title);
    long[][] m = e.confusion();
    int x0 = label;
    int y0 = 44 + label;
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(11, cell - 2))));
    for (int i = 0; i < n; i++) {
      drawRow(g, m[i], i, cell, x0, y0);
      drawNames(g, clip(e.classes().get(i)), i, cell, x0, y0);
    }
    g.dispose();
    Canvas.png(img, file);
  }

  private static void drawTitle(Graphics2D g, Evaluation e, String title) {
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(
        title
            + String.format("  top-1 %.3f  top-5 %.3f  (%d images)", e.top1(), e.top5(), e.total()),
        10,
        22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString("rows: true class, columns: predicted; shade = share of the row", 10, 36);
  }

  /** Row {@code i}'s cells, shaded by their share of the row (blue on the diagonal, else red). */
  private static void drawRow(Graphics2D g, long[] counts, int i, int cell, int x0, int y0) {
    long row = 0;
    for (long v : counts) {
      row += v;
    }
    for (int j = 0; j < counts.length; j++) {
      double share = row == 0 ? 0 : (double) counts[j] / row;
      int shade = (int) Math.round(255 * (1 - share));
      g.setColor(i == j ? new Color(shade, shade, 255) : new Color(255, shade, shade));
      g.fillRect(x0 + j * cell, y0 + i * cell, cell - 1, cell - 1);
    }
  }

  /** Class {@code i}'s name left of its row and, rotated, above its column. */
  private static void drawNames(Graphics2D g, String name, int i, int cell, int x0, int y0) {
    g.setColor(Color.BLACK);
    g.drawString(name, 5, y0 + i * cell + cell - 3);
    AffineTransform saved = g.getTransform();
    g.rotate(-Math.PI / 2, x0 + i * cell + cell - 3, y0 - 5);
    g.drawString(name, x0 + i * cell + cell - 3, y0 - 5);
    g.setTransform(saved);
  }

  private static String clip(String s) {
    return s.length() > 40 ? s.substring(0, 39) + "…" : s;
  }
}
