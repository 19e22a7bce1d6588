/** Loading a Derm1M dataset into the store, with its report. */
package org.dermkg.graph.load;
