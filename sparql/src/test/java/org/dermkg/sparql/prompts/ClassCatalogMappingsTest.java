package org.dermkg.sparql.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dermkg.ontology.resolve.MatchType;
import org.dermkg.ontology.resolve.Resolution;
import org.dermkg.sparql.TinyKg;
import org.junit.jupiter.api.Test;

/**
 * The catalog's resolver takes external ids through the store's skos matches (the class-mappings
 * query): tiny-kg's Melanoma exactMatch and Acral lentiginous melanoma broadMatch MONDO:0005105.
 */
class ClassCatalogMappingsTest {
  @Test
  void anExternalIdNamesItsExactMatchFirst() {
    ClassCatalog catalog = ClassCatalog.read(TinyKg.dataset(), 10_000);
    Resolution r = catalog.resolver().resolve("mondo:0005105");
    assertEquals(1, r.candidates().size(), r.candidates().toString());
    assertEquals("DERM:0001011", r.candidates().get(0).term().id());
    assertEquals(MatchType.XREF, r.candidates().get(0).match());
    assertTrue(catalog.resolver().resolve("MONDO:0000001").isEmpty());
  }
}
