package org.dermkg.sparql.prompts;

/**
 * Two classes of one prompt set that overlap: a member of the first is a proper ancestor of (or the
 * same class as) a member of the second, so an image of the second is also one of the first.
 *
 * @param broader name of the class whose member is the ancestor
 * @param broaderId that member
 * @param narrower name of the other class
 * @param narrowerId its member
 * @param same whether the two members are the same class
 */
public record Overlap(
    String broader, String broaderId, String narrower, String narrowerId, boolean same) {}
