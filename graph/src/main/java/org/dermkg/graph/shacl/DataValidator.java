package org.dermkg.graph.shacl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.engine.Target;
import org.apache.jena.shacl.engine.ValidationContext;
import org.apache.jena.shacl.parser.Shape;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.shacl.validation.ValidationProc;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.dermkg.graph.GraphException;
import org.dermkg.graph.store.DermStore;
import org.dermkg.ontology.OntologySnapshot;
import org.dermkg.ontology.OntologySource;
import org.dermkg.ontology.owl.ClassGraph;
import org.dermkg.ontology.table.Branch;
import org.semanticweb.owlapi.model.IRI;

/**
 * Runs the image-data SHACL shapes ({@code data/image-shapes.ttl} of the ontology source) over the
 * store's images graph. Property shapes tagged {@code dkgsh:valueSet "disease"} (or "concept",
 * "body-site") get an {@code sh:in} list of that branch's live classes, so every diagnosis, concept
 * and body site is checked to be a current class with core constraints only.
 */
public final class DataValidator {
  private static final String SH = "http://www.w3.org/ns/shacl#";
  private static final Node VALUE_SET =
      NodeFactory.createURI("https://w3id.org/dermkg/shapes#valueSet");
  static final int SAMPLES = 20;

  private DataValidator() {}

