/**
 * The named query library: SPARQL SELECT files shipped under {@code derm-queries/}, each with a
 * described header and declared parameters, run by substitution on any dataset.
 */
package org.dermkg.sparql.query;
