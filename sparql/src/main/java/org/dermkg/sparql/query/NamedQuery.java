package org.dermkg.sparql.query;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryException;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecDatasetBuilder;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.syntax.ElementSubQuery;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.sparql.syntax.syntaxtransform.QueryTransformOps;
import org.apache.jena.sparql.util.FmtUtils;
import org.apache.jena.system.Txn;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/**
 * One shipped SPARQL SELECT query ({@code derm-queries/<name>.rq}) with its header: a description
 * (the leading comment lines), its parameters ({@code # @param name text}), each a variable of the
 * query that a caller binds by substitution, and optionally {@code # @page inner}: callers' LIMIT
 * and OFFSET then apply to the first sub-SELECT, so rows skipped by a deep page are never joined.
 * Immutable and thread-safe; {@link #select} runs in a read transaction of its own (or the
 * caller's, when one is open).
 */
public final class NamedQuery {
  private static final String RESOURCE_DIR = "derm-queries/";

  /** A declared parameter. */
  public record Param(String name, String description) {}

  private final String name;
  private final String description;
  private final List<Param> params;
  private final String text;
  private final Query query;
  private final boolean pageInner;

  private NamedQuery(
      String name,
      String description,
      List<Param> params,
      String text,
      Query query,
      boolean pageInner) {
    this.name = name;
    this.description = description;
    this.params = List.copyOf(params);
    this.text = text;
    this.query = query;
    this.pageInner = pageInner;
  }

