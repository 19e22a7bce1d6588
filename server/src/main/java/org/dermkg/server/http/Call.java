package org.dermkg.server.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a {@link Route} sees it: the servlet request and response (for headers), the
 * values of the pattern's {@code {name}} segments, and the one validator of the shared parameters
 * (numbers such as {@code k}, {@code limit} and {@code offset}). Refusals are thrown as {@link
 * HttpException}s with code {@code HTTP-BAD-REQUEST}.
 */
record Call(HttpServletRequest request, HttpServletResponse response, Map<String, String> path) {

  /** The value of a {@code {name}} segment of the route's pattern. */
  String path(String name) {
    return path.get(name);
  }

  /** A query parameter, when given (possibly blank). */
  Optional<String> param(String name) {
    return Optional.ofNullable(request.getParameter(name));
  }

  /** A query parameter that must be given. */
  String required(String name, String message) {
    return param(name).orElseThrow(() -> bad(message));
  }

  /** Every query parameter, in request order, each with its values. */
  Map<String, List<String>> params() {
    Map<String, List<String>> params = new LinkedHashMap<>();
    request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
    return params;
  }

  /**
   * A whole-number parameter from {@code min} to {@code max}; {@code def} when absent or blank.
   * This is the one check of numeric parameters: every route's {@code k}, {@code limit} and {@code
   * offset} goes through it.
   */
  long number(String name, long def, long min, long max) {
    return number(name, param(name).orElse(null), def, min, max);
  }

  /** {@link #number} over a value already taken from the parameters. */
  static long number(String name, String value, long def, long min, long max) {
    if (value == null || value.isBlank()) {
      return def;
    }
    long n;
    try {
      n = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw bad("parameter " + name + " must be a whole number, was '" + value + "'");
    }
    if (n < min || n > max) {
      throw bad("parameter " + name + " must be between " + min + " and " + max + ", was " + n);
    }
    return n;
  }

  /** The number of results {@code k}, 1 to {@code max}. */
  int k(int def, int max) {
    return (int) number("k", def, 1, max);
  }

  /** The base of the API's links: the context and servlet path. */
  String apiBase() {
    return request.getContextPath() + request.getServletPath();
  }

  /** A malformed or missing parameter: 400 {@code HTTP-BAD-REQUEST}. */
  static HttpException bad(String message) {
    return new HttpException(HttpCode.BAD_REQUEST, message);
  }
}
