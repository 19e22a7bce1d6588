/**
 * Named SPARQL queries, property functions and the multi-granular prompt generator (issues 4 and
 * 5).
 */
package org.dermkg.sparql;
