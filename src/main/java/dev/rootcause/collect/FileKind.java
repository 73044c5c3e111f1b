package dev.rootcause.collect;

import java.util.Locale;

/** What a file is, decided from its name alone so the walk never opens files it will not use. */
public enum FileKind {
  YAML,
  JSON,
  DOCKERFILE,
  SHELL,
  MAKEFILE,
  JENKINSFILE,
  NGINX_CONF,
  PYTHON,
  GO,
  JAVASCRIPT,
  TYPESCRIPT,
  JAVA,
  /**
   * Spring Boot's {@code application*.properties}, and {@code application*.yml} under resources/.
   */
  SPRING_CONFIG,
  /** A Maven or Gradle build file: which JVM libraries the application runs with. */
  JVM_BUILD,
  PACKAGE_JSON,
  DEPENDENCIES,
  CONFIG,
  OTHER;

  /** The config file rootcause reads for itself, at the scan root. */
  public static final String CONFIG_FILE = ".rootcause.yaml";

  /** Classifies a file by its name (and, for a few kinds, its folder). */
  public static FileKind of(String relativePath) {
    String name = relativePath.substring(relativePath.lastIndexOf('/') + 1);
    String lower = name.toLowerCase(Locale.ROOT);
    if (relativePath.equals(CONFIG_FILE) || relativePath.equals(".rootcause.yml")) {
      return CONFIG;
    }
    if (lower.equals("dockerfile")
        || lower.equals("containerfile")
        || lower.startsWith("dockerfile.") && !lower.endsWith(".md") && !lower.endsWith(".txt")
        || lower.endsWith(".dockerfile")) {
      return DOCKERFILE;
    }
    if (lower.equals("jenkinsfile")
        || lower.startsWith("jenkinsfile.")
        || lower.endsWith(".jenkinsfile")) {
      return JENKINSFILE;
    }
    if (lower.equals("makefile") || lower.equals("gnumakefile") || lower.endsWith(".mk")) {
      return MAKEFILE;
    }
    if (lower.equals("package.json")) {
      return PACKAGE_JSON;
    }
    if (lower.startsWith("requirements") && lower.endsWith(".txt")
        || lower.equals("pyproject.toml")
        || lower.equals("pipfile")
        || lower.equals("go.mod")) {
      return DEPENDENCIES;
    }
    if (lower.equals("pom.xml")
        || lower.equals("build.gradle")
        || lower.equals("build.gradle.kts")) {
      return JVM_BUILD;
    }
    if (lower.startsWith("application")
        && (lower.endsWith(".properties")
            || (lower.endsWith(".yml") || lower.endsWith(".yaml"))
                && isUnderResources(relativePath))) {
      return SPRING_CONFIG;
    }
    int dot = lower.lastIndexOf('.');
    String ext = dot < 0 ? "" : lower.substring(dot + 1);
    return switch (ext) {
      case "yaml", "yml" -> YAML;
      case "json" -> lower.endsWith("-lock.json") || lower.equals("tsconfig.json") ? OTHER : JSON;
      case "sh", "bash" -> SHELL;
      case "conf", "template" -> lower.contains(".conf") ? NGINX_CONF : OTHER;
      case "py" -> PYTHON;
      case "go" -> GO;
      case "js", "mjs", "cjs" -> JAVASCRIPT;
      case "ts", "mts", "cts" -> lower.endsWith(".d.ts") ? OTHER : TYPESCRIPT;
      case "java" -> JAVA;
      default -> OTHER;
    };
  }

  /**
   * A Maven or Gradle resources folder: where Spring's {@code application.yml} lives, and where no
   * Kubernetes manifest does (an Argo CD {@code application.yaml} elsewhere stays YAML).
   */
  private static boolean isUnderResources(String relativePath) {
    return relativePath.startsWith("resources/") || relativePath.contains("/resources/");
  }
}
