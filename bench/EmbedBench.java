import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dermkg.embeddings.embed.ImageEmbedder;
import org.dermkg.embeddings.model.ClipModel;

/**
 * The Java side of bench/embed.sh: end-to-end image embedding (decode, preprocessing, model, vector
 * file) with ImageEmbedder, and text prompts (tokenizer + encode_text), on the same model, images
 * and batch size as embeddings/tools/bench_torch.py. Prints one JSON line per run.
 *
 * Usage: java -cp ... bench/EmbedBench.java MODEL_DIR IMAGE_DIR BATCH RUNS PROMPTS WORKERS OUT_DIR
 */
public class EmbedBench {
  public static void main(String[] a) throws Exception {
    Path modelDir = Path.of(a[0]);
    Path images = Path.of(a[1]);
    int batch = Integer.parseInt(a[2]);
    int runs = Integer.parseInt(a[3]);
    int nPrompts = Integer.parseInt(a[4]);
    int workers = Integer.parseInt(a[5]);
    Path out = Path.of(a[6]);
    List<ImageEmbedder.Item> items = new ArrayList<>();
    try (Stream<Path> files = Files.list(images)) {
      for (Path f : files.sorted().toList()) {
        items.add(new ImageEmbedder.Item(f.getFileName().toString(), f));
      }
    }
    List<String> prompts = new ArrayList<>();
    for (int i = 0; i < nPrompts; i++) {
      prompts.add("This is a skin image of condition number " + i + ", a kind of skin disease.");
    }
    try (ClipModel model = ClipModel.load(modelDir, false)) {
      // warm-up: one batch of each
      ImageEmbedder.run(model, items.subList(0, batch), out.resolve("warm"), batch, workers, (d, t) -> {});
      model.encodeTexts(prompts.subList(0, batch));
      for (int run = 0; run < runs; run++) {
        Path base = out.resolve("run" + run);
        long t0 = System.nanoTime();
        ImageEmbedder.Report r = ImageEmbedder.run(model, items, base, batch, workers, (d, t) -> {});
        double imgS = r.embedded() / ((System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        for (int i = 0; i < prompts.size(); i += batch) {
          model.encodeTexts(prompts.subList(i, Math.min(prompts.size(), i + batch)));
        }
        double txtS = prompts.size() / ((System.nanoTime() - t0) / 1e9);
        // the model alone on already preprocessed images: what decoding costs end to end
        List<float[]> pre = new ArrayList<>();
        for (ImageEmbedder.Item it : items) {
          pre.add(model.preprocessor().preprocess(it.file()));
        }
        t0 = System.nanoTime();
        for (int i = 0; i < pre.size(); i += batch) {
          model.encodeImages(pre.subList(i, Math.min(pre.size(), i + batch)).toArray(new float[0][]));
        }
        double modelS = pre.size() / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(
            "{\"side\": \"java\", \"run\": %d, \"images_per_s\": %.3f, \"prompts_per_s\": %.3f,"
                + " \"model_only_images_per_s\": %.3f, \"workers\": %d}%n",
            run, imgS, txtS, modelS, workers);
      }
    }
  }
}
