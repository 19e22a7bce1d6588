package org.dermkg.sparql.prompts;

/**
 * One label of a benchmark label set, in benchmark order, and the class it is mapped to.
 *
 * @param set the set's name, e.g. "HAM10000"
 * @param position 0-based position in the benchmark's class order
 * @param label the benchmark's own class name, e.g. "melanoma"
 * @param classIri the mapped class
 * @param predicate the SKOS mapping predicate (exactMatch, closeMatch...), as a local name
 */
public record LabelSetEntry(
    String set, int position, String label, String classIri, String predicate) {}
