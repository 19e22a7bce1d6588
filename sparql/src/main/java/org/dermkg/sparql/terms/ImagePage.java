package org.dermkg.sparql.terms;

import java.util.List;

/**
 * One page of the images under a class.
 *
 * @param images the page, in the store's index order
 * @param offset how many images precede the page
 * @param limit the page size asked for
 * @param total images under the class in all
 */
public record ImagePage(List<ImageRef> images, long offset, int limit, long total) {
  public ImagePage {
    images = List.copyOf(images);
  }

  /**
   * An image node and its file name (relative to its dataset's image tree); a benchmark dataset's
   * image also has its label as the dataset gives it, the DERM diagnosis it resolved to and its
   * Fitzpatrick type (each empty when absent, and always for Derm1M's images).
   */
  public record ImageRef(
      String iri, String filename, String label, String diagnosis, String fitzpatrick) {
    /** A Derm1M image. */
    public ImageRef(String iri, String filename) {
      this(iri, filename, "", "", "");
    }
  }
}
