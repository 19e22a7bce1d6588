package org.dermkg.zeroshot.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dermkg.embeddings.EmbeddingsException;
import org.dermkg.embeddings.model.ClipModel;
import org.dermkg.embeddings.zeroshot.Evaluation;
import org.dermkg.embeddings.zeroshot.ZeroShot;
import org.dermkg.graph.csv.CsvReader;
import org.dermkg.graph.csv.CsvRecord;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.sparql.prompts.PromptClass;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;
import org.dermkg.sparql.terms.TermRef;
import org.dermkg.zeroshot.ZeroShotException;

/**
 * Zero-shot evaluation on a folder of labelled images: each image is embedded once, then ranked
 * against the label set's classes under every strategy combination asked for (flat names vs the
 * hierarchy strategies), giving top-1/top-5 accuracy, per-class recall and a confusion matrix.
 */
public final class Evaluator {
  /** A labelled image: its file and the index of its class in the label set. */
  public record Labelled(Path file, int truth, long line) {}

  /** The labelled images read, and the rows that could not be used (line: reason). */
  public record Labels(List<Labelled> images, List<String> skipped) {}

  private Evaluator() {}

  /**
   * Reads {@code filename,label} rows (a header row is allowed), matching each label to a class of
   * the set by name (ignoring case) or, failing that, by resolving it against the ontology. Rows
   * whose image file is missing (or lies outside {@code imageDir}) are skipped and listed.
   *
   * @throws ZeroShotException {@code LABELS_INVALID} when the file cannot be read, a row is
   *     malformed, or a label is no class of the set (naming the file and row)
   */
  public static Labels readLabels(Path csv, Path imageDir, PromptSet set, PromptGenerator gen) {
    LabelIndex classes = new LabelIndex(set, gen);
    List<Labelled> images = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    try (InputStream in = Files.newInputStream(csv);
        CsvReader reader = new CsvReader(in)) {
      for (CsvRecord r = reader.next(); r != null; r = reader.next()) {
        if (r.isRejected()) {
          throw invalid(csv, r.line(), r.problem());
        }
        if (r.fields().size() < 2) {
          throw invalid(csv, r.line(), "expected filename,label");
        }
        String file = r.fields().get(0).strip();
        String label = r.fields().get(1).strip();
        if (r.line() == 1 && file.equalsIgnoreCase("filename")) {
          continue;
        }
        Optional<Integer> truth = classes.of(label);
        if (truth.isEmpty()) {
          throw invalid(csv, r.line(), "label '" + label + "' is not a class of the label set");
        }
        Path p = imageDir.resolve(file).normalize();
        if (!p.startsWith(imageDir.normalize()) || !Files.isRegularFile(p)) {
          skipped.add(csv + ":" + r.line() + ": no image file " + file);
          continue;
        }
        images.add(new Labelled(p, truth.get(), r.line()));
      }
    } catch (IOException e) {
      throw new ZeroShotException(
          ZeroShotException.Code.LABELS_INVALID, "cannot read " + csv + ": " + e, e);
    }
    return new Labels(images, skipped);
  }

  private static ZeroShotException invalid(Path csv, long line, String problem) {
    return new ZeroShotException(
        ZeroShotException.Code.LABELS_INVALID, csv + ":" + line + ": " + problem);
  }

  /** A label set's classes by lower-case name and by member IRI, and the ontology's resolver. */
  private static final class LabelIndex {
    private final Map<String, Integer> byName = new LinkedHashMap<>();
    private final Map<String, Integer> byIri = new LinkedHashMap<>();
    private final PromptGenerator gen;

    LabelIndex(PromptSet set, PromptGenerator gen) {
      this.gen = gen;
      for (int i = 0; i < set.classes().size(); i++) {
        PromptClass c = set.classes().get(i);
        byName.putIfAbsent(c.name().toLowerCase(Locale.ROOT), i);
        for (TermRef m : c.members()) {
          byIri.putIfAbsent(m.iri(), i);
        }
      }
    }

    /** The index of the class a label names, by name first, then by the ontology's resolver. */
    Optional<Integer> of(String label) {
      Integer truth = byName.get(label.toLowerCase(Locale.ROOT));
      if (truth == null) {
        Resolution res = gen.catalog().resolver().resolve(label);
        if (res.isUnique()) {
          truth = byIri.get(res.candidates().get(0).term().iri());
        }
      }
      return Optional.ofNullable(truth);
    }
  }

  /**
   * Runs the evaluation for each strategy combination.
   *
   * @return one evaluation per combination, keyed by its strategy ids joined with '+'
   */
  public static Map<String, Evaluation> run(
      ClipModel model,
      Classifier classifier,
      Selection selection,
      List<Set<Strategy>> combos,
      Templates templates,
      Labels labels,
      List<String> skipped) {
    List<float[]> embeddings = new ArrayList<>();
    List<Labelled> used = new ArrayList<>();
    for (Labelled l : labels.images()) {
      try {
        embeddings.add(
            model.encodeImages(new float[][] {model.preprocessor().preprocess(l.file())})[0]);
        used.add(l);
      } catch (EmbeddingsException e) {
        skipped.add("line " + l.line() + ": " + e.getMessage());
      }
    }
    Map<String, Evaluation> out = new LinkedHashMap<>();
    for (Set<Strategy> combo : combos) {
      PromptRequest req = new PromptRequest(selection, combo, templates);
      ZeroShot zs = classifier.classifier(req);
      Evaluation e = new Evaluation(zs.names());
      for (int i = 0; i < used.size(); i++) {
        e.add(used.get(i).truth(), zs.rank(embeddings.get(i), 5));
      }
      out.put(String.join("+", Strategy.ids(combo)), e);
    }
    return out;
  }
}
