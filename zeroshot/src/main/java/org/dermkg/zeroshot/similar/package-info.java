/** The similarity source the SPARQL kNN function and the API search: vectors, index, text model. */
package org.dermkg.zeroshot.similar;
