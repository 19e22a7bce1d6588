package org.dermkg.zeroshot.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dermkg.embeddings.vectors.VectorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recall@K on planted vectors, and the caption embedder's resuming. */
class RetrievalTest {
  @TempDir Path tmp;

  private static float[] axis(int i, int dim) {
    float[] v = new float[dim];
    v[i] = 1;
    return v;
  }

  private static String img(int i) {
    return "https://w3id.org/dermkg/image/i" + i + ".jpg";
  }

  @Test
  void recallCountsAnImagesOwnCaptionsAndACaptionsOwnImage() {
    List<String> imageIds = List.of(img(0), img(1), img(2), img(3));
    float[] images = new float[4 * 8];
    for (int i = 0; i < 4; i++) {
      System.arraycopy(axis(i, 8), 0, images, i * 8, 8);
    }
    // caption 3 (of image 3) looks mostly like image 2
    float[] c3 = axis(2, 8);
    c3[3] = 0.1f;
    float[] captions = new float[4 * 8];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(axis(i, 8), 0, captions, i * 8, 8);
    }
    System.arraycopy(c3, 0, captions, 24, 8);
    List<String> capIds = List.of("c0", "c1", "c2", "c3");
    Map<String, String> of = Map.of("c0", img(0), "c1", img(1), "c2", img(2), "c3", img(3));
    var r =
        Retrieval.evaluate(
            new VectorFile.Loaded(8, imageIds, images),
            new VectorFile.Loaded(8, capIds, captions),
            of,
            x -> true,
            100,
            List.of(1, 2));
    assertEquals(4, r.images());
    assertEquals(4, r.captions());
    assertEquals(List.of(1.0, 1.0), r.imageToText(), "image 3's own caption is still its best");
    assertEquals(List.of(0.75, 1.0), r.textToImage(), "caption 3 finds image 2 first");
    var split =
        Retrieval.evaluate(
            new VectorFile.Loaded(8, imageIds, images),
            new VectorFile.Loaded(8, capIds, captions),
            of,
            x -> !x.equals(img(2)),
            2,
            List.of(1));
    assertEquals(2, split.images(), "the split, then the first two by IRI");
    assertEquals(List.of(1.0), split.textToImage());
  }

  @Test
  void theSplitIsStableAndNearTheShare() {
    int in = 0;
    for (int i = 0; i < 10_000; i++) {
      in += Retrieval.inTest(img(i), 20) ? 1 : 0;
      assertEquals(Retrieval.inTest(img(i), 20), Retrieval.inTest(img(i), 20));
    }
    assertTrue(in > 1_800 && in < 2_200, "about a fifth: " + in);
  }

  @Test
  void captionEmbeddingResumesWhereTheFileEnds() {
    Path base = tmp.resolve("captions");
    List<Captions.Caption> caps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      caps.add(new Captions.Caption("c" + i, img(i), "text " + i));
    }
    List<Integer> batches = new ArrayList<>();
    java.util.function.Function<List<String>, float[][]> encode =
        texts -> {
          batches.add(texts.size());
          float[][] out = new float[texts.size()][];
          for (int i = 0; i < texts.size(); i++) {
            out[i] = axis(Integer.parseInt(texts.get(i).substring(5)), 8);
          }
          return out;
        };
    var first = CaptionEmbedder.run(encode, 8, caps.subList(0, 3), base, 2, (d, t) -> {});
    assertEquals(3, first.embedded());
    assertEquals(List.of(2, 1), batches);
    var second = CaptionEmbedder.run(encode, 8, caps, base, 2, (d, t) -> {});
    assertEquals(2, second.embedded());
    assertEquals(3, second.alreadyThere());
    VectorFile.Loaded v = VectorFile.read(base);
    assertEquals(List.of("c0", "c1", "c2", "c3", "c4"), v.ids());
    assertEquals(1f, v.get(4)[4]);
  }
}
