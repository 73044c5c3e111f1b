package dev.rootcause.model.k8s;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the public images people put straight into manifests contain, unchanged: which HTTP paths
 * their default configuration serves (nginx and httpd serve files, not {@code /healthz}), which are
 * not HTTP servers at all (redis, postgres), and which common tools they lack (no bash or curl in
 * busybox and alpine, no shell at all in distroless and scratch images such as http-echo). Only
 * images whose contents are certain are described; anything else is unknown.
 */
public final class StockImages {
  private static final Set<String> SCRATCH =
      Set.of(
          "hashicorp/http-echo",
          "traefik/whoami",
          "scratch",
          "distroless/static",
          "distroless/base",
          "distroless/static-debian11",
          "distroless/static-debian12",
          "distroless/base-debian11",
          "distroless/base-debian12",
          "distroless/java17-debian12",
          "distroless/java21-debian12",
          "distroless/nodejs20-debian12",
          "distroless/python3-debian12",
          "distroless/cc-debian12");
  private static final Set<String> NOT_HTTP =
      Set.of("redis", "postgres", "mysql", "mariadb", "memcached", "mongo", "bitnami/redis");
  private static final Set<String> NO_CURL_DEBIAN = Set.of("redis", "postgres", "memcached");
  private static final Set<String> SHELL_WORDS =
      Set.of("sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/env");

  /**
   * Tools that images get only by being added to them (downloaded or copied in a Dockerfile): no
   * base distribution ships them, so an image that never adds one does not have it.
   */
  private static final Set<String> ADD_ON_TOOLS =
      Set.of(
          "grpc_health_probe",
          "grpc-health-probe",
          "wait-for-it",
          "wait-for-it.sh",
          "wait-for",
          "dockerize",
          "kubectl",
          "helm");

  private StockImages() {}

  /** Whether {@code name} is a tool no base image ships: only a Dockerfile step puts it there. */
  public static boolean isAddOnTool(String name) {
    return ADD_ON_TOOLS.contains(name);
  }

  /** The stock image's repository as people write it, or empty for an image built elsewhere. */
  private static Optional<String> stock(ImageRef image) {
    if (image == null || image.isTemplated()) {
      return Optional.empty();
    }
    String registry = image.registry();
    String repo = image.normalizedRepository();
    if (registry == null || registry.equals("docker.io") || registry.equals("index.docker.io")) {
      return Optional.of(repo);
    }
    if (registry.equals("gcr.io") && repo.startsWith("distroless/")) {
      return Optional.of(repo.replace(":nonroot", ""));
    }
    return Optional.empty();
  }

  /**
   * The paths the image's default configuration answers on its default port with 200, or empty when
   * unknown (or when it answers every path, as http-echo does).
   */
  public static Optional<Set<String>> servedPaths(ImageRef image) {
    return stock(image)
        .flatMap(
            r ->
                switch (r) {
                  case "nginx" -> Optional.of(Set.of("/", "/index.html", "/50x.html"));
                  case "httpd" -> Optional.of(Set.of("/", "/index.html"));
                  case "traefik/whoami" ->
                      Optional.of(Set.of("/", "/api", "/health", "/echo", "/data", "/bench"));
                  default -> Optional.empty();
                });
  }

  /** The port the stock HTTP image listens on by default. */
  public static int httpPort(ImageRef image) {
    return 80;
  }

  /** Whether the image serves a protocol other than HTTP (a database, a cache). */
  public static boolean notHttp(ImageRef image) {
    return stock(image).map(NOT_HTTP::contains).orElse(false);
  }

  /** Why {@code tool} is not in the image, or empty when it may be there. */
  public static Optional<String> lacks(ImageRef image, String tool) {
    Optional<String> repo = stock(image);
    if (repo.isEmpty()) {
      return Optional.empty();
    }
    String r = repo.get();
    String name = tool.substring(tool.lastIndexOf('/') + 1);
    if (SCRATCH.contains(r) || r.startsWith("distroless/")) {
      return Optional.of(r + " has no shell and no tools: only its own binary");
    }
    String tag = image.effectiveTag().toLowerCase(Locale.ROOT);
    boolean busybox = r.equals("busybox");
    boolean alpine = r.equals("alpine") || tag.contains("alpine") && !r.equals("nginx");
    if ((busybox || alpine) && name.equals("bash")) {
      return Optional.of(image.nameAndTag() + " has sh (busybox ash), not bash");
    }
    if ((busybox || alpine) && name.equals("curl")) {
      return Optional.of(image.nameAndTag() + " has no curl (busybox wget is there)");
    }
    if (NO_CURL_DEBIAN.contains(r)
        && !tag.contains("alpine")
        && Set.of("curl", "wget").contains(name)) {
      return Optional.of(image.nameAndTag() + " ships neither curl nor wget");
    }
    return Optional.empty();
  }

  /**
   * The programs a command runs: its first word and, when that is a shell with {@code -c}, the
   * first word of each command in the script ({@code a && b; c | d}).
   */
  public static List<String> programs(List<String> argv) {
    List<String> out = new ArrayList<>();
    if (argv.isEmpty()) {
      return out;
    }
    out.add(argv.get(0));
    if (!SHELL_WORDS.contains(argv.get(0))
        || argv.size() < 3
        || !argv.get(1).startsWith("-")
        || !argv.get(1).contains("c")) {
      return out;
    }
    String script = String.join(" ", argv.subList(2, argv.size()));
    boolean atStart = true;
    StringBuilder word = new StringBuilder();
    for (int i = 0; i <= script.length(); i++) {
      char ch = i < script.length() ? script.charAt(i) : ' ';
      boolean separator =
          ch == ';' || ch == '|' || ch == '&' || ch == '(' || ch == '\n' || ch == '`';
      if (Character.isWhitespace(ch) || separator) {
        if (!word.isEmpty()) {
          String w = word.toString();
          if (atStart && !w.contains("=") && !KEYWORDS.contains(w)) {
            out.add(w);
            atStart = false;
          } else if (atStart && KEYWORDS.contains(w)) {
            atStart = true;
          } else {
            atStart = false;
          }
          word.setLength(0);
        }
        if (separator) {
          atStart = true;
        }
      } else if (ch != '"' && ch != '\'' && ch != '$') {
        word.append(ch);
      }
    }
    return out;
  }

  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "!", "exec",
          "{", "}", "[", "[[");
}
