package org.dermkg.server.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dermkg.server.http.HttpErrors;
import org.dermkg.sparql.SparqlException;
import org.dermkg.zeroshot.ZeroShotException;
import org.junit.jupiter.api.Test;

/**
 * The README's Configuration and Errors tables list every configuration key and every error code
 * the server, the sparql and the zeroshot modules raise (a key or code added without its row fails
 * the build).
 */
class ReadmeTablesTest {
  private static String readme() throws IOException {
    return Files.readString(Path.of("../README.md"));
  }

  @Test
  void everyConfigurationKeyHasARow() throws IOException {
    String readme = readme();
    List<String> missing = new ArrayList<>();
    for (DermConfig.Key k : DermConfig.Key.values()) {
      String name = k.property().substring("derm.".length()); // the derm.properties key
      boolean row = readme.contains(" " + name + " |") || readme.contains("| " + name + ",");
      if (!row || !readme.contains(k.env())) {
        missing.add(name + " (" + k.env() + ")");
      }
    }
    assertTrue(missing.isEmpty(), "README Configuration table lacks " + missing);
  }

  @Test
  void everyErrorCodeHasARow() throws IOException, IllegalAccessException {
    String readme = readme();
    List<String> missing = new ArrayList<>();
    for (Field f : HttpErrors.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String code = (String) f.get(null);
        if (!readme.contains("| `" + code + "` |")) {
          missing.add(code);
        }
      }
    }
    for (SparqlException.Code c : SparqlException.Code.values()) {
      if (!readme.contains("| `" + c.id() + "` |")) {
        missing.add(c.id());
      }
    }
    for (ZeroShotException.Code c : ZeroShotException.Code.values()) {
      if (!readme.contains("| `" + c.id() + "` |")) {
        missing.add(c.id());
      }
    }
    assertTrue(missing.isEmpty(), "README Errors table lacks " + missing);
  }
}
