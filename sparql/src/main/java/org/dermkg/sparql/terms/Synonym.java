package org.dermkg.sparql.terms;

/**
 * A synonym with its kind: exact, related, broad, narrow, abbreviation or misspelling (the
 * oboInOwl/OMO property it came from).
 */
public record Synonym(String kind, String text) {}
