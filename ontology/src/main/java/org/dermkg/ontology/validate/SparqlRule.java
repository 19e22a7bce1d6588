package org.dermkg.ontology.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.Syntax;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.shared.PrefixMapping;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.vocab.Derm;
import org.dermkg.ontology.vocab.Obo;
import org.semanticweb.owlapi.model.IRI;

/**
 * A project rule written as a SPARQL SELECT over the ontology's RDF (plus the label-set mapping
 * triples): any result row is a violation. The file starts with comment lines {@code # id:}, {@code
 * # title:}, {@code # severity:} (ERROR, WARN or INFO) and {@code # description:}; the query must
 * project {@code ?entity} and may project {@code ?property}, {@code ?value} and {@code ?message}.
 * Standard prefixes (rdf, rdfs, owl, xsd, obo, oboInOwl, dcterms, skos, DERM) are predeclared.
 */
record SparqlRule(CheckInfo info, Query query, Path file) implements Check {
  /** A rule that runs longer than this is stopped and reported as a violation of itself. */
  static final long TIMEOUT_SECONDS = 30;

  static final PrefixMapping PREFIXES =
      PrefixMapping.Factory.create()
          .setNsPrefixes(PrefixMapping.Standard)
          .setNsPrefix("obo", Obo.OBO)
          .setNsPrefix("oboInOwl", Obo.OBO_IN_OWL)
          .setNsPrefix("dcterms", Obo.DCTERMS)
          .setNsPrefix("skos", Obo.SKOS)
          .setNsPrefix("DERM", Derm.TERM_PREFIX)
          .lock();

  /** Reads every {@code *.rq} file of the given directories, in directory then name order. */
  static List<Check> load(List<Path> dirs) {
    List<Check> rules = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new OntologyException(Code.SOURCE_MISSING, "rules directory not found: " + dir);
      }
      for (Path file : OntologySource.list(dir, ".rq")) {
        rules.add(parse(file));
      }
    }
    return rules;
  }

  static SparqlRule parse(Path file) {
    String name = file.getFileName().toString();
    String text = readRule(file);
    Map<String, String> header = header(text);
    String id = header.getOrDefault("id", name.replaceFirst("\\.rq$", ""));
    Severity severity = severity(name, header);
    Query q = parseQuery(name, text);
    CheckInfo info =
        new CheckInfo(
            id,
            header.getOrDefault("title", id),
            severity,
            header.getOrDefault("description", ""),
            "rule");
    return new SparqlRule(info, q, file);
  }

  private static String readRule(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new OntologyException(
          Code.SOURCE_MISSING, "cannot read rule " + file + ": " + e.getMessage(), e);
    }
  }

  /** The leading {@code # key: value} comment lines, keys lower-cased. */
  private static Map<String, String> header(String text) {
    Map<String, String> header = new LinkedHashMap<>();
    for (String line : text.split("\r?\n")) {
      if (!line.startsWith("#")) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 1) {
        header.put(
            line.substring(1, colon).strip().toLowerCase(java.util.Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
    return header;
  }

  private static Severity severity(String name, Map<String, String> header) {
    if (!header.containsKey("severity")) {
      throw new OntologyException(
          Code.RULE_INVALID, name + ": missing '# severity: ERROR|WARN|INFO' header line");
    }
    try {
      return Severity.parse(header.get("severity"));
    } catch (OntologyException e) {
      throw new OntologyException(Code.RULE_INVALID, name + ": " + e.getMessage(), e);
    }
  }

  /** Parses the rule's text as a SELECT query that projects {@code ?entity}. */
  private static Query parseQuery(String name, String text) {
    Query q = new Query();
    q.setPrefixMapping(PrefixMapping.Factory.create().setNsPrefixes(PREFIXES));
    try {
      QueryFactory.parse(q, text, null, Syntax.syntaxARQ);
    } catch (QueryParseException e) {
      throw new OntologyException(
          Code.RULE_INVALID, name + ": not a valid SPARQL query: " + e.getMessage(), e);
    }
    if (!q.isSelectType()) {
      throw new OntologyException(Code.RULE_INVALID, name + ": a rule must be a SELECT query");
    }
    if (!q.getResultVars().contains("entity")) {
      throw new OntologyException(Code.RULE_INVALID, name + ": a rule must project ?entity");
    }
    return q;
  }

  @Override
  public List<Violation> run(ValidationContext ctx) {
    ClassGraph g = ctx.graph();
    List<Violation> out = new ArrayList<>();
    try (QueryExecution qe =
        QueryExecution.model(ctx.rdf())
            .query(query)
            .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS)
            .build()) {
      ResultSet rs = qe.execSelect();
      while (rs.hasNext()) {
        QuerySolution s = rs.next();
        String entity = text(s.get("entity"));
        String label =
            s.get("entity") != null && s.get("entity").isURIResource()
                ? g.label(IRI.create(entity))
                : "";
        String message = s.contains("message") ? text(s.get("message")) : describe(g, s);
        out.add(new Violation(entity, label, message));
      }
    } catch (org.apache.jena.query.QueryCancelledException e) {
      out.add(new Violation(file.toString(), "", "rule stopped after " + TIMEOUT_SECONDS + " s"));
    }
    return out;
  }

  private static String describe(ClassGraph g, QuerySolution s) {
    StringBuilder b = new StringBuilder(show(g, s.get("entity")));
    if (s.contains("property")) {
      b.append(' ').append(show(g, s.get("property")));
    }
    if (s.contains("value")) {
      b.append(' ').append(show(g, s.get("value")));
    }
    return b.toString();
  }

  /** An IRI as "'label' (DERM:0001234)" or a prefixed name; a literal quoted. */
  private static String show(ClassGraph g, RDFNode n) {
    if (n != null && n.isURIResource()) {
      String iri = n.asResource().getURI();
      if (!g.label(IRI.create(iri)).isEmpty() || Derm.iriToCurie(iri).isPresent()) {
        return g.display(IRI.create(iri));
      }
      return PREFIXES.shortForm(iri);
    }
    return "'" + text(n) + "'";
  }

  private static String text(RDFNode n) {
    if (n == null) {
      return "";
    }
    if (n.isURIResource()) {
      return n.asResource().getURI();
    }
    if (n.isLiteral()) {
      return n.asLiteral().getLexicalForm();
    }
    return n.toString();
  }
}
