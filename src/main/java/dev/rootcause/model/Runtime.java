package dev.rootcause.model;

import java.util.Locale;
import java.util.Optional;

/** The language runtime inside an image, which decides its memory floor. */
public enum Runtime {
  NODE("Node.js"),
  PYTHON("Python"),
  JVM("JVM"),
  GO("Go"),
  RUBY("Ruby"),
  DOTNET(".NET"),
  PHP("PHP"),
  NGINX("nginx");

  private final String title;

  Runtime(String title) {
    this.title = title;
  }

  public String title() {
    return title;
  }

  /** The runtime an image name reveals: {@code node:18-alpine}, {@code eclipse-temurin:21-jre}. */
  public static Optional<Runtime> ofImage(String repository) {
    String r = repository.toLowerCase(Locale.ROOT);
    String name = r.substring(r.lastIndexOf('/') + 1);
    if (name.equals("node") || name.startsWith("node-") || r.contains("nodejs")) {
      return Optional.of(NODE);
    }
    if (name.equals("python") || name.startsWith("python-") || name.equals("pypy")) {
      return Optional.of(PYTHON);
    }
    if (name.contains("openjdk")
        || name.contains("temurin")
        || name.contains("corretto")
        || name.equals("maven")
        || name.equals("gradle")
        || name.contains("java")
        || name.contains("zulu")
        || name.contains("jre")
        || name.contains("jdk")) {
      return Optional.of(JVM);
    }
    if (name.equals("golang")) {
      return Optional.of(GO);
    }
    if (name.equals("ruby")) {
      return Optional.of(RUBY);
    }
    if (r.startsWith("dotnet/") || r.contains("mcr.microsoft.com/dotnet")) {
      return Optional.of(DOTNET);
    }
    if (name.equals("php") || name.startsWith("php-")) {
      return Optional.of(PHP);
    }
    if (name.equals("nginx") || name.startsWith("nginx-") || name.equals("openresty")) {
      return Optional.of(NGINX);
    }
    return Optional.empty();
  }
}
