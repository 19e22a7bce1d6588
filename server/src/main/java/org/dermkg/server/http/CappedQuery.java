package org.dermkg.server.http;

import org.apache.jena.atlas.lib.Pair;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.dermkg.sparql.SparqlException;
import org.dermkg.sparql.guard.OutboundPolicy;

/**
 * Fuseki's SPARQL query operation with a result-size limit: a SELECT, CONSTRUCT or DESCRIBE without
 * a LIMIT, or with a larger one, runs with LIMIT {@code maxRows}, and the response says so in the
 * {@code Derm-Result-Limit} header. ASK is not limited (one boolean). A query naming a SERVICE
 * endpoint outside the outbound policy is refused with 400 before it runs.
 */
final class CappedQuery extends SPARQL_QueryDataset {
  /** The response header naming the limit applied. */
  static final String HEADER = "Derm-Result-Limit";

  private final long maxRows;
  private final OutboundPolicy outbound;

  CappedQuery(long maxRows, OutboundPolicy outbound) {
    this.maxRows = maxRows;
    this.outbound = outbound;
  }

  /** Refuses (400, the rule named) a query whose SERVICE the outbound policy does not allow. */
  @Override
  protected void validateQuery(HttpAction action, Query query) {
    try {
      outbound.check(query);
    } catch (SparqlException e) {
      ServletOps.error(e.code().httpStatus(), e.toString());
    }
  }

  @Override
  protected Pair<DatasetGraph, Query> decideDataset(
      HttpAction action, Query query, String queryStringLog) {
    if (action.getRequest().getAttribute(AdmissionFilter.TIME_LIMIT) instanceof Long limit) {
      // admitted to the reserve: a shorter limit, in this action's own copy of the context
      long current = Long.MAX_VALUE;
      try {
        current = Long.parseLong(action.getContext().getAsString(ARQ.queryTimeout, "").strip());
      } catch (NumberFormatException e) {
        // no plain limit configured: the reserve's applies
      }
      action.getContext().set(ARQ.queryTimeout, Long.toString(Math.min(current, limit)));
    }
    Pair<DatasetGraph, Query> chosen = super.decideDataset(action, query, queryStringLog);
    Query q = chosen.getRight() == null ? query : chosen.getRight();
    if (q.isAskType() || q.isJsonType()) {
      return chosen;
    }
    if (!q.hasLimit() || q.getLimit() > maxRows) {
      q = q.cloneQuery();
      q.setLimit(maxRows);
      action.setResponseHeader(HEADER, Long.toString(maxRows));
    }
    return Pair.create(chosen.getLeft(), q);
  }
}
