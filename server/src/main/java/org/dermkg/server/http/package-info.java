/**
 * The HTTP service: embedded Fuseki (SPARQL query, update, Graph Store Protocol) with write guards,
 * result limits and timeouts; the OLS-like JSON API; Prometheus metrics; error mapping.
 */
package org.dermkg.server.http;
