package org.dermkg.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The one credential check for writes (SPARQL update, Graph Store writes, backups): 403 when no
 * credentials are configured (writes off), 429 while the client is locked out after repeated
 * failures ({@link AuthLockout}), 401 with a challenge without a matching Authorization header.
 */
final class WriteAuth {
  private final Credentials writers;
  private final AuthLockout lockout;
  private final ClientAddress clients;

  WriteAuth(Credentials writers, AuthLockout lockout, ClientAddress clients) {
    this.writers = writers;
    this.lockout = lockout;
    this.clients = clients;
  }

  /** The client key of a request (for the audit log). */
  String client(HttpServletRequest req) {
    return clients.of(req);
  }

  /** Lets a request through only with the write credentials; otherwise sends the refusal. */
  boolean authorized(HttpServletRequest req, HttpServletResponse res, String what)
      throws IOException {
    if (!writers.writesEnabled()) {
      HttpErrors.send(
          res,
          HttpCode.WRITE_DISABLED,
          what
              + " are disabled: configure update.token (bearer) or update.user and"
              + " update.password (basic auth) to allow them");
      return false;
    }
    String client = clients.of(req);
    long locked = lockout.lockedFor(client);
    if (locked > 0) {
      tooManyFailures(res, locked);
      return false;
    }
    if (!writers.accepts(req.getHeader("Authorization"))) {
      boolean nowLocked = lockout.failed(client);
      if (nowLocked) {
        tooManyFailures(res, lockout.lockedFor(client));
        return false;
      }
      res.setHeader("WWW-Authenticate", writers.challenge());
      HttpErrors.send(
          res,
          HttpCode.UNAUTHORIZED,
          what + " need credentials: Authorization: Bearer <update.token> or basic auth");
      return false;
    }
    lockout.succeeded(client);
    return true;
  }

  private static void tooManyFailures(HttpServletResponse res, long seconds) throws IOException {
    res.setHeader("Retry-After", Long.toString(Math.max(1, seconds)));
    HttpErrors.send(
        res,
        HttpCode.TOO_MANY_REQUESTS,
        "too many failed write credentials from this client (auth.max.failures): locked out for "
            + seconds
            + " s");
  }
}
