package org.dermkg.embeddings.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.EmbeddingsException.Code;
import org.dermkg.embeddings.image.ImagePreprocessor;
import org.dermkg.embeddings.text.TextTokenizer;

/**
 * An exported CLIP model (config.json, TorchScript with {@code encode_image} and {@code
 * encode_text}, BPE vocabulary) running on DJL's PyTorch engine, offline. Loading checks the model
 * against its config by encoding one blank image and one empty text. Embeddings are returned as the
 * model computes them (not normalised). Thread-safe: each call works in its own NDManager.
 */
public final class ClipModel implements AutoCloseable {
  static {
    // the native libtorch comes from the pytorch-native jar on the class path: never download
    System.setProperty("ai.djl.offline", "true");
  }

  private final ModelConfig config;
  private final TextTokenizer tokenizer;
  private final ImagePreprocessor preprocessor;
  private final Model model;
  private final PtSymbolBlock block;
  private final Device device;

  private ClipModel(ModelConfig config, TextTokenizer tokenizer, Model model, Device device) {
    this.config = config;
    this.tokenizer = tokenizer;
    this.preprocessor = new ImagePreprocessor(config);
    this.model = model;
    this.block = (PtSymbolBlock) model.getBlock();
    this.device = device;
  }

  /**
   * Loads a model directory on the CPU, or on the first GPU when {@code gpu} is asked for and DJL
   * sees one: {@code load(dir, gpu ? OptionalInt.of(0) : OptionalInt.empty())}.
   *
   * @throws EmbeddingsException MODEL_MISSING, MODEL_CORRUPT, CONFIG_MISMATCH or VOCAB_INVALID,
   *     naming the file
   */
  public static ClipModel load(Path dir, boolean gpu) {
    return load(dir, gpu ? OptionalInt.of(0) : OptionalInt.empty());
  }

  /**
   * Loads a model directory on CUDA device {@code gpu} (0 the first, as DJL and CUDA number the
   * devices this process sees), or on the CPU when {@code gpu} is empty or DJL sees no GPU (a
   * CPU-only libtorch, no driver).
   *
   * @throws EmbeddingsException MODEL_MISSING, MODEL_CORRUPT, CONFIG_MISMATCH or VOCAB_INVALID,
   *     naming the file; BAD_ARGUMENT when {@code gpu} is negative or names a device DJL does not
   *     see
   */
  public static ClipModel load(Path dir, OptionalInt gpu) {
    ModelConfig config = ModelConfig.read(dir);
    Path script = config.torchscriptPath(dir);
    if (!Files.isRegularFile(script)) {
      throw new EmbeddingsException(Code.MODEL_MISSING, "no TorchScript model at " + script);
    }
    TextTokenizer tokenizer =
        TextTokenizer.load(config.tokenizerKind(), config.tokenizerPath(dir), config.vocabSize());
    try {
      return open(config, tokenizer, script, gpu);
    } catch (RuntimeException e) {
      tokenizer.close(); // its natives (a HuggingFace tokenizer)
      throw e;
    }
  }

  private static ClipModel open(
      ModelConfig config, TextTokenizer tokenizer, Path script, OptionalInt gpu) {
    Device device =
        device(gpu, gpu.isPresent() ? ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() : 0);
    Model model = Model.newInstance("clip", device, "PyTorch");
    try {
      String name = script.getFileName().toString();
      model.load(
          script.getParent(), name.endsWith(".pt") ? name.substring(0, name.length() - 3) : name);
    } catch (IOException | MalformedModelException | EngineException e) {
      model.close();
      throw new EmbeddingsException(
          Code.MODEL_CORRUPT, script + " does not load as TorchScript: " + firstLine(e), e);
    }
    ClipModel m = new ClipModel(config, tokenizer, model, device);
    try {
      m.check();
    } catch (RuntimeException e) {
      m.close();
      throw e;
    }
    return m;
  }

  /**
   * The device of {@link #load(Path, OptionalInt)}: the CPU for no GPU number or when there are no
   * GPUs, else {@code gpu(n)} for a number below {@code gpuCount}.
   *
   * @throws EmbeddingsException BAD_ARGUMENT for a negative number or one of a device not seen
   */
  static Device device(OptionalInt gpu, int gpuCount) {
    if (gpu.isEmpty()) {
      return Device.cpu();
    }
    int n = gpu.getAsInt();
    if (n < 0 || (gpuCount > 0 && n >= gpuCount)) {
      throw new EmbeddingsException(
          Code.BAD_ARGUMENT,
          "GPU "
              + n
              + " asked for; this process sees "
              + gpuCount
              + " CUDA device(s), numbered from 0 (CUDA_VISIBLE_DEVICES renumbers them)");
    }
    return gpuCount == 0 ? Device.cpu() : Device.gpu(n);
  }

