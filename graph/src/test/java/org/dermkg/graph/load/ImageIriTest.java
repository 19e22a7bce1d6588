package org.dermkg.graph.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ImageIriTest {
  @Test
  void fileNamesRoundTripThroughTheirIris() {
    for (String f :
        new String[] {
          "IIYI/iiyi_abc_1.jpg",
          "twitter/photo café 0_0.jpg",
          "a%20b.png",
          "x+y#z?.png",
          "日本/画像.png"
        }) {
      String iri = ImageIri.of(f);
      assertTrue(iri.matches("https://w3id.org/dermkg/image/[A-Za-z0-9\\-._~/%]+"), iri);
      assertEquals(f, ImageIri.filename(iri));
    }
    assertEquals("https://w3id.org/dermkg/image/a%20b.png", ImageIri.of("a b.png"));
    assertEquals("urn:x", ImageIri.filename("urn:x"));
  }
}
