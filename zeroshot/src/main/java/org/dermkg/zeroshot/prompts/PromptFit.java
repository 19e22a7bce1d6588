package org.dermkg.zeroshot.prompts;

import java.util.ArrayList;
import java.util.List;
import org.dermkg.embeddings.text.TextTokenizer;
import org.dermkg.sparql.prompts.Prompt;
import org.dermkg.sparql.prompts.PromptClass;
import org.dermkg.sparql.prompts.PromptSet;

/**
 * Checks a prompt set against a model's tokenizer: a prompt longer than the text context is cut by
 * the model (CLIP's 77 tokens bite long concept descriptors; a BERT tower's 256 rarely), so the
 * prompts that would be are named in the set's notes, with the model, its context and how many
 * tokens each needs.
 */
public final class PromptFit {
  /** Prompts named in the notes at most (the count is always given). */
  static final int LISTED = 20;

  private PromptFit() {}

  /** A prompt the model would cut. */
  public record Cut(String classLabel, String prompt, int tokens) {}

  /** The prompts of {@code set} that do not fit {@code context} tokens. */
  public static List<Cut> cuts(PromptSet set, TextTokenizer tokenizer, int context) {
    List<Cut> out = new ArrayList<>();
    for (PromptClass c : set.classes()) {
      for (Prompt p : c.prompts()) {
        int n = tokenizer.length(p.text());
        if (n > context) {
          out.add(new Cut(c.name(), p.text(), n));
        }
      }
    }
    return out;
  }

  /** The set with a note on the prompts {@code model} would cut (the same set when none). */
  public static PromptSet check(PromptSet set, TextTokenizer tokenizer, int context, String model) {
    List<Cut> cuts = cuts(set, tokenizer, context);
    if (cuts.isEmpty()) {
      return set;
    }
    List<String> notes = new ArrayList<>();
    notes.add(
        cuts.size()
            + " of "
            + set.promptCount()
            + " prompts are longer than "
            + model
            + "'s "
            + context
            + "-token context and would be cut ("
            + tokenizer.kind().id()
            + " tokenizer)");
    for (Cut c : cuts.subList(0, Math.min(LISTED, cuts.size()))) {
      notes.add(
          "cut at "
              + context
              + " tokens (needs "
              + c.tokens()
              + "): "
              + c.classLabel()
              + ": '"
              + c.prompt()
              + "'");
    }
    if (cuts.size() > LISTED) {
      notes.add("... and " + (cuts.size() - LISTED) + " more prompts cut");
    }
    return set.withNotes(notes);
  }
}
