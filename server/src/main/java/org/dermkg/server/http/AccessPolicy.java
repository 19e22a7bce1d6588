package org.dermkg.server.http;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dermkg.sparql.guard.OutboundPolicy;

/**
 * Who may reach what beyond plain reads: the outbound policy for SERVICE and LOAD, the origins
 * whose browser pages may read (CORS), the reverse proxies trusted to name the client, the lockout
 * after failed write credentials, and where accepted writes are logged.
 *
 * @param outbound SERVICE and LOAD endpoints allowed (none by default)
 * @param corsOrigins origins allowed to read from browsers; {@code *} for any; empty for none
 * @param trustedProxies addresses whose {@code X-Forwarded-For} header names the client
 * @param authMaxFailures failed write credentials from one client before it is locked out, > 0
 * @param authLockout how long a locked-out client gets 429; failures older than this are forgotten
 * @param auditLog file for the write audit log (JSON lines); empty for standard error
 */
public record AccessPolicy(
    OutboundPolicy outbound,
    List<String> corsOrigins,
    List<String> trustedProxies,
    int authMaxFailures,
    Duration authLockout,
    Optional<Path> auditLog) {
  public AccessPolicy {
    corsOrigins = List.copyOf(corsOrigins);
    trustedProxies = List.copyOf(trustedProxies);
    if (authMaxFailures <= 0 || authLockout.isNegative() || authLockout.isZero()) {
      throw new IllegalArgumentException(
          "auth.max.failures and auth.lockout.seconds must be positive");
    }
  }

  /** Nothing outbound, CORS reads from any origin, no proxies, 10 failures then 5 minutes. */
  public static AccessPolicy defaults() {
    return new AccessPolicy(
        OutboundPolicy.none(),
        List.of("*"),
        List.of(),
        10,
        Duration.ofMinutes(5),
        Optional.empty());
  }

  public AccessPolicy withOutbound(OutboundPolicy p) {
    return new AccessPolicy(p, corsOrigins, trustedProxies, authMaxFailures, authLockout, auditLog);
  }

  public AccessPolicy withTrustedProxies(List<String> proxies) {
    return new AccessPolicy(outbound, corsOrigins, proxies, authMaxFailures, authLockout, auditLog);
  }

  public AccessPolicy withLockout(int failures, Duration lockout) {
    return new AccessPolicy(outbound, corsOrigins, trustedProxies, failures, lockout, auditLog);
  }

  public AccessPolicy withAuditLog(Path file) {
    return new AccessPolicy(
        outbound, corsOrigins, trustedProxies, authMaxFailures, authLockout, Optional.of(file));
  }

  public AccessPolicy withCorsOrigins(List<String> origins) {
    return new AccessPolicy(
        outbound, origins, trustedProxies, authMaxFailures, authLockout, auditLog);
  }
}
