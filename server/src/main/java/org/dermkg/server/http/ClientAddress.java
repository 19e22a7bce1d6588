package org.dermkg.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a request comes from, for the per-client limits: the peer's address, or, when the peer is a
 * trusted reverse proxy, the last address in {@code X-Forwarded-For} that is not a trusted proxy
 * (the one the nearest trusted proxy saw). IPv6 clients are keyed by their /64 network, the block
 * one host usually owns. Only IP literals are parsed; nothing is ever looked up in DNS.
 */
final class ClientAddress {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[\\w.]+)?");

  private final Set<String> trusted = new HashSet<>();

  ClientAddress(List<String> trustedProxies) {
    for (String p : trustedProxies) {
      trusted.add(
          literal(p)
              .map(InetAddress::getHostAddress)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "proxy.trusted: '" + p + "' is not an IP address")));
    }
  }

  /** The client key of a request. */
  String of(HttpServletRequest req) {
    return of(req.getRemoteAddr(), Collections.list(req.getHeaders("X-Forwarded-For")));
  }

  /** The client key of a peer address and the X-Forwarded-For header values it sent. */
  String of(String peer, List<String> forwardedFor) {
    Optional<InetAddress> addr = literal(peer);
    if (addr.isEmpty()) {
      return peer;
    }
    if (trusted.contains(addr.get().getHostAddress())) {
      List<String> hops = new ArrayList<>();
      for (String h : forwardedFor) {
        for (String part : h.split(",")) {
          hops.add(part.strip());
        }
      }
      for (int i = hops.size() - 1; i >= 0; i--) {
        Optional<InetAddress> hop = literal(stripPort(hops.get(i)));
        if (hop.isEmpty()) {
          break; // garbage in the header: the last trusted hop is the best we know
        }
        addr = hop;
        if (!trusted.contains(hop.get().getHostAddress())) {
          break;
        }
      }
    }
    return key(addr.get());
  }

  private static String key(InetAddress a) {
    if (a instanceof Inet6Address) {
      byte[] b = a.getAddress();
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        s.append(String.format("%x", ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
      }
      return s.append(":/64").toString();
    }
    return a.getHostAddress();
  }

  private static String stripPort(String hop) {
    if (hop.startsWith("[")) {
      int end = hop.indexOf(']');
      return end > 0 ? hop.substring(1, end) : hop;
    }
    int colon = hop.indexOf(':');
    return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
  }

  /** The address of an IP literal; never a DNS lookup. */
  static Optional<InetAddress> literal(String s) {
    if (s == null) {
      return Optional.empty();
    }
    String t = s.strip();
    boolean v4 = IPV4.matcher(t).matches();
    if (v4) {
      for (String octet : t.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    } else if (!(t.contains(":") && IPV6.matcher(t).matches())) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(t));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
