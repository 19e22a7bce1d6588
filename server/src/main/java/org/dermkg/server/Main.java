package org.dermkg.server;

import org.dermkg.server.cli.DermCommand;

/** The {@code derm} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(DermCommand.commandLine().execute(args));
  }
}