  private void check() {
    int s = config.imageSize();
    float[][] blank = {new float[3 * s * s]};
    int got = encodeImages(blank)[0].length;
    if (got != config.embedDim()) {
      throw new EmbeddingsException(
          Code.CONFIG_MISMATCH,
          "the model's image embedding has "
              + got
              + " values; config.json says embed_dim "
              + config.embedDim());
    }
    int text = encodeTexts(List.of(""))[0].length;
    if (text != config.embedDim()) {
      throw new EmbeddingsException(
          Code.CONFIG_MISMATCH,
          "the model's text embedding has "
              + text
              + " values; config.json says embed_dim "
              + config.embedDim());
    }
  }

  public ModelConfig config() {
    return config;
  }

  public TextTokenizer tokenizer() {
    return tokenizer;
  }

  public ImagePreprocessor preprocessor() {
    return preprocessor;
  }

  /** "cpu()" or "gpu(0)". */
  public String device() {
    return device.toString();
  }

  /** Image embeddings of preprocessed images (each CHW float32 of the model's size). */
  public float[][] encodeImages(float[][] chw) {
    int s = config.imageSize();
    int n = chw.length;
    float[] flat = new float[n * 3 * s * s];
    for (int i = 0; i < n; i++) {
      if (chw[i].length != 3 * s * s) {
        throw new EmbeddingsException(
            Code.BAD_ARGUMENT,
            "image " + i + " has " + chw[i].length + " values, not 3x" + s + "x" + s);
      }
      System.arraycopy(chw[i], 0, flat, i * 3 * s * s, 3 * s * s);
    }
    return run("encode_image", m -> m.create(flat, new Shape(n, 3, s, s)), n);
  }

  /** Text embeddings of texts (tokenised with the model's tokenizer and context). */
  public float[][] encodeTexts(List<String> texts) {
    int ctx = config.contextLength();
    int[][] tokens = new int[texts.size()][];
    int width = 1;
    for (int i = 0; i < texts.size(); i++) {
      tokens[i] = tokenizer.tokenize(texts.get(i), ctx);
      width = Math.max(width, used(tokens[i]));
    }
    // a HuggingFace text tower masks ids == pad id itself (open_clip's HFTextEncoder): the
    // batch's trailing padding changes nothing and is left out (BERT at 256 tokens pays for every
    // position); CLIP's tower adds a 77-position embedding and takes the full context
    int len = config.tokenizerKind() == TextTokenizer.Kind.HF ? width : ctx;
    long[] ids = new long[texts.size() * len];
    for (int i = 0; i < texts.size(); i++) {
      for (int j = 0; j < len; j++) {
        ids[i * len + j] = tokens[i][j];
      }
    }
    return run("encode_text", m -> m.create(ids, new Shape(texts.size(), len)), texts.size());
  }

  /** Positions up to the last id that is not padding. */
  private int used(int[] ids) {
    int n = ids.length;
    while (n > 0 && ids[n - 1] == tokenizer.padId()) {
      n--;
    }
    return n;
  }

  private float[][] run(
      String method, java.util.function.Function<NDManager, ai.djl.ndarray.NDArray> input, int n) {
    if (n == 0) {
      return new float[0][];
    }
    try (NDManager m = model.getNDManager().newSubManager(device)) {
      JniUtils.setGradMode(false);
      PtNDArray x = (PtNDArray) input.apply(m);
      try (IValue in = IValue.from(x);
          IValue out = IValueUtils.runMethod(block, method, in)) {
        PtNDArray y = out.toTensor((PtNDManager) m);
        long[] shape = y.getShape().getShape();
        if (shape.length != 2 || shape[0] != n) {
          throw new EmbeddingsException(
              Code.CONFIG_MISMATCH,
              method + " returned shape " + y.getShape() + " for " + n + " inputs");
        }
        float[] flat = y.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        int d = (int) shape[1];
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
          System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        return rows;
      }
    } catch (EngineException e) {
      throw new EmbeddingsException(
          Code.MODEL_CORRUPT, "the model's " + method + " failed: " + firstLine(e), e);
    }
  }

  private static String firstLine(Throwable e) {
    String msg = String.valueOf(e.getMessage());
    int nl = msg.indexOf('\n');
    return nl < 0 ? msg : msg.substring(0, nl);
  }

  @Override
  public void close() {
    model.close();
    tokenizer.close();
  }
}
