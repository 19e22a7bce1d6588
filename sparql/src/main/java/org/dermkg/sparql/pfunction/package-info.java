/** SPARQL property functions of the knowledge graph: kNN similarity ({@code dkg:similarTo}). */
package org.dermkg.sparql.pfunction;
