package org.dermkg.zeroshot.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.zeroshot.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder, one model: loaded once on first use, gone after close. */
class LazyModelTest {
  @TempDir Path tmp;

  @Test
  void aDirectoryWithoutAModelIsModelMissing() {
    try (LazyModel model = new LazyModel(tmp)) {
      assertFalse(model.present());
      EmbeddingsException e = assertThrows(EmbeddingsException.class, model::get);
      assertEquals(EmbeddingsException.Code.MODEL_MISSING, e.code());
      assertTrue(e.getMessage().startsWith("no model at " + tmp.toAbsolutePath()), e.getMessage());
    }
  }

  @Test
  void theModelLoadsOnceAndNotAfterClose() {
    LazyModel model = new LazyModel(Fixtures.TINY);
    assertTrue(model.present());
    ClipModel first = model.get();
    assertSame(first, model.get());
    model.close();
    model.close(); // idempotent
    assertThrows(IllegalStateException.class, model::get);
  }

  @Test
  void twoHoldersOfOneDirectoryAreIndependent() {
    try (LazyModel a = new LazyModel(Fixtures.TINY)) {
      ClipModel fromA = a.get();
      LazyModel b = new LazyModel(Fixtures.TINY);
      b.get();
      b.close();
      // closing one owner's model leaves the other's usable
      assertEquals(32, fromA.encodeTexts(java.util.List.of("a red plaque"))[0].length);
    }
  }
}
