package org.dermkg.sparql.terms;

/**
 * A benchmark label mapped to a class.
 *
 * @param set the label set, e.g. "HAM10000"
 * @param label the benchmark's own class name, e.g. "melanoma"
 * @param predicate the SKOS mapping predicate's local name (exactMatch, closeMatch...)
 */
public record LabelSetMapping(String set, String label, String predicate) {}