  /** Loads and checks {@code derm-queries/<name>.rq} from the class path. */
  public static NamedQuery load(String name) {
    String resource = RESOURCE_DIR + name + ".rq";
    try (InputStream in = NamedQuery.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new SparqlException(Code.QUERY_MISSING, "no named query " + resource);
      }
      return parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SparqlException(Code.QUERY_MISSING, "cannot read " + resource, e);
    }
  }

  /** Parses a query text with its header; the query must be a SELECT using every parameter. */
  public static NamedQuery parse(String name, String text) {
    Header header = Header.of(text);
    Query query = select(name, text);
    for (Param p : header.params()) {
      if (!text.contains("?" + p.name())) {
        throw new SparqlException(
            Code.QUERY_MISSING,
            "named query "
                + name
                + " declares @param "
                + p.name()
                + " but never uses ?"
                + p.name());
      }
    }
    if (header.pageInner() && innerSelect(query) == null) {
      throw new SparqlException(
          Code.QUERY_MISSING, "named query " + name + " says @page inner but has no sub-SELECT");
    }
    return new NamedQuery(
        name, header.description(), header.params(), text, query, header.pageInner());
  }

  /** What the leading comment lines declare. */
  private record Header(String description, List<Param> params, boolean pageInner) {
    static Header of(String text) {
      StringBuilder description = new StringBuilder();
      List<Param> params = new ArrayList<>();
      boolean pageInner = false;
      for (String line : text.split("\n")) {
        if (!line.startsWith("#")) {
          break;
        }
        String body = line.substring(1).trim();
        if (body.equals("@page inner")) {
          pageInner = true;
        } else if (body.startsWith("@param ")) {
          String[] parts = body.substring(7).trim().split("\\s+", 2);
          params.add(new Param(parts[0], parts.length > 1 ? parts[1] : ""));
        } else if (!body.isEmpty()) {
          description.append(description.length() == 0 ? "" : " ").append(body);
        }
      }
      return new Header(description.toString(), params, pageInner);
    }
  }

  private static Query select(String name, String text) {
    Query query;
    try {
      query = QueryFactory.create(text);
    } catch (QueryException e) {
      throw new SparqlException(
          Code.QUERY_MISSING, "named query " + name + " does not parse: " + e.getMessage(), e);
    }
    if (!query.isSelectType()) {
      throw new SparqlException(Code.QUERY_MISSING, "named query " + name + " is not a SELECT");
    }
    return query;
  }

  /** The first sub-SELECT of the query's pattern, or null. */
  private static Query innerSelect(Query q) {
    Query[] found = new Query[1];
    ElementWalker.walk(
        q.getQueryPattern(),
        new ElementVisitorBase() {
          @Override
          public void visit(ElementSubQuery el) {
            if (found[0] == null) {
              found[0] = el.getQuery();
            }
          }
        });
    return found[0];
  }

  public String name() {
    return name;
  }

  public String description() {
    return description;
  }

  public List<Param> params() {
    return params;
  }

  /** The query text as shipped, header included. */
  public String text() {
    return text;
  }

  /** A copy of the parsed query (callers may change it). */
  public Query query() {
    return query.cloneQuery();
  }

  private static Binding copy(Binding row) {
    BindingBuilder b = BindingBuilder.create();
    row.forEach(b::add);
    return b.build();
  }

  /**
   * Runs the query with every declared parameter bound, rows materialised inside the transaction.
   *
   * @param limit at most this many rows; negative for the query's own limit
   * @param offset rows to skip; 0 for none
   * @param timeoutMillis cancel after this long; 0 or negative for no limit
   * @throws SparqlException BAD_ARGUMENT when a parameter is missing or unknown, TIMEOUT when
   *     cancelled, QUERY_FAILED when the store fails
   */
  public List<Binding> select(
      DatasetGraph dataset, Map<String, Node> args, long limit, long offset, long timeoutMillis) {
    Binding binding = bind(args);
    Query q = paged(limit, offset);
    Query run = q;
    try {
      return Txn.calculateRead(
          dataset,
          () -> {
            QueryExecDatasetBuilder exec = QueryExecDatasetBuilder.create().dataset(dataset);
            exec.query(run).substitution(binding);
            if (timeoutMillis > 0) {
              exec.timeout(timeoutMillis, TimeUnit.MILLISECONDS);
            }
            try (QueryExec qe = exec.build()) {
              RowSet rows = qe.select();
              List<Binding> out = new ArrayList<>();
              // copy every value now: a TDB2 binding resolves its nodes lazily, which needs the
              // transaction (Binding.detach() keeps a projection over the lazy binding)
              rows.forEachRemaining(row -> out.add(copy(row)));
              return out;
            }
          });
    } catch (QueryCancelledException e) {
      throw new SparqlException(
          Code.TIMEOUT, "named query " + name + " ran past " + timeoutMillis + " ms", e);
    } catch (SparqlException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new SparqlException(
          Code.QUERY_FAILED, "named query " + name + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The query as a runnable text with the parameters written in as constants (for an editor's
   * examples): the shipped text, comments and layout kept, each {@code ?param} replaced by its
   * value (prefixed where a declared prefix fits), and {@code LIMIT limit} added when the query has
   * no limit of its own (negative: none added). A query that projects a parameter is re-serialised
   * by Jena's syntax substitution instead.
   *
   * @throws SparqlException BAD_ARGUMENT when a parameter is missing or unknown
   */
  public String example(Map<String, Node> args, long limit) {
    Binding binding = bind(args);
    StringBuilder head = new StringBuilder();
    String written = splitHeader(head);
    boolean projected = false;
    for (Param p : params) {
      Var v = Var.alloc(p.name());
      projected |= query.getProjectVars().contains(v);
      String value = FmtUtils.stringForNode(binding.get(v), query.getPrefixMapping());
      head.append("# ?")
          .append(p.name())
          .append(" (")
          .append(p.description())
          .append(") is written in as ")
          .append(value)
          .append('\n');
      written =
          written.replaceAll(
              "[?$]" + Pattern.quote(p.name()) + "\\b", Matcher.quoteReplacement(value));
    }
    if (limit >= 0 && !query.hasLimit()) {
      written += "\nLIMIT " + limit;
    }
    if (projected) {
      written = substituted(binding, limit);
    }
    return head + written + "\n";
  }

  /**
   * Appends the header's plain comment lines (not the {@code @} directives) to {@code head} and
   * returns the rest of the text, stripped.
   */
  private String splitHeader(StringBuilder head) {
    StringBuilder body = new StringBuilder();
    boolean inHeader = true;
    for (String line : text.split("\n", -1)) {
      if (inHeader && line.startsWith("#")) {
        String c = line.substring(1).trim();
        if (!c.startsWith("@") && !c.isEmpty()) {
          head.append(line).append('\n');
        }
        continue;
      }
      inHeader = false;
      body.append(line).append('\n');
    }
    return body.toString().strip();
  }

  /** The query re-serialised by Jena's syntax substitution, with the default limit. */
  private String substituted(Binding binding, long limit) {
    Query q = query.cloneQuery();
    if (limit >= 0 && !q.hasLimit()) {
      q.setLimit(limit);
    }
    Map<Var, Node> values = new java.util.LinkedHashMap<>();
    binding.forEach(values::put);
    return QueryTransformOps.syntaxSubstitute(q, values).serialize().strip();
  }

  private Binding bind(Map<String, Node> args) {
    BindingBuilder b = BindingBuilder.create();
    for (Param p : params) {
      Node value = args.get(p.name());
      if (value == null) {
        throw new SparqlException(
            Code.BAD_ARGUMENT, "named query " + name + " needs a value for ?" + p.name());
      }
      b.add(Var.alloc(p.name()), value);
    }
    for (String key : args.keySet()) {
      if (params.stream().noneMatch(p -> p.name().equals(key))) {
        throw new SparqlException(
            Code.BAD_ARGUMENT, "named query " + name + " has no parameter ?" + key);
      }
    }
    return b.build();
  }

  /** The query with the caller's page applied (a copy when it changes). */
  private Query paged(long limit, long offset) {
    Query q = query;
    if (limit >= 0 || offset > 0) {
      q = query.cloneQuery();
      // "@page inner": the page is cut in the sub-SELECT, before the joins that decorate each row
      Query paged = pageInner ? innerSelect(q) : q;
      if (limit >= 0) {
        paged.setLimit(limit);
      }
      if (offset > 0) {
        paged.setOffset(offset);
      }
    }
    return q;
  }
}
