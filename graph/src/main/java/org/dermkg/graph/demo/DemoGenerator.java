package org.dermkg.graph.demo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import javax.imageio.ImageIO;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.GraphException.Code;
import org.dermkg.graph.load.LoadRequest;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.table.Branch;
import org.dermkg.ontology.table.RegistryRow;
import org.dermkg.ontology.table.SourceTables;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.model.IRI;

/**
 * Writes a synthetic dataset in exactly the Derm1M release layout: Derm1M_v2_pretrain.csv,
 * Derm1M_v2_validation.csv and concept.csv (the 12 release columns), and an image tree of small
 * real PNG and JPEG files under the release's top folders. Labels are real Derm1M hierarchical
 * paths (from the ontology's ID registry); concepts and body sites use the ontology's names;
 * sentinels appear at the rates of the real sample. It also plants what a loader must survive:
 * captions with commas, quotes and line breaks, multi-diagnosis rows, labels the ontology does not
 * know, paths that disagree with it, unknown concepts, and a few missing and corrupt image files.
 * The same options give the same bytes.
 */
public final class DemoGenerator {
  /** How big, where, and with which seed. */
  public record Options(Path out, int images, long seed, double rowsPerImage, boolean writeImages) {
    public static Options demo(Path out) {
      return new Options(out, 400, 42, 2.55, true);
    }
  }

  /** What was written. */
  public record Summary(
      Path out,
      int images,
      long rows,
      long validationRows,
      long conceptRows,
      int imageFiles,
      int missingImages,
      int corruptImages) {}

  private static final String[][] SOURCES = {
    // folder, source, source_type, weight (percent), extension
    {"youtube", "youtube", "edu", "40", "jpg"},
    {"public", "public", "knowledge", "16", "png"},
    {"IIYI", "IIYI_chinese", "forum", "13", "jpg"},
    {"edu", "textbook_english", "knowledge", "12", "jpg"},
    {"pubmed", "pubmed_english", "knowledge", "12", "jpg"},
    {"note", "textbook_chinese", "knowledge", "3", "png"},
    {"twitter", "twitter_english", "forum", "2", "jpg"},
    {"reddit", "reddit_english", "forum", "2", "jpg"},
  };
  private static final String[] SYMPTOMS = {
    "tender", "nontender", "bleeding", "increasing size", "itchy", "exudate"
  };
  private static final String[] UNKNOWN_LABELS = {
    "acrodermatitis chronica atrophicans",
    "psoriasys",
    "erythema ab igne",
    "lichen nitidus",
    "tinea incognito",
    "chromoblastomycosis",
    "pityriasis alba",
    "granuloma inguinale"
  };
  private static final String[] UNKNOWN_CONCEPTS = {"sparkly", "honey-colored", "cobblestone"};
  private static final String[] UNKNOWN_SITES = {"left side", "web space"};
  private static final String[] DETAILS = {
    "",
    " Duration # weeks.",
    " Seen at follow-up visit #.",
    " Lesion about # mm across.",
    " Case #, courtesy of the clinic.",
    " Photographed under polarised light, # cm scale.",
    " Patient reports itching for # days.",
    " Image # of the series."
  };
  private static final String HEADER = String.join(",", org.dermkg.graph.derm1m.Derm1mColumns.MAIN);

  private final Options o;
  private final SplittableRandom rnd;
  private final List<String> paths = new ArrayList<>();
  private final List<List<String>> siblingPaths = new ArrayList<>();
  private final List<String> concepts = new ArrayList<>();
  private final List<String> sites = new ArrayList<>();
  private final List<byte[]> pngs = new ArrayList<>();
  private final List<byte[]> jpegs = new ArrayList<>();

  private DemoGenerator(Options o, OntologySnapshot snapshot) {
    this.o = o;
    this.rnd = new SplittableRandom(o.seed());
    List<RegistryRow> registry = SourceTables.read(OntologySource.shipped().tables()).registry();
    Map<String, List<String>> byParent = new TreeMap<>();
    for (RegistryRow r : registry) {
      String p =
          String.join(", ", r.path()).toLowerCase(Locale.ROOT).replaceAll(",\\s*,", ",").strip();
      paths.add(p);
      if (r.path().size() > 2) {
        String parent =
            String.join(", ", r.path().subList(0, r.path().size() - 1)).toLowerCase(Locale.ROOT);
        byParent
            .computeIfAbsent(parent, k -> new ArrayList<>())
            .add(r.name().toLowerCase(Locale.ROOT).strip());
      }
    }
    byParent.forEach(
        (parent, kids) -> {
          if (kids.size() >= 2 && !kids.get(0).contains(",") && !kids.get(1).contains(",")) {
            siblingPaths.add(List.of(parent, kids.get(0), kids.get(1)));
          }
        });
    names(snapshot.graph(), Branch.CONCEPT, concepts);
    names(snapshot.graph(), Branch.BODY_SITE, sites);
  }

