package org.dermkg.ontology.release;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.build.OntologyCompiler;
import org.dermkg.ontology.mapping.DerivedXrefs;
import org.dermkg.ontology.mapping.XrefSets;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.vocab.Derm;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.formats.OBODocumentFormat;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDeclarationAxiom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyID;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/**
 * A release of the ontology, as the ODK makes one: derm.owl (RDF/XML) and derm.ttl, derm.obo (OBO
 * 1.4, written by the OWL API's OBO serialiser, xref provenance as {@code {source="..."}}),
 * derm.json (OBO Graphs), derm-base.owl (the axioms about the ontology's own entities only, no
 * declarations of other vocabularies) and the SSSOM mapping sets under {@code mappings/}: the
 * curated DERM to MONDO and DERM to DOID sets as they are and the derived cross-references
 * (derm-xrefs).
 */
public final class Release {
  /** The base file's ontology IRI. */
  public static final String BASE_IRI = "https://w3id.org/dermkg/derm-base.owl";

  private Release() {}

  /** Compiles a source tree and writes every artefact into {@code dir}; the files written. */
  public static List<Path> write(OntologySource source, Path dir) {
    OWLOntology o = OntologyCompiler.compile(source).ontology();
    List<Path> files = new ArrayList<>(OntologyIO.write(o, dir, "derm"));
    files.add(obo(o, dir.resolve("derm.obo")));
    files.add(text(dir.resolve("derm.json"), OboGraphsJson.write(o)));
    files.add(
        OntologyIO.writeAs(base(o), new RDFXMLDocumentFormat(), dir.resolve("derm-base.owl")));
    Path mappings = dir.resolve("mappings");
    try {
      Files.createDirectories(mappings);
      for (Path p : OntologySource.list(source.root().resolve("xrefs"), ".sssom.tsv")) {
        files.add(
            Files.copy(
                p,
                mappings.resolve(p.getFileName().toString()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING));
      }
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot write to " + mappings + ": " + e.getMessage(), e);
    }
    files.add(
        text(
            mappings.resolve(DerivedXrefs.NAME + ".sssom.tsv"),
            XrefSets.write(DerivedXrefs.set(source))));
    return files;
  }

  /**
   * derm.obo, its header declaring the DERM idspace so that OBO parsers give the ids back their
   * w3id IRIs (not OBO PURLs).
   */
  static Path obo(OWLOntology o, Path file) {
    OntologyIO.writeAs(o, new OBODocumentFormat(), file);
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int eol = text.indexOf('\n');
      String idspace =
          "idspace: DERM " + Derm.TERM_PREFIX + " \"Derm knowledge-graph ontology terms\"\n";
      return Files.writeString(
          file,
          text.substring(0, eol + 1) + idspace + text.substring(eol + 1),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The base module: the ontology's annotations and every axiom that mentions one of its own
   * entities ({@code https://w3id.org/dermkg/}), without the declarations of other vocabularies'
   * entities.
   */
  static OWLOntology base(OWLOntology o) {
    OWLOntologyManager m = OWLManager.createOWLOntologyManager();
    try {
      OWLOntology b =
          m.createOntology(
              new OWLOntologyID(
                  java.util.Optional.of(IRI.create(BASE_IRI)),
                  o.getOntologyID()
                      .getVersionIRI()
                      .map(v -> IRI.create(v.toString().replace("/derm.owl", "/derm-base.owl")))));
      o.annotations()
          .forEach(
              a -> m.applyChange(new org.semanticweb.owlapi.model.AddOntologyAnnotation(b, a)));
      m.addAxioms(b, o.axioms().filter(Release::own).toList());
      return b;
    } catch (OWLOntologyCreationException e) {
      throw new OntologyException(Code.WRITE_FAILED, "cannot make the base file: " + e, e);
    }
  }

  private static boolean own(OWLAxiom ax) {
    if (ax instanceof OWLDeclarationAxiom d) {
      return ours(d.getEntity().getIRI());
    }
    if (ax instanceof org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom a) {
      return a.getSubject().asIRI().map(Release::ours).orElse(false);
    }
    return ax.signature().anyMatch(e -> ours(e.getIRI()));
  }

  private static boolean ours(IRI iri) {
    return iri.toString().startsWith(Derm.NS);
  }

  private static Path text(Path file, String content) {
    try {
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
