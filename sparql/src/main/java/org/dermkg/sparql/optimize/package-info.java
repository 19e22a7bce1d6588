/**
 * Rewrites of the query algebra added to ARQ's optimizer: each keeps every answer the same and
 * saves work Jena would otherwise do per row.
 */
package org.dermkg.sparql.optimize;
