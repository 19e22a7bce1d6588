package org.dermkg.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.dermkg.server.config.DermConfig.Key;
import org.junit.jupiter.api.Test;

class DermConfigTest {
  private static DermConfig config(Map<String, String> env, Properties sys, Properties file) {
    return new DermConfig(env::get, sys, file);
  }

  @Test
  void flagBeatsEnvBeatsPropertyBeatsFileBeatsDefault() {
    Properties sys = new Properties();
    Properties file = new Properties();
    file.setProperty("query.timeout.ms", "4000");
    assertEquals(4000, config(Map.of(), sys, file).number(Key.QUERY_TIMEOUT_MS, null));
    sys.setProperty("derm.query.timeout.ms", "3000");
    assertEquals(3000, config(Map.of(), sys, file).number(Key.QUERY_TIMEOUT_MS, null));
    DermConfig withEnv = config(Map.of("DERM_QUERY_TIMEOUT_MS", "2000"), sys, file);
    assertEquals(2000, withEnv.number(Key.QUERY_TIMEOUT_MS, null));
    assertEquals(1000, withEnv.number(Key.QUERY_TIMEOUT_MS, 1000));
    assertEquals(
        5000,
        config(Map.of(), new Properties(), new Properties()).number(Key.QUERY_TIMEOUT_MS, null));
  }

  @Test
  void envNamesUseUnderscores() {
    assertEquals("DERM_UPDATE_TOKEN", Key.UPDATE_TOKEN.env());
    assertEquals("derm.update.token", Key.UPDATE_TOKEN.property());
  }

  @Test
  void aNonNumberNamesTheKey() {
    Properties file = new Properties();
    file.setProperty("port", "http");
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> config(Map.of(), new Properties(), file).number(Key.PORT, null));
    assertTrue(
        e.getMessage().contains("port") && e.getMessage().contains("DERM_PORT"), e.getMessage());
  }

  @Test
  void secretsAreMaskedInDiagnostics() {
    DermConfig c =
        config(
            Map.of("DERM_UPDATE_TOKEN", "tok", "DERM_UPDATE_PASSWORD", "pw"),
            new Properties(),
            new Properties());
    assertEquals("***", c.effective().get("update.token"));
    assertEquals("***", c.effective().get("update.password"));
    assertEquals("", c.effective().get("update.user"));
  }
}
