package org.dermkg.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The README's fenced code blocks and the shell commands in them, for tests that run the README's
 * examples as written (docs that cannot rot). Commands: a leading {@code $ } prompt is dropped,
 * backslash-continued lines are joined, words are split as a POSIX shell splits them (single and
 * double quotes, backslash), and a trailing {@code # comment} outside quotes is dropped.
 */
public final class ReadmeDoc {
  /** A fenced block: its info string ("sparql", "" ...), first line number and lines. */
  public record Block(String lang, int line, List<String> lines) {}

  /**
   * A command in a block: its words (a redirection {@code > FILE} kept as two words), the line it
   * starts on and the lines after it up to the next command (its documented output).
   */
  public record Command(List<String> words, int line, List<String> output) {}

  private ReadmeDoc() {}

  public static String text() {
    try {
      return Files.readString(Path.of("../README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException("the README is read from the server module's parent", e);
    }
  }

  public static List<Block> blocks() {
    List<Block> out = new ArrayList<>();
    String[] lines = text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith("```")) {
        continue;
      }
      String lang = lines[i].substring(3).strip();
      int start = i + 1;
      List<String> body = new ArrayList<>();
      for (i = start; i < lines.length && !lines[i].startsWith("```"); i++) {
        body.add(lines[i]);
      }
      out.add(new Block(lang, start + 1, body));
    }
    return out;
  }

  /** Every command of every unlabelled block whose first word is {@code program}. */
  public static List<Command> commands(String program) {
    List<Command> out = new ArrayList<>();
    for (Block b : blocks()) {
      if (!b.lang().isEmpty()) {
        continue;
      }
      List<String> lines = b.lines();
      for (int i = 0; i < lines.size(); i++) {
        String first = stripPrompt(lines.get(i));
        if (!first.startsWith(program + " ")) {
          continue;
        }
        StringBuilder cmd = new StringBuilder();
        int j = i;
        String cur = first;
        while (j + 1 < lines.size()) {
          if (cur.endsWith("\\")) { // a continued line
            cmd.append(cur, 0, cur.length() - 1).append(' ');
          } else if (openQuote(cmd + cur)) { // a quoted word spanning lines
            cmd.append(cur).append('\n');
          } else {
            break;
          }
          cur = lines.get(++j).strip();
        }
        cmd.append(cur);
        int end = j + 1;
        while (end < lines.size() && !isCommand(lines.get(end))) {
          end++;
        }
        out.add(new Command(words(cmd.toString()), b.line() + i, lines.subList(j + 1, end)));
        i = j;
      }
    }
    return out;
  }

  /** True when a single-quoted word is still open at the end (a comment's apostrophe is not). */
  private static boolean openQuote(String text) {
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '#' && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
        return false;
      }
    }
    return quoted;
  }

  private static boolean isCommand(String line) {
    String s = line.strip();
    return s.startsWith("$ ") || s.startsWith("./") || s.startsWith("curl ");
  }

  private static String stripPrompt(String line) {
    String s = line.strip();
    return s.startsWith("$ ") ? s.substring(2) : s;
  }

  /** Splits a command line into words as a POSIX shell does (no expansions). */
  public static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        int close = line.indexOf('\'', i + 1);
        w.append(line, i + 1, close);
        i = close;
        inWord = true;
      } else if (c == '"') {
        for (i++; line.charAt(i) != '"'; i++) {
          if (line.charAt(i) == '\\' && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
            i++;
          }
          w.append(line.charAt(i));
        }
        inWord = true;
      } else if (c == '\\') {
        w.append(line.charAt(++i));
        inWord = true;
      } else if (c == '#' && !inWord) {
        break;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(w.toString());
          w.setLength(0);
          inWord = false;
        }
      } else {
        w.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(w.toString());
    }
    return words;
  }
}
