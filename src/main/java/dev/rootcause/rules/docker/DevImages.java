package dev.rootcause.rules.docker;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Dockerfiles made for development rather than deployment (dev containers, {@code Dockerfile.dev}):
 * root users and full SDK images are the point there, so size and hardening rules leave them be.
 */
final class DevImages {
  private static final Pattern DEV_NAME = Pattern.compile(
      "(dockerfile\\.(dev|develop|development|local|test|ci|debug)"
          + "|(dev|develop|development|local|test|ci|debug)\\.dockerfile"
          + "|.*\\.(dev|development|local|test)\\.dockerfile)");

  private DevImages() {}

  static boolean isDevelopment(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    String name = lower.substring(lower.lastIndexOf('/') + 1);
    return lower.startsWith(".devcontainer/") || lower.contains("/.devcontainer/")
        || DEV_NAME.matcher(name).matches();
  }
}
