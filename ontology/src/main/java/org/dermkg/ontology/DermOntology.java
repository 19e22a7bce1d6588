package org.dermkg.ontology;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dermkg.ontology.build.CompileNote;
import org.dermkg.ontology.build.CompiledOntology;
import org.dermkg.ontology.build.OntologyCompiler;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.mapping.LabelSets;
import org.dermkg.ontology.mapping.XrefTargets;
import org.dermkg.ontology.owl.OntologyIO;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.TermIndex;
import org.dermkg.ontology.validate.Severity;
import org.dermkg.ontology.validate.ValidationBuild;
import org.dermkg.ontology.validate.ValidationReport;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;

/**
 * Entry point of the ontology module: compile the shipped (or a curator's) source tree, validate it
 * or any OWL file, and resolve labels. Each call builds fresh state; nothing is cached globally.
 */
public final class DermOntology {
  private DermOntology() {}

  /**
   * Options of a validation build.
   *
   * @param failOn lowest severity that fails the build
   * @param extraRuleDirs rule directories run after the shipped rules
   * @param mappingsDir label-set mappings to check (empty: the source tree's own, or none for a
   *     file)
   * @param skip check ids not to run
   */
  public record Options(
      Severity failOn, List<Path> extraRuleDirs, Optional<Path> mappingsDir, Set<String> skip) {
    public Options {
      extraRuleDirs = List.copyOf(extraRuleDirs);
      skip = Set.copyOf(skip);
    }

    public static Options defaults() {
      return new Options(Severity.ERROR, List.of(), Optional.empty(), Set.of());
    }
  }

  /** Compiles the source tree shipped in this module. */
  public static CompiledOntology compileShipped() {
    return OntologyCompiler.compile(OntologySource.shipped());
  }

  /** A resolver over the shipped ontology (the class graph of its runtime artefact only). */
  public static LabelResolver shippedResolver() {
    return new LabelResolver(TermIndex.of(SnapshotFiles.readShippedGraph()));
  }

  /** Compiles and validates a source tree with its mappings and rules. */
  public static ValidationReport validate(OntologySource source, Options options) {
    long t0 = System.nanoTime();
    CompiledOntology compiled = OntologyCompiler.compile(source);
    return run(
        compiled.ontology(),
        source.root().toUri().toString(),
        source,
        compiled.notes(),
        List.of(),
        options.mappingsDir().or(() -> Optional.of(source.mappings())),
        options,
        t0);
  }

  /**
   * Validates a built ontology file (e.g. derm.owl) as OWL API loads it, with its source tree's
   * mappings and rules and the compile notes of its tables. This is what {@code mvn verify} gates
   * on, so a serialisation fault cannot hide behind an in-memory compile.
   */
  public static ValidationReport validateBuilt(OntologySource source, Path built, Options options) {
    long t0 = System.nanoTime();
    CompiledOntology compiled = OntologyCompiler.compile(source);
    OntologyIO.Loaded loaded = OntologyIO.load(OWLManager.createOWLOntologyManager(), built);
    return run(
        loaded.ontology(),
        built.toString(),
        source,
        compiled.notes(),
        loaded.missingImports(),
        options.mappingsDir().or(() -> Optional.of(source.mappings())),
        options,
        t0);
  }

  /**
   * Validates an OWL file with the shipped rules (and label sets only when given). The shipped DERM
   * ontology is compiled into the same manager first, so an extension that imports {@code
   * https://w3id.org/dermkg/derm.owl} sees it without any download.
   */
  public static ValidationReport validateFile(Path file, Options options) {
    long t0 = System.nanoTime();
    OntologySource shipped = OntologySource.shipped();
    OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
    OntologyCompiler.compile(shipped, manager);
    OntologyIO.Loaded loaded = OntologyIO.load(manager, file);
    return run(
        loaded.ontology(),
        file.toString(),
        shipped,
        List.of(),
        loaded.missingImports(),
        options.mappingsDir(),
        options,
        t0);
  }

  private static ValidationReport run(
      OWLOntology ontology,
      String description,
      OntologySource rulesFrom,
      List<CompileNote> notes,
      List<String> missingImports,
      Optional<Path> mappings,
      Options options,
      long startNanos) {
    List<LabelSet> sets = mappings.map(LabelSets::readAll).orElse(List.of());
    return ValidationBuild.builder()
        .ontology(ontology)
        .source(description)
        .labelSets(sets)
        .xrefTargets(XrefTargets.of(rulesFrom).orElse(XrefTargets.NONE))
        .compileNotes(notes)
        .missingImports(missingImports)
        .ruleDirs(ruleDirs(rulesFrom, options))
        .skip(options.skip())
        .failOn(options.failOn())
        .loadMillis((System.nanoTime() - startNanos) / 1_000_000)
        .build()
        .run();
  }

  /**
   * The source tree's own rules when it has a rules/ folder, else the shipped ones, then extras.
   */
  private static List<Path> ruleDirs(OntologySource source, Options options) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(Files.isDirectory(source.rules()) ? source.rules() : OntologySource.shipped().rules());
    dirs.addAll(options.extraRuleDirs());
    return dirs;
  }
}
