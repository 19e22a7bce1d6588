/**
 * Public dermatology benchmark datasets in their published layouts (HAM10000, Fitzpatrick17k,
 * PAD-UFES-20, DDI, Derm7pt, and any other dataset described by a small mapping file), read into
 * one record per image with the original label kept verbatim and resolved to a DERM class, skin
 * type, body site, age, sex, diagnosis confirmation and patient/lesion grouping.
 */
package org.dermkg.graph.datasets;
