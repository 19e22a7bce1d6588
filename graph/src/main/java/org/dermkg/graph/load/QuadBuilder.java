package org.dermkg.graph.load;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.dermkg.graph.derm1m.Derm1mRow;
import org.dermkg.graph.image.ImageInfo;
import org.dermkg.graph.label.LabelIndex;
import org.dermkg.graph.label.ParsedLabel;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.vocab.Dkg;

/**
 * Turns Derm1M rows into quads of the images graph. IRIs are derived from the data only (image IRI
 * from the file name, caption IRI from a hash of the caption's text and source) and no blank nodes
 * are made, so loading the same rows twice adds nothing. Stateless apart from its label index and
 * node caches; used by one thread.
 */
final class QuadBuilder {
  private static final Node G = DermStore.IMAGES_GRAPH;
  private static final Node TYPE = RDF.type.asNode();
  private static final Node IMAGE = uri(Dkg.IMAGE);
  private static final Node FILENAME = uri(Dkg.FILENAME);
  private static final Node SPLIT = uri(Dkg.SPLIT);
  private static final Node STATUS = uri(Dkg.FILE_STATUS);
  private static final Node FORMAT = uri(Dkg.FORMAT);
  private static final Node WIDTH = uri(Dkg.WIDTH);
  private static final Node HEIGHT = uri(Dkg.HEIGHT);
  private static final Node CAPTION_P = uri(Dkg.CAPTION_PROP);
  private static final Node TEXT = uri(Dkg.TEXT);
  private static final Node TRUNCATED = uri(Dkg.TRUNCATED_TEXT);
  private static final Node SOURCE = uri(Dkg.SOURCE);
  private static final Node SOURCE_TYPE = uri(Dkg.SOURCE_TYPE);
  private static final Node AGE = uri(Dkg.AGE);
  private static final Node AGE_YEARS = uri(Dkg.AGE_YEARS);
  private static final Node GENDER = uri(Dkg.GENDER);
  private static final Node SYMPTOM = uri(Dkg.SYMPTOM);
  private static final Node BODY_SITE = uri(Dkg.BODY_SITE);
  private static final Node BODY_SITE_TEXT = uri(Dkg.BODY_SITE_TEXT);
  private static final Node CONCEPT = uri(Dkg.CONCEPT);
  private static final Node CONCEPT_TEXT = uri(Dkg.CONCEPT_TEXT);
  private static final Node DIAGNOSIS = uri(Dkg.DIAGNOSIS);
  private static final Node DISEASE_LABEL = uri(Dkg.DISEASE_LABEL);
  private static final Node HIERARCHICAL = uri(Dkg.HIERARCHICAL_LABEL);
  private static final Node UNRESOLVED = uri(Dkg.UNRESOLVED_DIAGNOSIS);

  private final LabelIndex labels;
  private final DiagnosisClosure closure;

  QuadBuilder(LabelIndex labels, DiagnosisClosure closure) {
    this.labels = labels;
    this.closure = closure;
  }

  private static Node uri(String s) {
    return NodeFactory.createURI(s);
  }

  private static Node str(String s) {
    return NodeFactory.createLiteralString(s);
  }

  /** The nodes made once: small integers, vocabulary literals and class IRIs. */
  private final NodeCache nodes = new NodeCache();

  private Node integer(long n) {
    return nodes.integer(n);
  }

  private Node term(String s) {
    return nodes.literal(s);
  }

  private Node cls(String iri) {
    return nodes.iri(iri);
  }

  /** The IRI of the image with this relative file name. */
  static String imageIri(String filename) {
    return ImageIri.of(filename);
  }

  /** 64-bit FNV-1a of the parts: a stable caption identity. */
  static String captionKey(String... parts) {
    long h = 0xcbf29ce484222325L;
    for (String p : parts) {
      for (byte x : p.getBytes(StandardCharsets.UTF_8)) {
        h ^= x & 0xFF;
        h *= 0x100000001b3L;
      }
      h ^= 0x1F;
      h *= 0x100000001b3L;
    }
    String hex = Long.toHexString(h);
    return "0".repeat(16 - hex.length()) + hex;
  }

