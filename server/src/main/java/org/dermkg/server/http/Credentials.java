package org.dermkg.server.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Who may write: a bearer token, a basic-auth user and password, both, or nobody. Secrets are
 * compared in constant time and never printed ({@link #toString()} masks them).
 */
public final class Credentials {
  private final Optional<String> token;
  private final Optional<String> user;
  private final Optional<String> password;

  private Credentials(Optional<String> token, Optional<String> user, Optional<String> password) {
    this.token = token;
    this.user = user;
    this.password = password;
  }

  /** Nobody: writes are disabled. */
  public static Credentials none() {
    return new Credentials(Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * From configuration values; blank means unset. A user without a password (or the reverse) is a
   * configuration error.
   */
  public static Credentials of(String token, String user, String password) {
    Optional<String> t = nonBlank(token);
    Optional<String> u = nonBlank(user);
    Optional<String> p = nonBlank(password);
    if (u.isPresent() != p.isPresent()) {
      throw new IllegalArgumentException(
          "update.user and update.password must be set together (basic auth for writes)");
    }
    return new Credentials(t, u, p);
  }

  private static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }

  /** Whether any credential is configured (otherwise writes are disabled). */
  public boolean writesEnabled() {
    return token.isPresent() || user.isPresent();
  }

  /** Whether an Authorization header value carries a configured credential. */
  public boolean accepts(String authorization) {
    if (authorization == null) {
      return false;
    }
    String h = authorization.strip();
    if (token.isPresent() && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return same(h.substring(7).strip(), token.get());
    }
    if (user.isPresent() && h.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return false;
      }
      int colon = decoded.indexOf(':');
      return colon > 0
          && same(decoded.substring(0, colon), user.get())
              & same(decoded.substring(colon + 1), password.orElseThrow());
    }
    return false;
  }

  /** The WWW-Authenticate challenge for the configured schemes. */
  public String challenge() {
    StringBuilder b = new StringBuilder();
    if (user.isPresent()) {
      b.append("Basic realm=\"derm\", charset=\"UTF-8\"");
    }
    if (token.isPresent()) {
      b.append(b.length() > 0 ? ", " : "").append("Bearer realm=\"derm\"");
    }
    return b.toString();
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "Credentials[token="
        + (token.isPresent() ? "***" : "none")
        + ", basic="
        + (user.isPresent() ? "***" : "none")
        + "]";
  }
}
