package org.dermkg.sparql.terms;

/**
 * A class with a count whose meaning the query gives (findings showing a concept, images sharing a
 * concept, direct subclasses).
 */
public record Counted(TermRef term, long count) {}
