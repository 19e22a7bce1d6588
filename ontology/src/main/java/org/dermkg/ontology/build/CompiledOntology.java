package org.dermkg.ontology.build;

import java.util.List;
import org.dermkg.ontology.table.SourceTables;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * The result of compiling the source tables: the OWL ontology, the tables it came from, and the
 * non-fatal notes the compiler made. The ontology is mutable OWL API state owned by the caller.
 */
public record CompiledOntology(OWLOntology ontology, SourceTables tables, List<CompileNote> notes) {
  public CompiledOntology {
    notes = List.copyOf(notes);
  }
}
