package org.dermkg.ontology.owl;

import org.dermkg.ontology.vocab.Derm;
import org.semanticweb.owlapi.manchestersyntax.renderer.ManchesterOWLSyntaxOWLObjectRendererImpl;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLObject;
import org.semanticweb.owlapi.util.ShortFormProvider;

/**
 * Renders axioms in Manchester syntax with entities shown by label and ID, e.g. {@code 'Psoriasis'
 * [DERM:0001145] SubClassOf 'has typical finding' [DERM:0000001] some ...}. Not thread-safe.
 */
public final class AxiomRenderer {
  private final ManchesterOWLSyntaxOWLObjectRendererImpl renderer =
      new ManchesterOWLSyntaxOWLObjectRendererImpl();

  public AxiomRenderer(ClassGraph graph) {
    renderer.setShortFormProvider(new Labels(graph));
  }

  public String render(OWLObject object) {
    return renderer.render(object).replaceAll("\\s+", " ").strip();
  }

  private record Labels(ClassGraph graph) implements ShortFormProvider {
    @Override
    public String getShortForm(OWLEntity entity) {
      String iri = entity.getIRI().toString();
      String id = Derm.iriToCurie(iri).orElse(entity.getIRI().getShortForm());
      String label = graph.label(entity.getIRI());
      return label.isEmpty() ? id : "'" + label + "' [" + id + "]";
    }

    @Override
    public void dispose() {
      // nothing held
    }
  }
}
