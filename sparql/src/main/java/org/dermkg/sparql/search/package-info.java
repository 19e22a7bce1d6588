/** Label search: a jena-text Lucene index over class names, ranked exact-first. */
package org.dermkg.sparql.search;
