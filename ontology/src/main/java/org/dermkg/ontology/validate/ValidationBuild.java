package org.dermkg.ontology.validate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.dermkg.ontology.OntologyException;
import org.dermkg.ontology.OntologyException.Code;
import org.dermkg.ontology.build.CompileNote;
import org.dermkg.ontology.mapping.LabelSet;
import org.dermkg.ontology.mapping.XrefTargets;
import org.dermkg.ontology.table.Branch;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * The validation build: reasoners (HermiT consistency, ELK or HermiT classification, with
 * justifications), structural QC, SPARQL rules, the OWL 2 DL profile check and the label-set
 * mapping checks, run over one ontology and collected into a {@link ValidationReport}. Create with
 * {@link #builder()}; a build is run once.
 */
public final class ValidationBuild {
  private final OWLOntology ontology;
  private final String source;
  private final List<LabelSet> labelSets;
  private final XrefTargets xrefTargets;
  private final List<CompileNote> notes;
  private final List<String> missingImports;
  private final List<Path> ruleDirs;
  private final Set<String> skip;
  private final Severity failOn;
  private final long loadMillis;

  private ValidationBuild(Builder b) {
    this.ontology = Objects.requireNonNull(b.ontology, "ontology");
    this.source = b.source;
    this.labelSets = List.copyOf(b.labelSets);
    this.xrefTargets = b.xrefTargets;
    this.notes = List.copyOf(b.notes);
    this.missingImports = List.copyOf(b.missingImports);
    this.ruleDirs = List.copyOf(b.ruleDirs);
    this.skip = Set.copyOf(b.skip);
    this.failOn = b.failOn;
    this.loadMillis = b.loadMillis;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Java checks, in run order (SPARQL rules come from rule directories). */
  public static List<Check> builtInChecks() {
    List<Check> checks = new ArrayList<>();
    checks.addAll(ReasonerChecks.all());
    checks.addAll(HierarchyChecks.all());
    checks.addAll(FindingChecks.all());
    checks.addAll(SourceChecks.all());
    checks.addAll(ProfileChecks.all());
    checks.addAll(MappingChecks.all());
    checks.addAll(XrefChecks.all());
    return checks;
  }

  /** Every check this build will run: built-in ones, then the rules, minus skipped ids. */
  public List<Check> checks() {
    List<Check> all = new ArrayList<>(builtInChecks());
    all.addAll(SparqlRule.load(ruleDirs));
    Set<String> ids = new HashSet<>();
    for (Check c : all) {
      if (!ids.add(c.info().id())) {
        throw new OntologyException(
            Code.RULE_INVALID, "two checks share the id '" + c.info().id() + "'");
      }
    }
    for (String s : skip) {
      if (!ids.contains(s)) {
        throw new OntologyException(Code.BAD_ARGUMENT, "--skip names unknown check '" + s + "'");
      }
    }
    return all.stream().filter(c -> !skip.contains(c.info().id())).toList();
  }

  /** Runs every check and returns the report (never throws for problems in the ontology). */
  public ValidationReport run() {
    List<Check> checks = checks();
    ValidationContext ctx =
        new ValidationContext(ontology, labelSets, notes, missingImports)
            .withXrefTargets(xrefTargets);
    Map<String, Long> stages = new LinkedHashMap<>();
    stages.put("load", loadMillis);
    List<CheckResult> results = new ArrayList<>();
    for (Check c : checks) {
      long t0 = System.nanoTime();
      List<Violation> v = c.run(ctx);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      stages.merge(c.info().stage(), ms, Long::sum);
      results.add(new CheckResult(c.info(), v, ms));
    }
    return new ValidationReport(source, iri(), versionIri(), facts(ctx), stages, results, failOn);
  }

  private String iri() {
    return ontology.getOntologyID().getOntologyIRI().map(IRI::toString).orElse("");
  }

  private String versionIri() {
    return ontology.getOntologyID().getVersionIRI().map(IRI::toString).orElse("");
  }

  private Map<String, String> facts(ValidationContext ctx) {
    Map<String, String> f = new LinkedHashMap<>();
    EnumMap<Branch, Integer> live = new EnumMap<>(Branch.class);
    int deprecated = 0;
    for (IRI c : ctx.graph().classes()) {
      if (ctx.graph().isDeprecated(c)) {
        deprecated++;
      } else {
        ctx.graph().branch(c).ifPresent(b -> live.merge(b, 1, Integer::sum));
      }
    }
    for (Branch b : Branch.values()) {
      f.put(b.cliName() + " classes", Integer.toString(live.getOrDefault(b, 0)));
    }
    f.put("deprecated classes", Integer.toString(deprecated));
    f.put("axioms", Long.toString(ontology.getAxiomCount()));
    f.put("logical axioms", Long.toString(ontology.getLogicalAxiomCount()));
    f.put("label sets", Integer.toString(labelSets.size()));
    if (ctx.reasoningDone()) {
      Reasoning r = ctx.reasoning();
      f.put("consistent", Boolean.toString(r.consistent()));
      f.put("OWL 2 EL", Boolean.toString(r.inEl()));
      f.put("classifier", r.classifier());
      f.put("HermiT consistency ms", Long.toString(r.consistencyMillis()));
      f.put("classification ms", Long.toString(r.classificationMillis()));
    }
    return f;
  }

  /** Configures a {@link ValidationBuild}. */
  public static final class Builder {
    private OWLOntology ontology;
    private String source = "";
    private List<LabelSet> labelSets = List.of();
    private XrefTargets xrefTargets = XrefTargets.NONE;
    private List<CompileNote> notes = List.of();
    private List<String> missingImports = List.of();
    private List<Path> ruleDirs = List.of();
    private Set<String> skip = Set.of();
    private Severity failOn = Severity.ERROR;
    private long loadMillis;

    private Builder() {}

    public Builder ontology(OWLOntology o) {
      this.ontology = o;
      return this;
    }

    /** Where the ontology came from, for the report header. */
    public Builder source(String s) {
      this.source = s;
      return this;
    }

    public Builder labelSets(List<LabelSet> sets) {
      this.labelSets = sets;
      return this;
    }

    /** The classes curated mappings may target (xrefs/targets.tsv of the source tree). */
    public Builder xrefTargets(XrefTargets targets) {
      this.xrefTargets = targets;
      return this;
    }

    public Builder compileNotes(List<CompileNote> n) {
      this.notes = n;
      return this;
    }

    public Builder missingImports(List<String> m) {
      this.missingImports = m;
      return this;
    }

    /** Directories of {@code *.rq} rules, run after the built-in checks. */
    public Builder ruleDirs(List<Path> dirs) {
      this.ruleDirs = dirs;
      return this;
    }

    /** Check ids not to run. */
    public Builder skip(Set<String> ids) {
      this.skip = ids;
      return this;
    }

    public Builder failOn(Severity s) {
      this.failOn = s;
      return this;
    }

    /** Time spent loading or compiling the ontology, reported as the "load" stage. */
    public Builder loadMillis(long ms) {
      this.loadMillis = ms;
      return this;
    }

    public ValidationBuild build() {
      return new ValidationBuild(this);
    }
  }
}
