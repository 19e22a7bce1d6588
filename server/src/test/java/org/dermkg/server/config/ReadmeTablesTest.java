package org.dermkg.server.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dermkg.errors.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The README's Configuration and Errors tables list every configuration key and every error code of
 * every module with its HTTP status and exit code (a key or code added without its row, or a status
 * changed in one place only, fails the build).
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
  void everyErrorCodeHasARowWithItsStatusAndExitCode() throws IOException {
    String readme = readme();
    List<String> missing = new ArrayList<>();
    for (ErrorCode c : ErrorCodesTest.all()) {
      String row = "| `" + c.id() + "` | " + c.httpStatus() + " | " + c.exitCode() + " |";
      if (!readme.contains(row)) {
        missing.add(row);
      }
    }
    assertTrue(missing.isEmpty(), "README Errors table lacks or disagrees on " + missing);
  }

  @Test
  void everyRowOfTheErrorsTableIsACode() throws IOException {
    Set<String> ids = ErrorCodesTest.all().stream().map(ErrorCode::id).collect(Collectors.toSet());
    Matcher row = Pattern.compile("(?m)^\\| `([A-Z]+-[A-Z-]+)` \\| ").matcher(readme());
    List<String> unknown = new ArrayList<>();
    while (row.find()) {
      if (!ids.contains(row.group(1))) {
        unknown.add(row.group(1));
      }
    }
    assertTrue(unknown.isEmpty(), "README Errors table has rows no code has: " + unknown);
  }
}
