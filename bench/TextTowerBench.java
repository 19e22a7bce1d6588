import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dermkg.embeddings.model.ClipModel;

/**
 * Text prompts/s of exported models' text towers (bench/text-towers.sh): each model encodes the same
 * prompts (tokenizer and model, batches of BATCH) RUNS times after one warm-up pass; one JSON line
 * per model with the median.
 *
 * <p>Usage: java -cp ... bench/TextTowerBench.java BATCH RUNS MODEL_DIR...
 */
public class TextTowerBench {
  static final String[] NAMES = {
    "melanoma", "basal cell carcinoma", "seborrheic keratosis", "psoriasis", "atopic dermatitis",
    "acne vulgaris", "rosacea", "vitiligo", "tinea corporis", "lichen planus", "urticaria",
    "melanocytic nevus", "actinic keratosis", "squamous cell carcinoma", "dermatofibroma",
    "vascular lesion"
  };
  static final String[] TEMPLATES = {
    "a dermoscopic image of {}.", "a clinical photo of {} on the skin.", "this is {}.",
    "a close-up photo of a lesion showing {}, a skin condition."
  };

  public static void main(String[] a) {
    int batch = Integer.parseInt(a[0]);
    int runs = Integer.parseInt(a[1]);
    List<String> prompts = new ArrayList<>();
    for (String t : TEMPLATES) {
      for (String n : NAMES) {
        prompts.add(t.replace("{}", n));
      }
    }
    for (String dir : Arrays.copyOfRange(a, 2, a.length)) {
      try (ClipModel m = ClipModel.load(Path.of(dir), false)) {
        encode(m, prompts, batch); // warm-up
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
          long t0 = System.nanoTime();
          encode(m, prompts, batch);
          rates[r] = prompts.size() / ((System.nanoTime() - t0) / 1e9);
        }
        double[] sorted = rates.clone();
        Arrays.sort(sorted);
        System.out.printf(
            "{\"model\":\"%s\",\"tokenizer\":\"%s\",\"context\":%d,\"prompts\":%d,\"batch\":%d,"
                + "\"prompts_per_s_median\":%.1f,\"runs\":%s}%n",
            m.config().modelId(), m.config().tokenizerKind().id(), m.config().contextLength(),
            prompts.size(), batch, sorted[runs / 2], Arrays.toString(rates));
      }
    }
  }

  static void encode(ClipModel m, List<String> prompts, int batch) {
    for (int i = 0; i < prompts.size(); i += batch) {
      m.encodeTexts(prompts.subList(i, Math.min(prompts.size(), i + batch)));
    }
  }
}
