package org.dermkg.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * The service's configuration, the only place it is read. A key's value comes from, in order: the
 * command-line flag, the environment variable {@code DERM_<KEY>}, the system property {@code
 * derm.<key>}, the properties file ({@code DERM_CONFIG}, else {@code ./derm.properties} when
 * present), then the default. Every key is in the README's Configuration table.
 */
public final class DermConfig {
  /** The keys, their defaults and what they mean. */
  public enum Key {
    STORE("store", "derm-data/store", "TDB2 store directory"),
    DATA(
        "data",
        "derm-data/demo",
        "dataset folder in the Derm1M release layout (the demo dataset is generated there when absent)"),
    REPORTS("reports", "derm-data/reports", "where load reports and rejects are written"),
    MODEL(
        "model",
        "derm-data/model",
        "exported CLIP model directory (config.json, TorchScript, BPE vocabulary; README, DermLIP)"),
    EMBEDDINGS(
        "embeddings",
        "derm-data/embeddings",
        "where derm embed writes vector files (one folder per model)"),
    INDEX_INT8(
        "index.int8",
        "false",
        "keep the HNSW index's vectors as int8 (a quarter of the memory; recall a little lower)"),
    INDEX_THREADS("index.threads", "0", "threads that build the HNSW index; 0: one per processor"),
    PORT("port", "3030", "HTTP port of derm serve (0 picks a free one)"),
    BIND(
        "bind",
        "loopback",
        "network interfaces derm serve listens on: loopback (127.0.0.1 only) or all"),
    QUERY_TIMEOUT_MS(
        "query.timeout.ms",
        "5000",
        "hard limit on each SPARQL query and API call, in milliseconds; the protocol's timeout parameter"
            + " may only lower it"),
    QUERY_MAX_ROWS(
        "query.max.rows",
        "10000",
        "most rows (or triples) a SPARQL query returns: a larger or absent LIMIT is lowered to it"),
    QUERY_MAX_BYTES("query.max.bytes", "1048576", "largest SPARQL query or update request body"),
    QUERY_CACHE_MB(
        "query.cache.mb",
        "64",
        "memory for the result cache of read queries and API reads, in MiB; 0 turns it off"),
    QUERY_REMEMBER_LOOKUPS(
        "query.remember.lookups",
        "true",
        "a SPARQL pattern asked again with the same values within one query is answered from memory"
            + " instead of the index; false: TDB2's own executor"),
    UPLOAD_MAX_BYTES("upload.max.bytes", "20971520", "largest image POSTed to /api/classify"),
    UPDATE_TOKEN(
        "update.token",
        "",
        "bearer token that allows SPARQL update and Graph Store writes (none: writes disabled)"),
    UPDATE_USER(
        "update.user", "", "user name for HTTP basic auth on writes (with update.password)"),
    UPDATE_PASSWORD(
        "update.password", "", "password for HTTP basic auth on writes (with update.user)"),
    SERVICE_ALLOW(
        "sparql.service.allow",
        "",
        "comma-separated http(s) URL prefixes that SPARQL SERVICE and LOAD may reach (none: no"
            + " request ever leaves the server; file: is never allowed)"),
    SPARQL_MAX_PARALLEL(
        "sparql.max.parallel",
        "0",
        "SPARQL queries (and other heavy requests) running at once across all clients; 0: twice the"
            + " processors, at least 4"),
    SPARQL_RESERVE(
        "sparql.reserve",
        "2",
        "extra slots beyond sparql.max.parallel for light clients (nothing running, recent query time"
            + " under sparql.light.ms, no query cut in the reserve in the last minute)"),
    SPARQL_RESERVE_MS(
        "sparql.reserve.ms",
        "500",
        "time limit of a SPARQL query admitted to the reserve; a query that reaches it costs its"
            + " client the reserve for a minute"),
    SPARQL_LIGHT_MS(
        "sparql.light.ms",
        "2000",
        "a client is light while its query time, each run halved every minute since, is under this"),
    SPARQL_CLIENT_PARALLEL(
        "sparql.client.parallel", "2", "SPARQL queries one client (address) may run at once"),
    SPARQL_CLIENT_BUDGET(
        "sparql.client.budget.seconds",
        "60",
        "query-seconds one client may use per minute (a bucket refilled continuously); 0: no budget"),
    SPARQL_QUEUE_MS(
        "sparql.queue.ms",
        "100",
        "how long a query waits for a slot when the server is saturated before it gets 503"),
    HTTP_MAX_THREADS("http.max.threads", "64", "most HTTP worker threads"),
    PROXY_TRUSTED(
        "proxy.trusted",
        "",
        "comma-separated addresses of reverse proxies whose X-Forwarded-For header names the client"),
    CORS_ORIGINS(
        "cors.origins",
        "*",
        "origins whose browser pages may read the SPARQL query endpoint, GSP reads and the JSON API"
            + " (comma-separated, * for any, empty for none); writes never get CORS"),
    AUTH_MAX_FAILURES(
        "auth.max.failures",
        "10",
        "failed write credentials from one client before it is locked out (429)"),
    AUTH_LOCKOUT_SECONDS(
        "auth.lockout.seconds",
        "300",
        "how long a client stays locked out; failures older than this are forgotten"),
    AUDIT_LOG(
        "audit.log",
        "",
        "file that gets one JSON line per accepted write (client, route, bytes, graphs); empty:"
            + " standard error");

