/** Synthetic datasets in the Derm1M release layout. */
package org.dermkg.graph.demo;