  /** Lower-case labels and exact synonyms of a branch's leaf classes, sorted. */
  private static void names(ClassGraph g, Branch branch, List<String> out) {
    Set<String> set = new java.util.TreeSet<>();
    for (IRI c : g.classes()) {
      if (g.branch(c).equals(Optional.of(branch))
          && g.children(c).isEmpty()
          && !g.isDeprecated(c)) {
        set.add(g.label(c).toLowerCase(Locale.ROOT));
        g.values(c, Obo.EXACT_SYNONYM).stream()
            .sorted() // OWL API returns annotation values in no fixed order
            .limit(1)
            .forEach(s -> set.add(s.toLowerCase(Locale.ROOT)));
      }
    }
    set.removeIf(s -> s.contains(","));
    out.addAll(set);
  }

  /** Writes the dataset; {@code progress} receives the number of images written so far. */
  public static Summary generate(Options o, OntologySnapshot snapshot, LongConsumer progress) {
    if (o.images() < 1) {
      throw new GraphException(Code.BAD_ARGUMENT, "--images must be at least 1");
    }
    try {
      Files.createDirectories(o.out());
      return new DemoGenerator(o, snapshot).write(progress);
    } catch (IOException e) {
      throw new GraphException(
          Code.WRITE_FAILED, "cannot write the dataset to " + o.out() + ": " + e.getMessage(), e);
    }
  }

  private Summary write(LongConsumer progress) throws IOException {
    makeImageVariants();
    int validationImages = Math.max(2, o.images() / 40);
    Counts counts = new Counts();
    Set<String> usedNames = new HashSet<>();
    try (BufferedWriter pre = csv(LoadRequest.PRETRAIN);
        BufferedWriter val = csv(LoadRequest.VALIDATION);
        BufferedWriter con =
            Files.newBufferedWriter(
                o.out().resolve(LoadRequest.CONCEPTS), StandardCharsets.UTF_8)) {
      con.write("filename,disease_label,skin_concept\n");
      for (int i = 0; i < o.images(); i++) {
        boolean validation = i >= o.images() - validationImages;
        String[] src =
            validation
                ? new String[] {"validation_data", "public", "knowledge", "0", "jpg"}
                : source();
        String filename = filename(src, i, usedNames);
        Image img = new Image(filename, src);
        writeRows(img, validation ? val : pre, validation, counts);
        if (rnd.nextInt(5) == 0) {
          con.write(csvLine(filename, img.diseaseLabel, img.concepts));
          counts.conceptRows++;
        }
        if (o.writeImages()) {
          writeImage(filename, i, counts);
        }
        if ((i & 1023) == 0) {
          progress.accept(i);
        }
      }
    }
    progress.accept(o.images());
    return counts.summary(o.out(), o.images());
  }

  /** What has been written so far. */
  private static final class Counts {
    int missing;
    int corrupt;
    int files;
    long rows;
    long validationRows;
    long conceptRows;

    Summary summary(Path out, int images) {
      return new Summary(out, images, rows, validationRows, conceptRows, files, missing, corrupt);
    }
  }

  /** The image's rows (about {@code rowsPerImage} of them, each with its own caption). */
  private void writeRows(Image img, BufferedWriter to, boolean validation, Counts counts)
      throws IOException {
    int n = Math.max(1, (int) Math.round(o.rowsPerImage() + (rnd.nextDouble() - 0.5) * 2));
    for (int k = 0; k < n; k++) {
      to.write(row(img, k));
      if (validation) {
        counts.validationRows++;
      } else {
        counts.rows++;
      }
    }
  }