  /** The quads of an image's file facts (once per image per load). */
  void image(Node img, String filename, ImageInfo info, Consumer<Quad> out) {
    out.accept(Quad.create(G, img, TYPE, IMAGE));
    out.accept(Quad.create(G, img, FILENAME, str(filename)));
    out.accept(Quad.create(G, img, STATUS, term(info.status())));
    if (info.isPresent()) {
      out.accept(Quad.create(G, img, FORMAT, term(info.format())));
      out.accept(Quad.create(G, img, WIDTH, integer(info.width())));
      out.accept(Quad.create(G, img, HEIGHT, integer(info.height())));
    }
  }

  /**
   * The quads of one row: its caption and the image's labels.
   *
   * @return the caption IRI, or null when the row has no caption (concept.csv rows)
   */
  String row(Node img, Derm1mRow row, ParsedLabel label, Consumer<Quad> out) {
    String captionIri = row.caption().map(text -> caption(img, text, row, out)).orElse(null);
    facts(img, row, out);
    classes(img, row, out);
    labels(img, row, label, out);
    return captionIri;
  }

  private String caption(Node img, String text, Derm1mRow row, Consumer<Quad> out) {
    String truncated = row.truncatedCaption().filter(t -> !t.equals(text)).orElse("");
    String source = row.source().orElse("");
    String sourceType = row.sourceType().orElse("");
    String captionIri =
        img.getURI() + "/caption/" + captionKey(text, truncated, source, sourceType);
    Node cap = uri(captionIri);
    out.accept(Quad.create(G, img, CAPTION_P, cap));
    out.accept(Quad.create(G, cap, TEXT, str(text)));
    if (!truncated.isEmpty()) {
      out.accept(Quad.create(G, cap, TRUNCATED, str(truncated)));
    }
    return captionIri;
  }

  /** Source, split, age, gender and symptoms: literals. */
  private void facts(Node img, Derm1mRow row, Consumer<Quad> out) {
    row.source().ifPresent(s -> out.accept(Quad.create(G, img, SOURCE, term(s))));
    row.sourceType().ifPresent(s -> out.accept(Quad.create(G, img, SOURCE_TYPE, term(s))));
    if (!row.split().equals("concept")) {
      out.accept(Quad.create(G, img, SPLIT, term(row.split())));
    }
    row.age()
        .ifPresent(
            a -> {
              out.accept(Quad.create(G, img, AGE, str(a)));
              if (a.length() <= 3 && a.chars().allMatch(Character::isDigit)) {
                out.accept(Quad.create(G, img, AGE_YEARS, integer(Integer.parseInt(a))));
              }
            });
    row.gender().forEach(g -> out.accept(Quad.create(G, img, GENDER, term(g))));
    row.symptoms().forEach(s -> out.accept(Quad.create(G, img, SYMPTOM, term(s))));
  }

  /** Skin concepts and body sites: their classes, or the text when it does not resolve. */
  private void classes(Node img, Derm1mRow row, Consumer<Quad> out) {
    for (String c : row.skinConcepts()) {
      labels
          .concept(c)
          .ifPresentOrElse(
              iri -> out.accept(Quad.create(G, img, CONCEPT, cls(iri))),
              () -> out.accept(Quad.create(G, img, CONCEPT_TEXT, str(c))));
    }
    for (String s : row.bodyLocations()) {
      labels
          .bodySite(s)
          .ifPresentOrElse(
              iri -> out.accept(Quad.create(G, img, BODY_SITE, cls(iri))),
              () -> out.accept(Quad.create(G, img, BODY_SITE_TEXT, str(s))));
    }
  }

  /** The diagnoses with their closure, the unresolved parts, and the raw labels when needed. */
  private void labels(Node img, Derm1mRow row, ParsedLabel label, Consumer<Quad> out) {
    boolean keepRaw =
        label == null
            || !label.unresolved().isEmpty()
            || label.mismatch().isPresent()
            || label.diagnoses().isEmpty();
    if (keepRaw) {
      // a fully resolved label is said by its diagnosis links (and the ontology's Derm1M names)
      row.diseaseLabel().ifPresent(d -> out.accept(Quad.create(G, img, DISEASE_LABEL, str(d))));
      row.hierarchicalLabel().ifPresent(h -> out.accept(Quad.create(G, img, HIERARCHICAL, str(h))));
    }
    if (label != null) {
      for (String d : label.diagnoses()) {
        Node diagnosis = cls(d);
        out.accept(Quad.create(G, img, DIAGNOSIS, diagnosis));
        closure.link(img, diagnosis, out);
      }
      label.unresolved().forEach(u -> out.accept(Quad.create(G, img, UNRESOLVED, str(u))));
    }
  }
}
