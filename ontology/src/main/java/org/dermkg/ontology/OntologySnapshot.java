package org.dermkg.ontology;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
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
public final class OntologySnapshot {
  private final Supplier<ClassGraph> graph;
  private final Supplier<LabelResolver> resolver;
  private final String version;
  private final Model rdf;

  /**
   * A snapshot; the class graph is computed on first use (a process that only needs the RDF never
   * builds it), the resolver likewise.
   */
  OntologySnapshot(Supplier<ClassGraph> graph, String version, Model rdf) {
    this.graph = memoize(graph);
    this.resolver = memoize(() -> new LabelResolver(TermIndex.of(graph())));
    this.version = version;
    this.rdf = rdf;
  }

  /** The class graph: asserted named superclasses, annotations, branches. */
  public ClassGraph graph() {
    return graph.get();
  }

  /** A label resolver over the class graph. */
  public LabelResolver resolver() {
    return resolver.get();
  }

  /** The version IRI and a fingerprint of the axioms and label-set mappings. */
  public String version() {
    return version;
  }

  /** The RDF for the store's ontology graph; must not be modified. */
  public Model rdf() {
    return rdf;
  }

  private static <T> Supplier<T> memoize(Supplier<T> s) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = s.get();
        }
        return value;
      }
    };
  }

  /**
   * The shipped ontology, read from the runtime artefact the build wrote (no OWL parsing, no
   * reasoner); the same snapshot as {@code of(DermOntology.compileShipped().ontology(),
   * OntologySource.shipped())}.
   */
  public static OntologySnapshot shipped() {
    return SnapshotFiles.readShipped();
  }

  /** Writes this snapshot as a runtime artefact into {@code dir}; returns the files written. */
  public List<Path> write(Path dir) {
    return SnapshotFiles.write(this, dir);
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
    return new OntologySnapshot(() -> graph, version, rdf);
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
