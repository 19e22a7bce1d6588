package org.dermkg.server.http;

import org.dermkg.errors.ErrorCode;

/**
 * The error codes the server itself raises (HTTP-*), each with its HTTP status and {@code derm}
 * exit code, listed in the README's Errors table beside the module codes.
 */
public enum HttpCode implements ErrorCode {
  /** No such API route, named query, page or image. */
  NOT_FOUND("HTTP-NOT-FOUND", 404),
  /** A method the route does not answer. */
  METHOD("HTTP-METHOD", 405),
  /** A missing or malformed parameter. */
  BAD_REQUEST("HTTP-BAD-REQUEST", 400),
  /** An Accept header naming none of the media types a resource answers (a term IRI). */
  NOT_ACCEPTABLE("HTTP-NOT-ACCEPTABLE", 406),
  /** An upload of a media type the route does not take. */
  UNSUPPORTED_TYPE("HTTP-UNSUPPORTED-TYPE", 415),
  /** A write while no credentials are configured. */
  WRITE_DISABLED("HTTP-WRITE-DISABLED", 403),
  /** A write without the configured credentials. */
  UNAUTHORIZED("HTTP-UNAUTHORIZED", 401),
  /** A body over its limit. */
  TOO_LARGE("HTTP-TOO-LARGE", 413),
  /** A write while the store's disk is (nearly) full. */
  STORAGE_FULL("HTTP-STORAGE-FULL", 507),
  /** A backup while another runs. */
  BUSY("HTTP-BUSY", 409),
  /** A client over its own limits. */
  TOO_MANY_REQUESTS("HTTP-TOO-MANY-REQUESTS", 429),
  /** Every heavy slot taken past the queue time. */
  SATURATED("HTTP-SATURATED", 503),
  /** A write from a page of another origin. */
  CROSS_ORIGIN("HTTP-CROSS-ORIGIN", 403),
  /** An unexpected failure: logged with an incident id, the response names only the id. */
  INTERNAL("HTTP-INTERNAL", 500);

  /** Exit code of {@code derm} for bad usage or bad input, and for every code here. */
  static final int EXIT = 2;

  private final Spec spec;

  HttpCode(String id, int httpStatus) {
    this.spec = new Spec(id, httpStatus, EXIT);
  }

  @Override
  public Spec spec() {
    return spec;
  }
}
