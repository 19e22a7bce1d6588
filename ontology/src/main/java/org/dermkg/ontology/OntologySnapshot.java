package org.dermkg.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.mapping.LabelSets;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.owl.InferredHierarchy;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.TermIndex;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * What the data side needs of one ontology release, computed once: its class graph (ancestors for
 * the closure), a resolver, its version (version IRI plus a fingerprint of its axioms, so a curated
 * change is noticed even when the version IRI stays), and its RDF (derm.owl, the reasoner's direct
 * named superclass links where they were not asserted, the dkg: data vocabulary and the benchmark
 * label sets of its mappings/) for the store's ontology graph. Immutable after construction; the
 * model must not be modified.
 */
public record OntologySnapshot(
    ClassGraph graph, LabelResolver resolver, String version, Model rdf) {

  /** The shipped ontology. */
  public static OntologySnapshot shipped() {
    OntologySource source = OntologySource.shipped();
    return of(DermOntology.compileShipped().ontology(), source);
  }

  /** A snapshot of an ontology, with the data vocabulary of {@code source}. */
  public static OntologySnapshot of(OWLOntology ontology, OntologySource source) {
    ClassGraph graph = ClassGraph.of(ontology);
    Model rdf = OntologyIO.toJena(ontology);
    InferredHierarchy.addTo(rdf, ontology);
    try (InputStream in = Files.newInputStream(source.dataVocabulary())) {
      RDFDataMgr.read(rdf, in, Lang.TURTLE);
    } catch (IOException e) {
      throw new OntologyException(
          OntologyException.Code.SOURCE_MISSING,
          "cannot read the data vocabulary: " + e.getMessage(),
          e);
    }
    List<LabelSet> sets =
        Files.isDirectory(source.mappings()) ? LabelSets.readAll(source.mappings()) : List.of();
    LabelSets.toRdf(sets, rdf);
    String version =
        ontology.getOntologyID().getVersionIRI().map(IRI::toString).orElse("unversioned")
            + " "
            + fingerprint(ontology, sets);
    return new OntologySnapshot(graph, new LabelResolver(TermIndex.of(graph)), version, rdf);
  }

  /**
   * SHA-256 over the sorted functional-syntax axioms (blank-node free, so stable across runs) and
   * the label-set mappings, so a store notices a changed mapping as well as a changed axiom.
   */
  static String fingerprint(OWLOntology ontology, List<LabelSet> sets) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ontology
          .importsClosure()
          .flatMap(OWLOntology::axioms)
          .map(Object::toString)
          .sorted()
          .forEach(a -> sha.update((a + "\n").getBytes(StandardCharsets.UTF_8)));
      for (LabelSet set : sets) {
        for (LabelSet.Mapping m : set.mappings()) {
          String row =
              String.join(
                  "\t", set.name(), m.subjectId(), m.subjectLabel(), m.predicateId(), m.objectId());
          sha.update((row + "\n").getBytes(StandardCharsets.UTF_8));
        }
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
