package org.dermkg.sparql.search;

import org.dermkg.sparql.terms.TermRef;

/**
 * One search result.
 *
 * @param term the class
 * @param matched the label, synonym or Derm1M name that matched
 * @param match how it matched: {@code exact} (the whole text), {@code prefix} (the text starts it),
 *     {@code words} (every word, the last as a prefix) or {@code fuzzy} (within one edit per word)
 * @param score the Lucene relevance score
 */
public record SearchHit(TermRef term, String matched, String match, double score) {}
