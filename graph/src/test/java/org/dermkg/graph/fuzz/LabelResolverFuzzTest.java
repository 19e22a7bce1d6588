package org.dermkg.graph.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.vocab.Derm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of the label resolver over the shipped ontology: any text (controls, lone
 * surrogates, huge strings, identifiers gone wrong) gets an answer, or for blank text the
 * documented ONT-BAD-ARGUMENT, quickly and the same twice; every label still resolves to its own
 * class under case, spacing and punctuation noise.
 */
class LabelResolverFuzzTest {
  /** A class of the ontology: its CURIE, IRI and label. */
  private record Term(String id, String iri, String label) {}

  private static LabelResolver resolver;
  private static List<Term> terms;

  @BeforeAll
  static void ontology() {
    OntologySnapshot snapshot = OntologySnapshot.shipped();
    resolver = snapshot.resolver();
    Model rdf = snapshot.rdf();
    List<Term> out = new ArrayList<>();
    rdf.listResourcesWithProperty(RDF.type, OWL.Class)
        .forEachRemaining(
            c -> {
              if (c.isURIResource()
                  && c.getURI().startsWith(Derm.TERM_PREFIX)
                  && !c.hasLiteral(OWL2.deprecated, true)
                  && c.hasProperty(RDFS.label)) {
                out.add(
                    new Term(
                        "DERM:" + c.getURI().substring(Derm.TERM_PREFIX.length()),
                        c.getURI(),
                        c.getProperty(RDFS.label).getString()));
              }
            });
    terms = out;
    assertTrue(terms.size() > 500, "classes: " + terms.size());
  }

  private static final List<String> TRICKY =
      List.of(
          "DERM:",
          "DERM:0",
          "DERM_",
          "DERM:99999999999999999999",
          "http://",
          "https://w3id.org/dermkg/DERM_",
          "\uD800",
          "\uDFFF",
          "a\u0000b",
          "\u202Emelanoma",
          "ＭＥＬＡＮＯＭＡ",
          "melanoma".repeat(500),
          " ",
          "\t\n");

  private static String text(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> Fuzz.anyText(r, 40);
      case 1 -> Fuzz.textOf(r, " \t\n-_,.;:()[]/'\"DERMm0123456789:_elanoma", 30);
      case 2 -> Fuzz.anyText(r, 20_000);
      default -> Fuzz.pick(r, TRICKY);
    };
  }

  @Test
  void anyTextGetsAnAnswerQuicklyAndTheSameTwice() {
    Fuzz.check(
        "label-resolver-any-text",
        5_000,
        Duration.ofSeconds(15),
        LabelResolverFuzzTest::text,
        t ->
            t.codePoints().limit(200).mapToObj(c -> String.format("U+%04X", c)).toList().toString(),
        text -> {
          if (text.isBlank()) {
            OntologyException e =
                assertThrows(OntologyException.class, () -> resolver.resolve(text));
            assertEquals(OntologyException.Code.BAD_ARGUMENT, e.code());
            return;
          }
          Resolution first =
              assertTimeoutPreemptively(Duration.ofSeconds(5), () -> resolver.resolve(text));
          assertNotNull(first);
          assertEquals(first, resolver.resolve(text), "deterministic");
          for (Resolution.Candidate c : first.candidates()) {
            assertNotNull(c.term());
            assertNotNull(c.match());
          }
        });
  }

  @Test
  void everyLabelResolvesToItsClassUnderNoise() {
    Fuzz.check(
        "label-resolver-noise",
        5_000,
        Duration.ofSeconds(10),
        r -> {
          Term t = terms.get(r.nextInt(terms.size()));
          String label = t.label();
          String noisy =
              switch (r.nextInt(8)) {
                case 0 -> label.toUpperCase(Locale.ROOT);
                case 1 -> "  " + label + " \t";
                case 2 -> label.replace(" ", "   ");
                case 3 -> label.toLowerCase(Locale.ROOT) + ".";
                case 4 -> label.replace(" ", "-");
                case 5 -> t.id();
                case 6 -> t.iri();
                default -> label;
              };
          return new String[] {t.id(), noisy};
        },
        p -> p[0] + " as '" + p[1] + "'",
        p -> {
          Resolution r = resolver.resolve(p[1], Optional.empty());
          assertTrue(
              r.candidates().stream().anyMatch(c -> c.term().id().equals(p[0])),
              "'" + p[1] + "' should find " + p[0] + ", got " + r.candidates());
        });
  }
}
