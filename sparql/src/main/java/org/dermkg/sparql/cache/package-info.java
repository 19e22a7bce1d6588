/**
 * Values derived from the store (search index, class catalog) shared by concurrent readers and
 * replaced after writes without ever handing a reader a closed or stale value.
 */
package org.dermkg.sparql.cache;
