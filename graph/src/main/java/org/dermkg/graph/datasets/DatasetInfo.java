package org.dermkg.graph.datasets;

import java.util.Optional;

/**
 * What a dataset node says about a dataset.
 *
 * @param name HAM10000, Fitzpatrick17k, ...
 * @param imageType dermoscopic, clinical or mixed
 * @param licence the licence the images are published under
 * @param citation the paper to cite
 * @param labelSet the shipped benchmark label set its labels map through (empty: resolved by name)
 */
public record DatasetInfo(
    String name, String imageType, String licence, String citation, Optional<String> labelSet) {}
