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
  /**
   * A labelled image: its file, the index of its class in the label set, and the slices it falls in
   * (e.g. "Fitzpatrick" to "V"; none for a CSV row).
   */
  public record Labelled(Path file, int truth, long line, Map<String, String> slices) {
    public Labelled {
      slices = Map.copyOf(slices);
    }

    public Labelled(Path file, int truth, long line) {
      this(file, truth, line, Map.of());
    }
  }

  /**
   * One strategy combination's evaluation over all images and over each slice ("Fitzpatrick=V").
   */
  public record Run(Evaluation all, Map<String, Evaluation> slices) {}

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

  /**
   * The images of a benchmark dataset the store holds (see {@code derm load --dataset}), each
   * labelled by its stored DERM diagnosis mapped to a class of the set (as a member or a descendant
   * of one), in slices by Fitzpatrick type, skin tone and body site. An image whose diagnosis is no
   * class of the set, unresolved, or whose file is missing is skipped and listed.
   */
  public static Labels fromDataset(
      List<org.dermkg.graph.datasets.DatasetImages.StoredImage> stored,
      Path imageDir,
      PromptSet set,
      PromptGenerator gen) {
    LabelIndex classes = new LabelIndex(set, gen);
    List<Labelled> images = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    long n = 0;
    for (org.dermkg.graph.datasets.DatasetImages.StoredImage s : stored) {
      n++;
      Optional<Integer> truth = s.diagnosis().flatMap(classes::ofIri);
      Path p = imageDir.resolve(s.file()).normalize();
      if (truth.isEmpty()) {
        skipped.add(
            s.iri()
                + ": diagnosis "
                + s.diagnosis().orElse("unresolved")
                + " is no class of the set");
      } else if (!p.startsWith(imageDir.normalize()) || !Files.isRegularFile(p)) {
        skipped.add(s.iri() + ": no image file " + s.file());
      } else {
        images.add(new Labelled(p, truth.get(), n, slices(s, gen)));
      }
    }
    return new Labels(images, skipped);
  }

  private static final List<String> ROMAN = List.of("I", "II", "III", "IV", "V", "VI");

  private static Map<String, String> slices(
      org.dermkg.graph.datasets.DatasetImages.StoredImage s, PromptGenerator gen) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "Fitzpatrick",
        s.fitzpatrick().isPresent() ? ROMAN.get(s.fitzpatrick().getAsInt() - 1) : "unknown");
    s.skinTone().ifPresent(t -> m.put("skin tone", t));
    s.site()
        .ifPresent(
            x ->
                m.put(
                    "body site",
                    gen.catalog()
                        .get(x)
                        .map(org.dermkg.sparql.prompts.CatalogClass::label)
                        .orElse(x.startsWith("http") ? x.substring(x.lastIndexOf('/') + 1) : x)));
    return m;
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

    /** The index of the class a DERM class is a member of, or is under. */
    Optional<Integer> ofIri(String iri) {
      Integer direct = byIri.get(iri);
      if (direct != null) {
        return Optional.of(direct);
      }
      for (String a : gen.catalog().ancestors(iri)) {
        Integer up = byIri.get(a);
        if (up != null) {
          return Optional.of(up);
        }
      }
      return Optional.empty();
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
   * Runs the evaluation for each strategy combination, over all images and over each slice the
   * images fall in (each image embedded once).
   *
   * @return one run per combination, keyed by its strategy ids joined with '+'
   */
  public static Map<String, Run> run(
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
    Map<String, Run> out = new LinkedHashMap<>();
    for (Set<Strategy> combo : combos) {
      ZeroShot zs = classifier.classifier(new PromptRequest(selection, combo, templates));
      Evaluation all = new Evaluation(zs.names());
      Map<String, Evaluation> slices = new java.util.TreeMap<>();
      for (int i = 0; i < used.size(); i++) {
        double[] probabilities = zs.probabilities(embeddings.get(i));
        all.add(used.get(i).truth(), probabilities);
        for (Map.Entry<String, String> sl : used.get(i).slices().entrySet()) {
          slices
              .computeIfAbsent(sl.getKey() + "=" + sl.getValue(), k -> new Evaluation(zs.names()))
              .add(used.get(i).truth(), probabilities);
        }
      }
      out.put(String.join("+", Strategy.ids(combo)), new Run(all, slices));
    }
    return out;
  }
}