  /** The outcome: whether the data conforms, and the violations grouped and sampled. */
  public record Result(
      boolean conforms,
      long violations,
      long warnings,
      List<Map<String, Object>> groups,
      List<Map<String, Object>> samples,
      double seconds) {
    public Map<String, Object> summary() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("conforms", conforms);
      m.put("violations", violations);
      m.put("warnings", warnings);
      m.put("byConstraint", groups);
      m.put("samples", samples);
      m.put("seconds", seconds);
      return m;
    }
  }

  /** Builds the shapes with value sets from the ontology. */
  public static Shapes shapes(ClassGraph ontology) {
    Graph g = GraphFactory.createDefaultGraph();
    try (InputStream in = Files.newInputStream(OntologySource.shipped().imageShapes())) {
      RDFParser.source(in).lang(Lang.TURTLE).parse(g);
    } catch (IOException e) {
      throw new GraphException(
          GraphException.Code.INPUT_MISSING, "cannot read the image shapes: " + e.getMessage(), e);
    }
    Map<String, List<Node>> sets = new HashMap<>();
    for (IRI c : ontology.classes()) {
      if (!ontology.isDeprecated(c) && ontology.isDeclared(c)) {
        Optional<Branch> b = ontology.branch(c);
        b.ifPresent(
            x ->
                sets.computeIfAbsent(x.cliName(), k -> new ArrayList<>())
                    .add(NodeFactory.createURI(c.toString())));
      }
    }
    for (Triple t : g.find(Node.ANY, VALUE_SET, Node.ANY).toList()) {
      List<Node> values = sets.getOrDefault(t.getObject().getLiteralLexicalForm(), List.of());
      g.add(Triple.create(t.getSubject(), NodeFactory.createURI(SH + "in"), list(g, values)));
    }
    return Shapes.parse(g);
  }

  private static Node list(Graph g, List<Node> values) {
    Node nil = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil");
    Node first = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#first");
    Node rest = NodeFactory.createURI("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest");
    Node head = nil;
    for (int i = values.size() - 1; i >= 0; i--) {
      Node cell = NodeFactory.createBlankNode();
      g.add(Triple.create(cell, first, values.get(i)));
      g.add(Triple.create(cell, rest, head));
      head = cell;
    }
    return head;
  }

  /**
   * Validates the store's images graph. The (shape, focus node) pairs are split across the
   * available processors, each part validated in its own read transaction, and the reports merged.
   */
  public static Result validate(DermStore store, OntologySnapshot snapshot) {
    return validate(store, snapshot, DermStore.IMAGES_GRAPH);
  }

  /** Validates one graph of the store (the images graph, or a benchmark dataset's graph). */
  public static Result validate(DermStore store, OntologySnapshot snapshot, Node graph) {
    Shapes shapes = shapes(snapshot.graph());
    long t0 = System.nanoTime();
    DatasetGraph dsg = store.dataset();
    Graph data = dsg.getGraph(graph);
    List<Object[]> work = Txn.calculateRead(dsg, () -> focusPairs(shapes, data));
    List<ReportEntry> entries = validateInParallel(dsg, shapes, data, work);
    return summarize(entries, t0);
  }

  /** Every (shape, focus node) pair the target shapes select in {@code data}. */
  private static List<Object[]> focusPairs(Shapes shapes, Graph data) {
    List<Object[]> l = new ArrayList<>();
    for (Shape shape : shapes.getTargetShapes()) {
      for (Target t : shape.getTargets()) {
        for (Node n : t.getFocusNodes(data)) {
          l.add(new Object[] {shape, n});
        }
      }
    }
    return l;
  }

  /** Validates the pairs in up to 8 parts at once and merges the reports' entries in order. */
  private static List<ReportEntry> validateInParallel(
      DatasetGraph dsg, Shapes shapes, Graph data, List<Object[]> work) {
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    int chunk = (work.size() + threads - 1) / Math.max(1, threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<ReportEntry> entries = new ArrayList<>();
    try {
      List<Future<ValidationReport>> parts = new ArrayList<>();
      for (int k = 0; k < threads && k * chunk < work.size(); k++) {
        List<Object[]> part = work.subList(k * chunk, Math.min(work.size(), (k + 1) * chunk));
        parts.add(pool.submit(() -> validatePart(dsg, shapes, data, part)));
      }
      for (Future<ValidationReport> f : parts) {
        entries.addAll(f.get().getEntries());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphException(GraphException.Code.LOAD_FAILED, "validation interrupted", e);
    } catch (ExecutionException e) {
      throw new GraphException(
          GraphException.Code.LOAD_FAILED, "validation failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return entries;
  }

  /** One part of the pairs, validated in its own read transaction. */
  private static ValidationReport validatePart(
      DatasetGraph dsg, Shapes shapes, Graph data, List<Object[]> part) {
    return Txn.calculateRead(
        dsg,
        () -> {
          ValidationContext vc = ValidationContext.create(shapes, data);
          for (Object[] x : part) {
            ValidationProc.execValidateShape(vc, data, (Shape) x[0], (Node) x[1]);
          }
          return vc.generateReport();
        });
  }

  /** Counts the entries, groups them by severity, path and message, and keeps the first samples. */
  private static Result summarize(List<ReportEntry> entries, long t0) {
    long violations = 0;
    long warnings = 0;
    Map<String, Long> groups = new LinkedHashMap<>();
    List<Map<String, Object>> samples = new ArrayList<>();
    for (ReportEntry e : entries) {
      boolean warning = isWarning(e);
      if (warning) {
        warnings++;
      } else {
        violations++;
      }
      String path = e.resultPath() == null ? "" : e.resultPath().toString();
      String key = (warning ? "warning " : "violation ") + path + ": " + e.message();
      groups.merge(key, 1L, Long::sum);
      if (samples.size() < SAMPLES) {
        samples.add(sample(e, path, warning));
      }
    }
    List<Map<String, Object>> grouped = new ArrayList<>();
    groups.forEach((k, v) -> grouped.add(Map.of("constraint", k, "count", v)));
    return new Result(
        violations == 0,
        violations,
        warnings,
        grouped,
        samples,
        Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
  }

  private static boolean isWarning(ReportEntry e) {
    return e.severity().level().getURI().endsWith("Warning")
        || e.severity().level().getURI().endsWith("Info");
  }

  private static Map<String, Object> sample(ReportEntry e, String path, boolean warning) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("focus", e.focusNode().toString());
    s.put("path", path);
    s.put("value", e.value() == null ? "" : e.value().toString());
    s.put("message", e.message());
    s.put("severity", warning ? "warning" : "violation");
    return s;
  }
}
