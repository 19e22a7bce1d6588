package org.dermkg.sparql.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.SparqlException.Code;

/**
 * The shipped named queries: every name in {@code derm-queries/INDEX}, each loaded and checked
 * once. Immutable and thread-safe.
 */
public final class QueryLibrary {
  private static final QueryLibrary SHIPPED = new QueryLibrary(readIndex());

  private final Map<String, NamedQuery> queries = new LinkedHashMap<>();

  private QueryLibrary(List<String> names) {
    for (String n : names) {
      queries.put(n, NamedQuery.load(n));
    }
  }

  /** The library shipped on the class path. */
  public static QueryLibrary shipped() {
    return SHIPPED;
  }

  /** Every query, in index order. */
  public List<NamedQuery> all() {
    return List.copyOf(queries.values());
  }

  /** The query of that name. */
  public NamedQuery get(String name) {
    NamedQuery q = queries.get(name);
    if (q == null) {
      throw new SparqlException(Code.QUERY_MISSING, "no named query '" + name + "'");
    }
    return q;
  }

  private static List<String> readIndex() {
    try (InputStream in =
        QueryLibrary.class.getClassLoader().getResourceAsStream("derm-queries/INDEX")) {
      if (in == null) {
        throw new SparqlException(
            Code.QUERY_MISSING, "derm-queries/INDEX is not on the class path");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
          .lines()
          .map(String::trim)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .toList();
    } catch (IOException e) {
      throw new SparqlException(Code.QUERY_MISSING, "cannot read derm-queries/INDEX", e);
    }
  }
}
