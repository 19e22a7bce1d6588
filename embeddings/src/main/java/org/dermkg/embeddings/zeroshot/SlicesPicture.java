package org.dermkg.embeddings.zeroshot;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Top-1 accuracy per slice (Fitzpatrick type, skin tone, body site) as a PNG bar chart: one bar per
 * slice with its 95% interval as a whisker and its image count, and the overall top-1 as a line.
 */
public final class SlicesPicture {
  /** One bar: the slice, its images, its top-1 and interval. */
  public record Bar(String slice, int images, double top1, double low, double high) {}

  private static final int ROW = 22;
  private static final int LABEL = 220;
  private static final int PLOT = 360;

  private SlicesPicture() {}

  /** Writes the chart of top-1 per slice. */
  public static void write(List<Bar> bars, double overall, String title, Path file)
      throws IOException {
    write(bars, overall, title, "top-1 per slice, 95% bootstrap interval; line: all images", file);
  }

  /** Writes the chart: one bar per row with its interval, the line at {@code overall}. */
  public static void write(List<Bar> bars, double overall, String title, String subtitle, Path file)
      throws IOException {
    int w = LABEL + PLOT + 120;
    int h = 60 + ROW * Math.max(1, bars.size()) + 30;
    BufferedImage img = Canvas.white(w, h);
    Graphics2D g = Canvas.graphics(img);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    g.drawString(title, 10, 22);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    g.drawString(subtitle, 10, 38);
    for (int i = 0; i < bars.size(); i++) {
      bar(g, bars.get(i), 50 + i * ROW);
    }
    int x = LABEL + (int) Math.round(overall * PLOT);
    g.setColor(new Color(200, 40, 40));
    g.drawLine(x, 46, x, h - 24);
    g.drawString(String.format(Locale.ROOT, "all %.3f", overall), x + 3, h - 10);
    g.dispose();
    Canvas.png(img, file);
  }

  private static void bar(Graphics2D g, Bar b, int y) {
    g.setColor(Color.BLACK);
    String name = b.slice().length() > 34 ? b.slice().substring(0, 33) + "…" : b.slice();
    g.drawString(name, 10, y + 14);
    g.setColor(new Color(70, 110, 180));
    g.fillRect(LABEL, y + 3, (int) Math.round(b.top1() * PLOT), ROW - 8);
    g.setColor(Color.DARK_GRAY);
    int lo = LABEL + (int) Math.round(b.low() * PLOT);
    int hi = LABEL + (int) Math.round(b.high() * PLOT);
    g.drawLine(lo, y + ROW / 2, hi, y + ROW / 2);
    g.drawLine(lo, y + 5, lo, y + ROW - 5);
    g.drawLine(hi, y + 5, hi, y + ROW - 5);
    g.drawString(
        String.format(Locale.ROOT, "%.3f (n=%d)", b.top1(), b.images()), LABEL + PLOT + 8, y + 14);
  }
}
