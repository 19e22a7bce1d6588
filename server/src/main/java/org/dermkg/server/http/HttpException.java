package org.dermkg.server.http;

import org.dermkg.errors.DermException;

/**
 * The server's own unchecked exception: a request the server refuses with one of its {@link
 * HttpCode}s (a bad parameter, an unknown route). {@link HttpErrors} answers it like any module's.
 */
public final class HttpException extends DermException {
  private static final long serialVersionUID = 1L;

  public HttpException(HttpCode code, String message) {
    super(code, message);
  }

  @Override
  public HttpCode code() {
    return (HttpCode) super.code();
  }
}
