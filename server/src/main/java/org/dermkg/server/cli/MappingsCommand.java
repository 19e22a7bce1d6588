package org.dermkg.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.mapping.XrefCoverage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code derm mappings}: the coverage of the curated MONDO/DOID mappings and of the
 * cross-references derived through them, per target and predicate, as Markdown tables.
 */
@Command(
    name = "mappings",
    description =
        "Coverage of the live disease classes by the curated MONDO/DOID mappings and by the"
            + " ICD-10-CM, ICD-11, UMLS, MeSH, NCIt, Orphanet, OMIM and SNOMED CT ids derived"
            + " through them (Markdown tables).",
    mixinStandardHelpOptions = true)
final class MappingsCommand implements Callable<Integer> {
  @Option(
      names = "--source",
      paramLabel = "DIR",
      description = "Source tree (default: the shipped one).")
  Path source;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    OntologySource src = source == null ? OntologySource.shipped() : new OntologySource(source);
    spec.commandLine().getOut().print(XrefCoverage.of(src));
    spec.commandLine().getOut().flush();
    return 0;
  }
}
