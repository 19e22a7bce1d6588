/** The Derm1M release: column sets, sentinels, rows. */
package org.dermkg.graph.derm1m;
