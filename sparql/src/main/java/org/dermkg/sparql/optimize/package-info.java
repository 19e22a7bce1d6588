/**
 * What derm adds to Jena's query evaluation, each keeping every answer the same: rewrites of the
 * query algebra after ARQ's optimizer ({@link org.dermkg.sparql.optimize.CountOfBoundVariable}),
 * and TDB2's executor remembering repeated lookups within a query ({@link
 * org.dermkg.sparql.optimize.RepeatedLookups}).
 */
package org.dermkg.sparql.optimize;
