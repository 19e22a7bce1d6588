import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.sparql.prompts.PromptGenerator;
import org.dermkg.sparql.prompts.PromptRequest;
import org.dermkg.sparql.prompts.PromptSet;
import org.dermkg.sparql.prompts.PromptWriter;
import org.dermkg.sparql.prompts.Selection;
import org.dermkg.sparql.prompts.Strategy;
import org.dermkg.sparql.prompts.Templates;

/**
 * Benchmark of the prompt generator (run by bench/prompts.sh on the server's class path) over the
 * shipped ontology, as derm prompts runs it. Warm timings (after WARMUP iterations), median of RUNS:
 *
 * <ol>
 *   <li>every class of the ontology (diseases, concepts, body sites; not the findings) in one set,
 *       all six strategies, the 8 Derm1M templates, generation plus JSON;
 *   <li>every level of the disease hierarchy as its own set (level 1, 2, 3, ...), all strategies,
 *       summed: the "multi-granular" use;
 *   <li>the same as 1 with the class catalog re-read first (the first request after a data change);
 *   <li>a benchmark label set (Fitzpatrick17k, 114 classes), flat names: the paper's protocol.
 * </ol>
 *
 * Usage: java -cp ... bench/PromptsBench.java [RUNS=20] [WARMUP=30]
 */
public class PromptsBench {
  static final String ALL =
      "SELECT ?class WHERE { ?class a owl:Class FILTER(STRSTARTS(STR(?class), STR(DERM:)))"
          + " FILTER NOT EXISTS { ?class owl:deprecated true }"
          + " FILTER NOT EXISTS { ?class rdfs:subClassOf* DERM:0004000 } } ORDER BY ?class";

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    long t0 = System.nanoTime();
    OntologySnapshot snap = OntologySnapshot.shipped();
    PromptGenerator gen = PromptGenerator.forOntology(snap.rdf().getGraph(), snap.version(), 60_000);
    gen.catalog();
    System.out.printf("setup (compile ontology, reasoner, catalog): %.0f ms%n", ms(t0));
    EnumSet<Strategy> all = EnumSet.allOf(Strategy.class);
    Templates derm = Templates.builtIn("derm1m");
    PromptRequest everything = new PromptRequest(new Selection.Sparql(ALL), all, derm);
    int maxLevel =
        gen.catalog().all().stream()
            .filter(c -> c.level().isPresent())
            .mapToInt(c -> c.level().getAsInt())
            .max()
            .orElse(0);
    List<PromptRequest> levels = new ArrayList<>();
    for (int l = 1; l <= maxLevel; l++) {
      levels.add(new PromptRequest(new Selection.Level(l), all, derm));
    }
    PromptRequest fitz = PromptRequest.flat(new Selection.LabelSet("Fitzpatrick17k"));

    PromptSet s = gen.generate(everything);
    long bytes = PromptWriter.json(s).length();
    System.out.printf(
        "every class: %d classes, %d prompts, %d overlaps, JSON %.1f MB%n",
        s.classes().size(), s.promptCount(), s.overlaps().size(), bytes / 1e6);
    int levelClasses = 0;
    int levelPrompts = 0;
    for (PromptRequest r : levels) {
      PromptSet p = gen.generate(r);
      levelClasses += p.classes().size();
      levelPrompts += p.promptCount();
    }
    System.out.printf(
        "every level (1..%d) as its own set: %d classes, %d prompts%n", maxLevel, levelClasses, levelPrompts);

    for (int i = 0; i < warmup; i++) {
      PromptWriter.json(gen.generate(everything));
      levels.forEach(r -> PromptWriter.json(gen.generate(r)));
      PromptWriter.json(gen.generate(fitz));
    }
    double[] a = new double[runs];
    double[] b = new double[runs];
    double[] c = new double[runs];
    double[] d = new double[runs];
    for (int i = 0; i < runs; i++) {
      long t = System.nanoTime();
      PromptWriter.json(gen.generate(everything));
      a[i] = ms(t);
      t = System.nanoTime();
      for (PromptRequest r : levels) {
        PromptWriter.json(gen.generate(r));
      }
      b[i] = ms(t);
      gen.dataChanged();
      t = System.nanoTime();
      PromptWriter.json(gen.generate(everything));
      c[i] = ms(t);
      t = System.nanoTime();
      PromptWriter.json(gen.generate(fitz));
      d[i] = ms(t);
    }
    System.out.printf("%n== warm, median of %d runs (min, max) in ms ==%n", runs);
    print("every class, all strategies, + JSON", a);
    print("every level as its own set, all strategies, + JSON", b);
    print("every class, catalog re-read first", c);
    print("Fitzpatrick17k (114), flat names, + JSON", d);
  }

  static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  static void print(String name, double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    System.out.printf(
        "%-52s %8.1f  (%.1f, %.1f)%n", name, s[s.length / 2], s[0], s[s.length - 1]);
  }
}
