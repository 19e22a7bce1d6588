package org.dermkg.embeddings.zeroshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dermkg.embeddings.EmbeddingsException;
import org.junit.jupiter.api.Test;

/** Logits are 100 × cosine, probabilities their softmax, ranking best first. */
class ZeroShotTest {
  @Test
  void ranksByScaledCosine() {
    ZeroShot zs = new ZeroShot(List.of("x", "y", "z"), new float[] {2, 0, 0, 3, 1, 1}, 2);
    List<ZeroShot.Ranked> top = zs.rank(new float[] {0.6f, 0.8f}, 3);
    assertEquals(List.of("z", "y", "x"), top.stream().map(ZeroShot.Ranked::name).toList());
    assertEquals(100 * (0.6 + 0.8) / Math.sqrt(2), top.get(0).logit(), 1e-4);
    assertEquals(80.0, top.get(1).logit(), 1e-4);
    assertEquals(60.0, top.get(2).logit(), 1e-4);
    double sum = top.stream().mapToDouble(ZeroShot.Ranked::probability).sum();
    assertEquals(1.0, sum, 1e-9);
    assertEquals(1, zs.rank(new float[] {1, 0}, 1).size());
    assertThrows(EmbeddingsException.class, () -> zs.rank(new float[3], 1));
  }
}
