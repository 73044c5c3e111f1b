package dev.rootcause.collect.store;

import java.nio.file.Path;

/**
 * Where the incident store lives: {@code --store} (a path or a JDBC URL), else {@code
 * ROOTCAUSE_STORE}, else {@code ~/.local/share/rootcause/rootcause.db}.
 */
public final class StoreLocation {
  private StoreLocation() {}

  /** The JDBC URL for the option, the environment's value or the default file under home. */
  public static String resolve(String option, String env, String home) {
    String given = option != null && !option.isBlank() ? option : env;
    if (given == null || given.isBlank()) {
      return "jdbc:sqlite:" + Path.of(home, ".local", "share", "rootcause", "rootcause.db");
    }
    return given.startsWith("jdbc:") ? given : "jdbc:sqlite:" + Path.of(given).toAbsolutePath();
  }
}
