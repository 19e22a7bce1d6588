package org.dermkg.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.jena.graph.NodeFactory;
import org.dermkg.graph.image.ImageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeAheadTest {
  @TempDir Path dir;

  private record Seen(String filename, ImageInfo info) {}

  @Test
  void handsImagesOnInSubmissionOrderWithTheirOwnHeaders() throws IOException {
    // more images than the window, of varied kinds, so that reads finish out of order
    int n = ProbeAhead.WINDOW * 2 + 37;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = "img-" + i + ".png";
      names.add(name);
      if (i % 3 == 0) {
        ImageIO.write(
            new BufferedImage(1 + i % 50, 1 + i % 7, 1), "png", dir.resolve(name).toFile());
      } else if (i % 3 == 1) {
        Files.writeString(dir.resolve(name), "not an image " + i);
      } // else: missing
    }
    List<Seen> seen = new ArrayList<>();
    try (ProbeAhead ahead =
        new ProbeAhead(true, (img, filename, info) -> seen.add(new Seen(filename, info)))) {
      for (String name : names) {
        ahead.submit(NodeFactory.createURI("urn:x:" + name), name, dir.resolve(name));
        assertTrue(seen.size() >= names.indexOf(name) + 1 - ProbeAhead.WINDOW, "window kept");
      }
      ahead.finish();
    }
    assertEquals(n, seen.size());
    for (int i = 0; i < n; i++) {
      Seen s = seen.get(i);
      assertEquals(names.get(i), s.filename());
      switch (i % 3) {
        case 0 -> {
          assertEquals(ImageInfo.PRESENT, s.info().status(), s.filename());
          assertEquals(1 + i % 50, s.info().width());
          assertEquals(1 + i % 7, s.info().height());
        }
        case 1 -> assertEquals(ImageInfo.UNREADABLE, s.info().status(), s.filename());
        default -> assertEquals(ImageInfo.MISSING, s.info().status(), s.filename());
      }
    }
  }

  @Test
  void withoutProbingEveryImageIsMissingAndNothingIsRead() throws IOException {
    Path png = dir.resolve("a.png");
    ImageIO.write(new BufferedImage(5, 5, 1), "png", png.toFile());
    List<Seen> seen = new ArrayList<>();
    try (ProbeAhead ahead =
        new ProbeAhead(false, (img, filename, info) -> seen.add(new Seen(filename, info)))) {
      ahead.submit(NodeFactory.createURI("urn:x:a"), "a.png", png);
      ahead.finish();
    }
    assertEquals(List.of(new Seen("a.png", ImageInfo.missing())), seen);
  }
}
