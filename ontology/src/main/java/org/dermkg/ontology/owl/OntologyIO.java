package org.dermkg.ontology.owl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.formats.RDFXMLDocumentFormat;
import org.semanticweb.owlapi.formats.TurtleDocumentFormat;
import org.semanticweb.owlapi.io.FileDocumentSource;
import org.semanticweb.owlapi.model.MissingImportHandlingStrategy;
import org.semanticweb.owlapi.model.OWLDocumentFormat;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyLoaderConfiguration;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.model.OWLOntologyStorageException;

/** Loading and saving ontologies, and handing them to Jena as RDF. */
public final class OntologyIO {
  private OntologyIO() {}

  /** A loaded ontology and the imports that could not be resolved (never fetched from the web). */
  public record Loaded(OWLOntology ontology, List<String> missingImports) {}

  /**
   * Loads an ontology file (any OWL API syntax) into {@code manager}. Imports are resolved only
   * against ontologies already in the manager (e.g. the compiled DERM ontology); anything else is
   * recorded as missing rather than downloaded.
   */
  public static Loaded load(OWLOntologyManager manager, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new OntologyException(Code.SOURCE_MISSING, "no such ontology file: " + file);
    }
    List<String> missing = new ArrayList<>();
    manager.addMissingImportListener(e -> missing.add(e.getImportedOntologyURI().toString()));
    manager.getIRIMappers().clear();
    OWLOntologyLoaderConfiguration config =
        new OWLOntologyLoaderConfiguration()
            .setMissingImportHandlingStrategy(MissingImportHandlingStrategy.SILENT)
            .setConnectionTimeout(1)
            .setFollowRedirects(false);
    try {
      OWLOntology o =
          manager.loadOntologyFromOntologyDocument(new FileDocumentSource(file.toFile()), config);
      if (o.getLogicalAxiomCount() == 0
          && o.classesInSignature().findAny().isEmpty()
          && o.importsDeclarations().findAny().isEmpty()) {
        // OWL API tries every syntax in turn; the OBO parser accepts garbage as an empty ontology
        manager.removeOntology(o);
        throw new OntologyException(
            Code.ONTOLOGY_PARSE,
            "cannot load " + file + ": no ontology or axioms could be read from it");
      }
      return new Loaded(o, List.copyOf(missing));
    } catch (OWLOntologyCreationException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      if (msg.length() > 2000) {
        msg = msg.substring(0, 2000) + " ...";
      }
      throw new OntologyException(Code.ONTOLOGY_PARSE, "cannot load " + file + ": " + msg, e);
    }
  }

  /** Writes {@code <name>.owl} (RDF/XML) and {@code <name>.ttl} (Turtle) into {@code dir}. */
  public static List<Path> write(OWLOntology ontology, Path dir, String name) {
    try {
      Files.createDirectories(dir);
      Path owl = dir.resolve(name + ".owl");
      Path ttl = dir.resolve(name + ".ttl");
      try (OutputStream out = Files.newOutputStream(owl)) {
        save(ontology, new RDFXMLDocumentFormat(), out);
      }
      try (OutputStream out = Files.newOutputStream(ttl)) {
        save(ontology, prefixed(new TurtleDocumentFormat()), out);
      }
      return List.of(owl, ttl);
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot write to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes an ontology to {@code file} in {@code format} (OBO, RDF/XML, ...). */
  public static Path writeAs(OWLOntology ontology, OWLDocumentFormat format, Path file) {
    try (OutputStream out = Files.newOutputStream(file)) {
      save(ontology, format, out);
      return file;
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static TurtleDocumentFormat prefixed(TurtleDocumentFormat f) {
    f.setPrefix("DERM:", Derm.TERM_PREFIX);
    f.setPrefix("obo:", Obo.OBO);
    f.setPrefix("oboInOwl:", Obo.OBO_IN_OWL);
    f.setPrefix("dcterms:", Obo.DCTERMS);
    return f;
  }

  private static void save(OWLOntology o, OWLDocumentFormat format, OutputStream out) {
    try {
      o.getOWLOntologyManager().saveOntology(o, format, out);
    } catch (OWLOntologyStorageException e) {
      throw new OntologyException(
          Code.WRITE_FAILED, "cannot serialise the ontology: " + e.getMessage(), e);
    }
  }

  /** The ontology (imports closure included) as a Jena model. */
  public static Model toJena(OWLOntology ontology) {
    Model model = ModelFactory.createDefaultModel();
    ontology
        .importsClosure()
        .forEach(
            o -> {
              ByteArrayOutputStream bytes = new ByteArrayOutputStream();
              save(o, new RDFXMLDocumentFormat(), bytes);
              RDFDataMgr.read(model, new ByteArrayInputStream(bytes.toByteArray()), Lang.RDFXML);
            });
    return model;
  }
}
