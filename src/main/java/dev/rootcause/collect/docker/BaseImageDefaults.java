package dev.rootcause.collect.docker;

import java.util.Locale;
import java.util.Set;

/**
 * What a few well-known base images set before the Dockerfile starts: the working directory.
 * Anything else is unknown, and relative paths in a stage built on it stay unresolved.
 */
final class BaseImageDefaults {
  /** Official and distroless images whose Dockerfiles set no WORKDIR, so they start in /. */
  private static final Set<String> START_AT_ROOT =
      Set.of(
          "scratch",
          "alpine",
          "busybox",
          "debian",
          "ubuntu",
          "python",
          "node",
          "ruby",
          "rust",
          "nginx",
          "openjdk",
          "eclipse-temurin",
          "amazoncorretto");

  private BaseImageDefaults() {}

  /** The working directory a stage built on {@code image} starts in, or null when unknown. */
  static String workdir(String image) {
    String repo = repository(image);
    if (repo.equals("golang")) {
      return "/go";
    }
    if (START_AT_ROOT.contains(repo) || repo.startsWith("gcr.io/distroless/")) {
      return "/";
    }
    return null;
  }

  /** {@code golang} for {@code docker.io/library/golang:1.22-alpine@sha256:...}. */
  static String repository(String image) {
    String r = image.toLowerCase(Locale.ROOT);
    int at = r.indexOf('@');
    if (at >= 0) {
      r = r.substring(0, at);
    }
    int colon = r.lastIndexOf(':');
    if (colon > r.lastIndexOf('/')) {
      r = r.substring(0, colon);
    }
    for (String prefix : new String[] {"docker.io/", "index.docker.io/", "library/"}) {
      if (r.startsWith(prefix)) {
        r = r.substring(prefix.length());
      }
    }
    return r;
  }
}
