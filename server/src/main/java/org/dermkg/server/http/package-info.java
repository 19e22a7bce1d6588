/**
 * The HTTP service: embedded Fuseki (SPARQL query, update, Graph Store Protocol) with write guards,
 * result limits and timeouts; the OLS-like JSON API; Prometheus metrics; error mapping. Every JSON
 * route is a {@link org.dermkg.server.http.Route} of a {@link org.dermkg.server.http.RouteServlet},
 * which checks the method, times the request, writes the {@link org.dermkg.server.http.Reply} and
 * sends failures through {@link org.dermkg.server.http.HttpErrors}, the one place errors become
 * HTTP.
 */
package org.dermkg.server.http;
