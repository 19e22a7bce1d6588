package org.dermkg.ontology.validate;

import java.util.ArrayList;
import java.util.List;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWL2ELProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/** OWL 2 profile checks: DL is required; EL is reported because ELK is complete only there. */
final class ProfileChecks {
  private ProfileChecks() {}

  static List<Check> all() {
    return List.of(
        SimpleCheck.of(
            "owl2_dl_profile",
            "OWL 2 DL profile",
            Severity.ERROR,
            "profile",
            "The ontology is in the OWL 2 DL profile (declared entities, no illegal punning or constructs), so DL reasoners are sound and complete on it.",
            ctx ->
                violations(
                    ctx, new OWL2DLProfile().checkOntology(ctx.ontology()), Integer.MAX_VALUE)),
        SimpleCheck.of(
            "owl2_el_profile",
            "OWL 2 EL profile",
            Severity.INFO,
            "profile",
            "Outside OWL 2 EL, ELK's classification is incomplete, so the build classifies with HermiT instead (slower).",
            ctx -> violations(ctx, new OWL2ELProfile().checkOntology(ctx.ontology()), 20)));
  }

  /** Some violations (e.g. about imports or the ontology IRI) concern no axiom. */
  private static String axiom(ValidationContext ctx, OWLProfileViolation v) {
    try {
      return ctx.renderer().render(v.getAxiom());
    } catch (IllegalStateException noAxiom) {
      return v.toString();
    }
  }

  private static List<Violation> violations(
      ValidationContext ctx, OWLProfileReport report, int limit) {
    List<Violation> out = new ArrayList<>();
    String iri =
        ctx.ontology().getOntologyID().getOntologyIRI().map(IRI::toString).orElse("(anonymous)");
    List<OWLProfileViolation> all = report.getViolations();
    for (OWLProfileViolation v : all) {
      if (out.size() == limit) {
        out.add(new Violation(iri, "", "... and " + (all.size() - limit) + " more"));
        break;
      }
      String axiom = axiom(ctx, v);
      String kind =
          v.getClass()
              .getSimpleName()
              .replaceAll("([a-z])([A-Z])", "$1 $2")
              .toLowerCase(java.util.Locale.ROOT);
      out.add(new Violation(iri, "", kind + (axiom.isEmpty() ? "" : ": " + axiom)));
    }
    return out;
  }
}