  /** The image file of the i-th image, except a few left missing and a few written corrupt. */
  private void writeImage(String filename, int i, Counts counts) throws IOException {
    int roll = rnd.nextInt(1000);
    if (i == 7) {
      roll = 0; // always at least one missing file ...
    } else if (i == 11) {
      roll = 2; // ... and one corrupt file
    }
    if (roll < 2 && i > 0) {
      counts.missing++; // listed in the CSV, absent from the tree
      return;
    }
    Path f = o.out().resolve(filename);
    Files.createDirectories(f.getParent());
    byte[] bytes =
        filename.endsWith(".png")
            ? pngs.get(rnd.nextInt(pngs.size()))
            : jpegs.get(rnd.nextInt(jpegs.size()));
    if (roll < 3 && i > 0) {
      bytes = java.util.Arrays.copyOf(bytes, 7); // a truncated, unreadable file
      counts.corrupt++;
    }
    Files.write(f, bytes);
    counts.files++;
  }

  private BufferedWriter csv(String name) throws IOException {
    BufferedWriter w = Files.newBufferedWriter(o.out().resolve(name), StandardCharsets.UTF_8);
    w.write(HEADER + "\n");
    return w;
  }

  private String[] source() {
    int roll = rnd.nextInt(100);
    int acc = 0;
    for (String[] s : SOURCES) {
      acc += Integer.parseInt(s[3]);
      if (roll < acc) {
        return s;
      }
    }
    return SOURCES[0];
  }

  private String filename(String[] src, int i, Set<String> used) {
    String base =
        switch (src[0]) {
          case "youtube" -> String.format("%s_frame_%d_0_0", token(11), 1000 + rnd.nextInt(90000));
          case "pubmed" ->
              String.format(
                  "%02x_%02x_PMC%d_fig%d_%d",
                  rnd.nextInt(256),
                  rnd.nextInt(256),
                  1000000 + rnd.nextInt(9000000),
                  1 + rnd.nextInt(6),
                  i);
          case "twitter" -> i % 7 == 0 ? "photo café " + i : "tweet_" + token(8);
          default -> src[0].toLowerCase(Locale.ROOT) + "_" + token(10);
        };
    String name = src[0] + "/" + base + "_" + i + "." + src[4];
    used.add(name);
    return name;
  }

  private String token(int n) {
    String abc = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    StringBuilder b = new StringBuilder();
    for (int k = 0; k < n; k++) {
      b.append(abc.charAt(rnd.nextInt(abc.length())));
    }
    return b.toString();
  }

  /** The labels one image keeps across its rows. */
  private final class Image {
    final String filename;
    final String[] src;
    final String path;
    final String diseaseLabel;
    final String disease;
    final String concepts;
    final String sites;
    final String symptoms;
    final String age;
    final String gender;

    Image(String filename, String[] src) {
      this.filename = filename;
      this.src = src;
      int roll = rnd.nextInt(100);
      if (roll < 25) {
        path = rnd.nextBoolean() ? "no definitive diagnosis" : "";
        diseaseLabel = "no definitive diagnosis";
        disease = null;
      } else if (roll < 29 && !siblingPaths.isEmpty()) {
        List<String> s = siblingPaths.get(rnd.nextInt(siblingPaths.size()));
        path = s.get(0) + ", " + s.get(1) + ", " + s.get(2);
        diseaseLabel = s.get(1) + ", " + s.get(2);
        disease = s.get(1);
      } else if (roll < 31) {
        String u = UNKNOWN_LABELS[rnd.nextInt(UNKNOWN_LABELS.length)];
        path = rnd.nextBoolean() ? "inflammatory, non-infectious, " + u : "";
        diseaseLabel = u;
        disease = u;
      } else if (roll < 32) {
        path = "proliferations, benign, melanocytic, malignant melanoma";
        diseaseLabel = "malignant melanoma";
        disease = "malignant melanoma";
      } else {
        path = paths.get(rnd.nextInt(paths.size()));
        String leaf = path.contains(", ") ? path.substring(path.lastIndexOf(", ") + 2) : path;
        diseaseLabel = leaf;
        disease = leaf;
      }
      concepts =
          rnd.nextInt(100) < 42
              ? "No visual concepts"
              : pick(DemoGenerator.this.concepts, UNKNOWN_CONCEPTS, 1 + rnd.nextInt(4));
      sites =
          rnd.nextInt(100) < 71
              ? "No body location information"
              : pick(DemoGenerator.this.sites, UNKNOWN_SITES, 1 + rnd.nextInt(3));
      symptoms =
          rnd.nextInt(100) < 90 ? "No symptom information" : SYMPTOMS[rnd.nextInt(SYMPTOMS.length)];
      age = rnd.nextInt(100) < 92 ? "No age information" : Integer.toString(1 + rnd.nextInt(90));
      int g = rnd.nextInt(100);
      gender =
          g < 92 ? "No gender information" : g < 97 ? "male" : g < 99 ? "female" : "male, female";
    }
  }

