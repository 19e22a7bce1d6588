package org.dermkg.sparql.guard;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.algebra.op.OpService;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.service.single.ChainingServiceExecutor;
import org.apache.jena.sparql.service.single.ServiceExecutor;

/**
 * The SERVICE executor link that runs before Jena's HTTP executor: an endpoint (bound by now, also
 * for {@code SERVICE ?var}) that the execution context's {@link OutboundPolicy} does not allow
 * stops the query with a QueryExecException, SILENT or not, and no connection is made.
 */
final class ServiceGuard implements ChainingServiceExecutor {
  @Override
  public QueryIterator createExecution(
      OpService opExecute,
      OpService opOriginal,
      Binding binding,
      ExecutionContext execCxt,
      ServiceExecutor chain) {
    Node endpoint = opExecute.getService();
    OutboundPolicy policy = OutboundPolicy.of(execCxt.getContext());
    if (!endpoint.isURI() || !policy.allows(endpoint.getURI())) {
      throw new QueryExecException(policy.refused("SERVICE <" + endpoint + ">").toString());
    }
    return chain.createExecution(opExecute, opOriginal, binding, execCxt);
  }
}
