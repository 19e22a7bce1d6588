/** A streaming RFC 4180 reader that survives bad records. */
package org.dermkg.graph.csv;
