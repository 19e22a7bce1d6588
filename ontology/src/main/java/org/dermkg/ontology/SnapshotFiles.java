package org.dermkg.ontology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.owl.ClassGraphFile;

/**
 * The runtime artefact of an ontology release, written by the build beside derm.owl: the snapshot's
 * RDF (ontology, inferred hierarchy, data vocabulary, label sets) in RDF Thrift, its class graph
 * and its version line. Reading it needs neither OWL parsing nor a reasoner.
 */
final class SnapshotFiles {
  /** Classpath folder of the shipped artefact. */
  static final String CLASSPATH_DIR = "derm/runtime";

  static final String RDF = "ontology.rt";
  static final String CLASSES = "classes.tsv";
  static final String VERSION = "version.txt";

  private SnapshotFiles() {}

  static List<Path> write(OntologySnapshot snapshot, Path dir) {
    try {
      Files.createDirectories(dir);
      try (OutputStream out = Files.newOutputStream(dir.resolve(RDF))) {
        RDFDataMgr.write(out, snapshot.rdf(), Lang.RDFTHRIFT);
      }
      try (Writer out = Files.newBufferedWriter(dir.resolve(CLASSES), StandardCharsets.UTF_8)) {
        ClassGraphFile.write(snapshot.graph(), out);
      }
      Files.writeString(dir.resolve(VERSION), snapshot.version() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OntologyException(
          Code.WRITE_FAILED,
          "cannot write the runtime ontology to " + dir + ": " + e.getMessage(),
          e);
    }
    return List.of(dir.resolve(RDF), dir.resolve(CLASSES), dir.resolve(VERSION));
  }

  /** The artefact shipped on the class path (built into the ontology module's jar). */
  static OntologySnapshot readShipped() {
    Model rdf = ModelFactory.createDefaultModel();
    try (InputStream in = open(RDF)) {
      RDFParser.source(in).lang(Lang.RDFTHRIFT).parse(rdf);
    } catch (IOException e) {
      throw unreadable(RDF, e);
    }
    String version;
    try (InputStream in = open(VERSION)) {
      version = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw unreadable(VERSION, e);
    }
    return new OntologySnapshot(SnapshotFiles::readShippedGraph, version, rdf);
  }

  /** Only the class graph of the shipped artefact (what a resolver needs; no RDF is read). */
  static ClassGraph readShippedGraph() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(open(CLASSES), StandardCharsets.UTF_8))) {
      return ClassGraphFile.read(in);
    } catch (IOException | IllegalArgumentException e) {
      throw unreadable(CLASSES, e);
    }
  }

  private static InputStream open(String name) {
    InputStream in =
        SnapshotFiles.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + "/" + name);
    if (in == null) {
      throw new OntologyException(
          Code.SOURCE_MISSING,
          "the runtime ontology ("
              + CLASSPATH_DIR
              + "/"
              + name
              + ") is not on the class path: build the ontology module (./mvnw -DskipTests package)");
    }
    return in;
  }

  private static OntologyException unreadable(String name, Exception e) {
    return new OntologyException(
        Code.SOURCE_MISSING,
        "cannot read the runtime ontology " + CLASSPATH_DIR + "/" + name + ": " + e.getMessage(),
        e);
  }
}