  private String pick(List<String> from, String[] unknown, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      String v =
          rnd.nextInt(100) == 0
              ? unknown[rnd.nextInt(unknown.length)]
              : from.get(rnd.nextInt(from.size()));
      if (!out.contains(v)) {
        out.add(v);
      }
    }
    return String.join(", ", out);
  }

  private String row(Image img, int k) {
    String caption = caption(img, k);
    String truncated = caption.length() > 180 ? caption.substring(0, 150) + "..." : caption;
    return csvLine(
        img.filename,
        caption,
        truncated,
        img.src[1],
        img.src[2],
        img.diseaseLabel,
        img.path,
        img.concepts,
        img.sites,
        img.symptoms,
        img.age,
        img.gender);
  }

  private String caption(Image img, int k) {
    if (img.disease == null) {
      return undiagnosedCaption(k);
    }
    String text =
        diagnosedCaption(img, k)
            + DETAILS[rnd.nextInt(DETAILS.length)].replace(
                "#", Integer.toString(1 + rnd.nextInt(40)));
    return rnd.nextInt(200) == 0 ? text + "\nSecond line, with a comma, and a \"quote\"." : text;
  }

  /** A caption of an image without a diagnosis: about treatment, a diagram or histology. */
  private String undiagnosedCaption(int k) {
    return switch (rnd.nextInt(3)) {
      case 0 ->
          "This image shows a person discussing their approach to treating skin diseases, combining laser, peels, and creams for results with minimal downtime.";
      case 1 ->
          "A diagram of the layers of the skin, epidermis, dermis and subcutis, used in lecture "
              + (k + 1)
              + ".";
      default -> "Figure " + (k + 1) + ": histology, H&E stain, x40; see text for details.";
    };
  }

  /** The first sentence of a caption naming the image's disease, its concepts and body site. */
  private String diagnosedCaption(Image img, int k) {
    String concepts =
        img.concepts.startsWith("No ") ? "a lesion" : img.concepts.replace(", ", " and ");
    String site = img.sites.startsWith("No ") ? "skin" : img.sites.split(", ")[0];
    String d = img.disease;
    return switch ((k + rnd.nextInt(6)) % 6) {
      case 0 -> "This image shows %s on the %s of a patient with %s.".formatted(concepts, site, d);
      case 1 ->
          "Close-up of %s: %s, typical of the condition, with surrounding skin unaffected."
              .formatted(d, concepts);
      case 2 ->
          ("A patient presented with \"%s\" on the %s, showing %s; treatment began with"
                  + " emollients, topical steroids, and follow-up.")
              .formatted(d, site, concepts);
      case 3 -> "Dermoscopy of %s showing %s.".formatted(d, concepts);
      case 4 ->
          ("The %s shows %s, consistent with %s, which may be mistaken for other conditions, such"
                  + " as eczema, psoriasis, or tinea.")
              .formatted(site, concepts, d);
      default -> "Clinical photograph, " + d + ".\n\nNone";
    };
  }

  /** One RFC 4180 line: fields with a comma, quote or line break are quoted, quotes doubled. */
  static String csvLine(String... fields) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(',');
      }
      String f = fields[i];
      if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
        b.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        b.append(f);
      }
    }
    return b.append('\n').toString();
  }

  /** A few small images of coloured blobs on skin tones, encoded once and reused. */
  private void makeImageVariants() throws IOException {
    SplittableRandom r = new SplittableRandom(o.seed() ^ 0x5EED);
    for (int v = 0; v < 12; v++) {
      int w = 24 + r.nextInt(41);
      int h = 24 + r.nextInt(41);
      BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = img.createGraphics();
      g.setColor(new Color(200 + r.nextInt(40), 150 + r.nextInt(50), 120 + r.nextInt(50)));
      g.fillRect(0, 0, w, h);
      g.setColor(new Color(120 + r.nextInt(100), 40 + r.nextInt(60), 40 + r.nextInt(60)));
      int d = 6 + r.nextInt(Math.min(w, h) / 2);
      g.fillOval(r.nextInt(w - d + 1), r.nextInt(h - d + 1), d, d);
      g.dispose();
      pngs.add(encode(img, "png"));
      jpegs.add(encode(img, "jpg"));
    }
  }

  private static byte[] encode(BufferedImage img, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(img, format, out)) {
      throw new IOException("no ImageIO writer for " + format);
    }
    return out.toByteArray();
  }
}
