package org.dermkg.sparql.terms;

/** A direct subclass and whether it has subclasses of its own (for lazy tree expansion). */
public record Child(TermRef term, boolean hasChildren) {}
