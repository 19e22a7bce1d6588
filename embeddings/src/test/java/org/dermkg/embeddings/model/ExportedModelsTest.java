package org.dermkg.embeddings.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dermkg.embeddings.text.TextTokenizer;
import org.dermkg.embeddings.vectors.EmbedScriptTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What embeddings/tools/export_open_clip.py writes, loaded here: the script exports a BERT-tower
 * model (traced and plain, the DermLIP-PanDerm path: HF text tower, tokenizer.json, mean pooling)
 * and a CLIP-BPE model from stand-ins of open_clip, transformers and tokenizers
 * (check_export_hf_stub.py, Debian's python3-torch), and every export passes its own parity.json
 * from Java: the token ids identical, the text embeddings within 1e-5. Skipped with a message where
 * that Python is missing (.ci/run installs it).
 */
class ExportedModelsTest {
  @TempDir Path tmp;

  private static String pythonOrSkip() {
    Optional<String> python = pythonWithTorchAndRegex();
    assumeTrue(
        python.isPresent(),
        "python3 with torch, PIL, numpy and regex is not installed (Debian: python3-torch"
            + " python3-pil python3-regex): export_open_clip.py's output is not loaded here");
    return python.get();
  }

  private static Optional<String> pythonWithTorchAndRegex() {
    return EmbedScriptTest.pythonWithTorch()
        .filter(
            p -> {
              try {
                Process pr = new ProcessBuilder(p, "-c", "import regex").start();
                return pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0;
              } catch (Exception e) {
                return false;
              }
            });
  }

  @Test
  void theExportScriptsModelsRunHereAsTheyRanThere() throws Exception {
    String python = pythonOrSkip();
    Process p =
        new ProcessBuilder(
                python,
                "embeddings/tools/check_export_hf_stub.py",
                "--keep",
                tmp.toAbsolutePath().toString())
            .directory(Path.of("..").toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), out);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.strip().endsWith(" 0 failed"), out);
    for (String name : new String[] {"bert-trace", "bert-plain", "clip"}) {
      Path dir = tmp.resolve(name);
      try (ClipModel m = ClipModel.load(dir, false)) {
        assertEquals(
            name.startsWith("bert") ? TextTokenizer.Kind.HF : TextTokenizer.Kind.CLIP_BPE,
            m.config().tokenizerKind(),
            name);
        ParityCheck.Result r = ParityCheck.run(m, dir);
        assertTrue(r.idsMatch(), name + ": " + r.problems());
        assertTrue(r.passed(1e-5), name + ": largest difference " + r.maxAbsDiff());
      }
    }
  }
}
