package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dermkg.embeddings.model.ModelConfig;
import org.dermkg.embeddings.text.ClipTokenizer;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derm tokenize}: CLIP token ids of texts, as the model sees them. */
@Command(
    name = "tokenize",
    description = {
      "Print the token ids of each text (start of text, BPE tokens, end of text, zero padding), space-separated,",
      "one line per text. The tokenizer is the model's (config.json of --model, default the model key), or a",
      "CLIP BPE merges file given with --vocab. Exit 2 when there is neither."
    },
    mixinStandardHelpOptions = true)
final class TokenizeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Texts (quote each).")
  List<String> texts;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Exported model directory (DERM_MODEL).")
  String model;

  @Option(
      names = "--vocab",
      paramLabel = "FILE",
      description = "A CLIP BPE merges file (.txt or .txt.gz) instead of a model's.")
  Path vocab;

  @Option(
      names = "--context",
      paramLabel = "N",
      description = "Context length with --vocab (default 77).")
  Integer context;

  @Option(names = "--no-padding", description = "Stop at the end-of-text id.")
  boolean noPadding;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ClipTokenizer tokenizer;
    int ctx;
    if (vocab != null) {
      tokenizer = ClipTokenizer.load(vocab, ClipTokenizer.CLIP_VOCAB_SIZE);
      ctx = context == null ? 77 : context;
    } else {
      Path dir = DermConfig.load().path(Key.MODEL, model);
      ModelConfig config = ModelConfig.read(dir);
      tokenizer = ClipTokenizer.load(config.tokenizerPath(dir), config.vocabSize());
      ctx = context == null ? config.contextLength() : context;
    }
    if (ctx < 3) {
      throw new IllegalArgumentException("--context must be at least 3");
    }
    PrintWriter out = spec.commandLine().getOut();
    for (String t : texts) {
      int[] ids = tokenizer.tokenize(t, ctx);
      int n = ids.length;
      if (noPadding) {
        n = 1;
        while (n < ids.length && ids[n - 1] != tokenizer.endOfText()) {
          n++;
        }
      }
      out.println(
          Arrays.stream(ids, 0, n).mapToObj(Integer::toString).collect(Collectors.joining(" ")));
    }
    out.flush();
    return 0;
  }
}
