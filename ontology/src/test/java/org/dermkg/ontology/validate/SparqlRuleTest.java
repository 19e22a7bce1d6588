package org.dermkg.ontology.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.Fixtures;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Curators add rules as .rq files; malformed ones are refused with the file named. */
class SparqlRuleTest {
  @TempDir Path dir;

  private Path rule(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private void refused(String name, String text, String fragment) throws IOException {
    Path f = rule(name, text);
    OntologyException e = assertThrows(OntologyException.class, () -> SparqlRule.parse(f));
    assertEquals(OntologyException.Code.RULE_INVALID, e.code());
    assertTrue(e.getMessage().contains(name) && e.getMessage().contains(fragment), e.getMessage());
  }

  @Test
  void malformedRulesAreRefused() throws IOException {
    refused("a.rq", "SELECT ?entity WHERE { ?entity a owl:Class }", "missing '# severity");
    refused(
        "b.rq",
        "# severity: fatal\nSELECT ?entity WHERE { ?entity a owl:Class }",
        "unknown severity");
    refused(
        "c.rq",
        "# severity: ERROR\nSELECT ?entity WHERE { ?entity a owl:Class ",
        "not a valid SPARQL query");
    refused("d.rq", "# severity: ERROR\nASK { ?x a owl:Class }", "must be a SELECT");
    refused(
        "e.rq", "# severity: ERROR\nSELECT ?x WHERE { ?x a owl:Class }", "must project ?entity");
  }

  @Test
  void aCuratorRuleRunsBesideTheShippedOnes() throws IOException {
    rule(
        "psoriasis_needs_a_site.rq",
        """
        # id: psoriasis_needs_a_site
        # title: Psoriasis findings name a body site
        # severity: WARN
        # description: A project rule written without Java.
        SELECT ?entity ?message WHERE {
          ?entity rdfs:subClassOf DERM:0004000 ; rdfs:label ?l .
          FILTER(STRSTARTS(STR(?l), "Nevus"))
          FILTER NOT EXISTS { ?entity rdfs:subClassOf [ owl:onProperty DERM:0000003 ] }
          BIND(CONCAT(STR(?l), " has no site") AS ?message)
        }
        """);
    ValidationReport r =
        DermOntology.validate(
            new OntologySource(Fixtures.path("source/tiny")),
            new DermOntology.Options(Severity.ERROR, List.of(dir), Optional.empty(), Set.of()));
    CheckResult c =
        r.results().stream()
            .filter(x -> x.check().id().equals("psoriasis_needs_a_site"))
            .findFirst()
            .orElseThrow();
    assertEquals(Severity.WARN, c.check().severity());
    assertEquals(
        List.of("Nevus: brown plaque has no site"),
        c.violations().stream().map(Violation::message).toList());
    assertTrue(!r.failed(), "a warning does not fail --fail-on error");
  }

  @Test
  void aRuleMayNotReuseACheckId() throws IOException {
    rule(
        "dup.rq",
        "# id: missing_label\n# severity: INFO\nSELECT ?entity WHERE { ?entity a owl:Class }");
    OntologyException e =
        assertThrows(
            OntologyException.class,
            () ->
                DermOntology.validate(
                    new OntologySource(Fixtures.path("source/tiny")),
                    new DermOntology.Options(
                        Severity.ERROR, List.of(dir), Optional.empty(), Set.of())));
    assertTrue(e.getMessage().contains("two checks share the id 'missing_label'"));
  }

  @Test
  void skipNamesMustExist() {
    OntologyException e =
        assertThrows(
            OntologyException.class,
            () ->
                DermOntology.validate(
                    OntologySource.shipped(),
                    new DermOntology.Options(
                        Severity.ERROR, List.of(), Optional.empty(), Set.of("no_such_check"))));
    assertEquals(OntologyException.Code.BAD_ARGUMENT, e.code());
  }
}