    private final String name;
    private final String defaultValue;
    private final String description;

    Key(String name, String defaultValue, String description) {
      this.name = name;
      this.defaultValue = defaultValue;
      this.description = description;
    }

    public String env() {
      return "DERM_" + name.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    public String property() {
      return "derm." + name;
    }

    public String defaultValue() {
      return defaultValue;
    }

    public String description() {
      return description;
    }
  }

  private final Function<String, String> env;
  private final Properties system;
  private final Properties file;

  DermConfig(Function<String, String> env, Properties system, Properties file) {
    this.env = env;
    this.system = system;
    this.file = file;
  }

  /** The configuration of this process. */
  public static DermConfig load() {
    Properties file = new Properties();
    String explicit = System.getenv("DERM_CONFIG");
    Path p = explicit != null ? Path.of(explicit) : Path.of("derm.properties");
    if (Files.isRegularFile(p)) {
      try (InputStream in = Files.newInputStream(p)) {
        file.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read the configuration file " + p + ": " + e.getMessage(), e);
      }
    } else if (explicit != null) {
      throw new IllegalArgumentException("DERM_CONFIG names a missing file: " + p);
    }
    return new DermConfig(System::getenv, System.getProperties(), file);
  }

  /** The value of a key, a non-null flag value winning over everything else. */
  public String get(Key key, String flag) {
    return Optional.ofNullable(flag)
        .or(() -> Optional.ofNullable(env.apply(key.env())))
        .or(() -> Optional.ofNullable(system.getProperty(key.property())))
        .or(() -> Optional.ofNullable(file.getProperty(key.name)))
        .orElse(key.defaultValue());
  }

  /** Whether the value of a key came from the default (no flag, env, property or file entry). */
  public boolean isDefault(Key key, String flag) {
    return flag == null
        && env.apply(key.env()) == null
        && system.getProperty(key.property()) == null
        && file.getProperty(key.name) == null;
  }

  public Path path(Key key, String flag) {
    return Path.of(get(key, flag));
  }

  /** A whole-number value; a value that is not one is a configuration error naming the key. */
  public long number(Key key, Object flag) {
    String v = get(key, flag == null ? null : flag.toString());
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "configuration key "
              + key.name
              + " (env "
              + key.env()
              + ") must be a whole number, was '"
              + v
              + "'");
    }
  }

  /** A true/false value; anything else is a configuration error naming the key. */
  public boolean flag(Key key, Boolean flag) {
    String v = get(key, flag == null ? null : flag.toString()).strip();
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(
        "configuration key "
            + key.name
            + " (env "
            + key.env()
            + ") must be true or false, was '"
            + v
            + "'");
  }

  /** A comma-separated value as a list of its non-blank, trimmed entries. */
  public java.util.List<String> list(Key key, String flag) {
    return java.util.Arrays.stream(get(key, flag).split(","))
        .map(String::strip)
        .filter(v -> !v.isEmpty())
        .toList();
  }

  /** Every key with its effective value, for diagnostics; secrets show as "***" when set. */
  public Map<String, String> effective() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Key k : Key.values()) {
      String v = get(k, null);
      boolean secret = k == Key.UPDATE_TOKEN || k == Key.UPDATE_PASSWORD;
      m.put(k.name, secret && !v.isEmpty() ? "***" : v);
    }
    return m;
  }
}
