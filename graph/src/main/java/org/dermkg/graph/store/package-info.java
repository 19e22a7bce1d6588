/** The TDB2 store and its named graphs. */
package org.dermkg.graph.store;
