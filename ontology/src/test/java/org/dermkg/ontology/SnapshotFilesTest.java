package org.dermkg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.owl.ClassGraphFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.semanticweb.owlapi.model.IRI;

/** The runtime artefact the build writes is the snapshot a compile-and-reason run computes. */
class SnapshotFilesTest {
  static OntologySnapshot compiled;
  static OntologySnapshot shipped;

  @BeforeAll
  static void snapshots() {
    compiled =
        OntologySnapshot.of(DermOntology.compileShipped().ontology(), OntologySource.shipped());
    shipped = OntologySnapshot.shipped();
  }

  @Test
  void shippedArtefactHasTheCompiledVersionAndRdf() {
    assertEquals(compiled.version(), shipped.version());
    assertTrue(compiled.version().contains("sha256:"), compiled.version());
    assertEquals(compiled.rdf().size(), shipped.rdf().size());
    assertTrue(
        compiled.rdf().getGraph().isIsomorphicWith(shipped.rdf().getGraph()),
        "the artefact's RDF is not the compiled snapshot's RDF");
    assertEquals(
        compiled.rdf().getNsPrefixMap(),
        shipped.rdf().getNsPrefixMap(),
        "prefixes of the ontology graph");
  }

  @Test
  void shippedClassGraphAnswersAsTheCompiledOne() {
    assertGraphsEqual(compiled.graph(), shipped.graph());
  }

  @Test
  void shippedResolverResolvesLikeTheCompiledOne() {
    for (String label : List.of("melanoma", "MEL", "nevus", "psoriasis vulgaris", "DERM:0001242")) {
      assertEquals(
          compiled.resolver().resolve(label, java.util.Optional.empty()).toString(),
          shipped.resolver().resolve(label, java.util.Optional.empty()).toString(),
          label);
    }
  }

  @Test
  void writtenArtefactRoundTrips(@TempDir Path dir) throws IOException {
    List<Path> files = compiled.write(dir);
    assertEquals(3, files.size());
    StringWriter text = new StringWriter();
    ClassGraphFile.write(compiled.graph(), text);
    ClassGraph read = ClassGraphFile.read(new BufferedReader(new StringReader(text.toString())));
    assertGraphsEqual(compiled.graph(), read);
  }

  @Test
  void valuesWithTabsNewlinesAndBackslashesSurvive() throws IOException {
    String tricky = "a\tb\nc\\d\\te\r";
    String file =
        "# derm class graph 1\nC\thttp://x/A\nA\thttp://x/A\thttp://p\t"
            + tricky
                .replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
            + "\n";
    ClassGraph g = ClassGraphFile.read(new BufferedReader(new StringReader(file)));
    assertEquals(List.of(tricky), g.values(IRI.create("http://x/A"), "http://p"));
    StringWriter again = new StringWriter();
    ClassGraphFile.write(g, again);
    assertEquals(file, again.toString());
  }

  @Test
  void aDamagedFileIsRefusedNamingTheLine() {
    String file = "# derm class graph 1\nC\thttp://x/A\nS\thttp://x/A\n";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ClassGraphFile.read(new BufferedReader(new StringReader(file))));
    assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ClassGraphFile.read(new BufferedReader(new StringReader("C\thttp://x/A\n"))));
  }

  static void assertGraphsEqual(ClassGraph want, ClassGraph got) {
    assertEquals(new ArrayList<>(want.classes()), new ArrayList<>(got.classes()), "classes");
    for (IRI c : want.classes()) {
      assertEquals(want.isDeclared(c), got.isDeclared(c), "declared " + c);
      assertEquals(want.parents(c), got.parents(c), "parents of " + c);
      assertEquals(want.children(c), got.children(c), "children of " + c);
      assertEquals(want.annotations(c), got.annotations(c), "annotations of " + c);
      assertEquals(want.branch(c), got.branch(c), "branch of " + c);
    }
  }
}
