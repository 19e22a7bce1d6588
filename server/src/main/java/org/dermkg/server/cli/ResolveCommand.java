package org.dermkg.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.dermkg.ontology.DermOntology;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.resolve.LabelResolver;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.ontology.table.Branch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code derm resolve}: free text to ontology classes. */
@Command(
    name = "resolve",
    description = {
      "Map labels to ontology classes. Prints, tab-separated: query, id, label, match type",
      "(id, exact, synonym, derm1m-name, normalised), matched name, IRI.",
      "Exit 0 when every label resolves to one class, 1 when one resolves to none, 3 when one is ambiguous."
    },
    mixinStandardHelpOptions = true)
final class ResolveCommand implements Callable<Integer> {
  static final int EXIT_AMBIGUOUS = 3;

  @Parameters(
      arity = "1..*",
      paramLabel = "LABEL",
      description = "Text to resolve (quote multi-word labels).")
  List<String> labels;

  @Option(
      names = "--kind",
      defaultValue = "any",
      description = "disease, concept, body-site, finding or any (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(names = "--json", description = "Print JSON instead of TSV.")
  boolean json;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Optional<Branch> branch = branch(kind);
    LabelResolver resolver = DermOntology.shippedResolver();
    PrintWriter out = spec.commandLine().getOut();
    // Jackson only for --json: the TSV path starts without loading it
    ObjectMapper mapper = json ? new ObjectMapper() : null;
    ArrayNode array = json ? mapper.createArrayNode() : null;
    int exit = 0;
    for (String label : labels) {
      Resolution r = resolver.resolve(label, branch);
      if (r.isEmpty()) {
        exit = 1;
        spec.commandLine().getErr().println("no match: " + label);
      } else if (!r.isUnique() && exit == 0) {
        exit = EXIT_AMBIGUOUS;
      }
      for (Resolution.Candidate c : r.candidates()) {
        if (json) {
          json(array.addObject(), label, c, r.isUnique());
        } else {
          out.println(
              String.join(
                  "\t",
                  label,
                  c.term().id(),
                  c.term().label(),
                  c.match().display(),
                  c.matchedName(),
                  c.term().iri()));
        }
      }
    }
    if (json) {
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
    }
    out.flush();
    spec.commandLine().getErr().flush();
    return exit;
  }

  private static void json(ObjectNode n, String label, Resolution.Candidate c, boolean unique) {
    n.put("query", label);
    n.put("id", c.term().id());
    n.put("iri", c.term().iri());
    n.put("label", c.term().label());
    n.put("match", c.match().display());
    n.put("matched", c.matchedName());
    n.put("kind", c.term().branch().map(Branch::cliName).orElse(""));
    n.put("ambiguous", !unique);
  }

  static Optional<Branch> branch(String kind) {
    if (kind.equalsIgnoreCase("any")) {
      return Optional.empty();
    }
    for (Branch b : Branch.values()) {
      if (b.cliName().equals(kind.toLowerCase(Locale.ROOT))) {
        return Optional.of(b);
      }
    }
    throw new OntologyException(
        OntologyException.Code.BAD_ARGUMENT,
        "unknown --kind '" + kind + "' (disease, concept, body-site, finding, any)");
  }
}
