package org.dermkg.sparql.terms;

/** One class on a path to the root, with its depth (0 for a root). */
public record PathStep(TermRef term, int depth) {}
