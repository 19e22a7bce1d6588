package org.dermkg.graph.image;

/**
 * What the header of an image file says.
 *
 * @param status "present", "missing" or "unreadable"
 * @param format jpeg, png, gif, bmp or webp (present images only)
 * @param problem why the file is unreadable (else empty)
 */
public record ImageInfo(String status, String format, int width, int height, String problem) {
  public static final String PRESENT = "present";
  public static final String MISSING = "missing";
  public static final String UNREADABLE = "unreadable";

  public static ImageInfo missing() {
    return new ImageInfo(MISSING, "", 0, 0, "no such file");
  }

  public static ImageInfo unreadable(String why) {
    return new ImageInfo(UNREADABLE, "", 0, 0, why);
  }

  public static ImageInfo present(String format, int width, int height) {
    return new ImageInfo(PRESENT, format, width, height, "");
  }

  public boolean isPresent() {
    return PRESENT.equals(status);
  }
}
