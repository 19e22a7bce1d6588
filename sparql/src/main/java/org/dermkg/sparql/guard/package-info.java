/**
 * What a query or update may reach outside the store: the outbound policy (SERVICE and LOAD
 * endpoints allowed by URL prefix, nothing by default) checked before a query runs and again by the
 * SERVICE executor while it runs.
 */
package org.dermkg.sparql.guard;
