package org.dermkg.graph.load;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.dermkg.ontology.vocab.Dkg;

/**
 * Image IRIs and file names: the IRI is {@link Dkg#IMAGE_NS} followed by the file name with every
 * byte outside {@code [A-Za-z0-9-._~/]} percent-encoded (UTF-8), so any file name makes a valid IRI
 * and the file name can be recovered exactly.
 */
public final class ImageIri {
  private ImageIri() {}

  private static boolean plain(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~/".indexOf(c) >= 0;
  }

  /** The IRI of the image with this relative file name. */
  public static String of(String filename) {
    StringBuilder b = new StringBuilder(Dkg.IMAGE_NS.length() + filename.length() + 8);
    b.append(Dkg.IMAGE_NS);
    for (byte x : filename.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if (plain(c)) {
        b.append((char) c);
      } else {
        b.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      }
    }
    return b.toString();
  }

  /** The file name of an image IRI (the inverse of {@link #of}); other IRIs come back whole. */
  public static String filename(String iri) {
    if (!iri.startsWith(Dkg.IMAGE_NS)) {
      return iri;
    }
    String enc = iri.substring(Dkg.IMAGE_NS.length());
    ByteArrayOutputStream out = new ByteArrayOutputStream(enc.length());
    for (int i = 0; i < enc.length(); i++) {
      char c = enc.charAt(i);
      if (c == '%' && i + 2 < enc.length()) {
        int hi = Character.digit(enc.charAt(i + 1), 16);
        int lo = Character.digit(enc.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          out.write(hi * 16 + lo);
          i += 2;
          continue;
        }
      }
      byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
      out.write(raw, 0, raw.length);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
