package org.dermkg.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.dermkg.embeddings.model.ModelConfig;
import org.dermkg.embeddings.text.ClipTokenizer;
import org.dermkg.embeddings.text.HfTokenizer;
import org.dermkg.embeddings.text.TextTokenizer;
import org.dermkg.server.config.DermConfig;
import org.dermkg.server.config.DermConfig.Key;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derm tokenize}: token ids of texts, as the model sees them. */
@Command(
    name = "tokenize",
    description = {
      "Print the token ids of each text (start of text or [CLS], the tokens, end of text or [SEP], padding),",
      "space-separated, one line per text. The tokenizer is the model's (config.json of --model, default the",
      "model key: CLIP BPE or a HuggingFace tokenizer.json), a CLIP BPE merges file given with --vocab, or a",
      "HuggingFace tokenizer.json given with --tokenizer (run as it is, no cleaning). Exit 2 when there is none."
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
      names = "--tokenizer",
      paramLabel = "FILE",
      description = "A HuggingFace tokenizer.json (or .json.gz) instead of a model's.")
  Path hfFile;

  @Option(
      names = "--context",
      paramLabel = "N",
      description = "Context length (default: the model's; 77 with --vocab, 256 with --tokenizer).")
  Integer context;

  @Option(names = "--no-padding", description = "Leave the padding out.")
  boolean noPadding;

  @Option(names = "--tokens", description = "Print the tokens (strings) instead of the ids.")
  boolean tokens;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (vocab != null && hfFile != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--vocab and --tokenizer: give one tokenizer");
    }
    int ctx;
    try (TextTokenizer tokenizer = tokenizer()) {
      ctx = context != null ? context : defaultContext;
      if (ctx < 3) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--context must be at least 3, was " + ctx);
      }
      PrintWriter out = spec.commandLine().getOut();
      for (String t : texts) {
        out.println(tokens ? String.join(" ", tokenizer.tokens(t, ctx)) : ids(tokenizer, t, ctx));
      }
      out.flush();
    }
    return 0;
  }

  private int defaultContext;

  private TextTokenizer tokenizer() {
    if (vocab != null) {
      defaultContext = 77;
      return ClipTokenizer.load(vocab, ClipTokenizer.CLIP_VOCAB_SIZE);
    }
    if (hfFile != null) {
      defaultContext = 256;
      return HfTokenizer.load(hfFile, 0, false);
    }
    Path dir = DermConfig.load().path(Key.MODEL, model);
    ModelConfig config = ModelConfig.read(dir);
    defaultContext = config.contextLength();
    return TextTokenizer.load(
        config.tokenizerKind(), config.tokenizerPath(dir), config.vocabSize());
  }

  private String ids(TextTokenizer tokenizer, String text, int ctx) {
    int[] ids = tokenizer.tokenize(text, ctx);
    int n = ids.length;
    if (noPadding) {
      n = tokenizer.tokens(text, ctx).size();
    }
    return Arrays.stream(ids, 0, n).mapToObj(Integer::toString).collect(Collectors.joining(" "));
  }
}
