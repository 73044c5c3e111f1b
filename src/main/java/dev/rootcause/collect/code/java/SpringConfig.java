package dev.rootcause.collect.code.java;

import dev.rootcause.collect.code.Numbers;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.EnvRead;
import dev.rootcause.model.app.AppFacts.ListenPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM framework's own configuration ({@code application*.yml|properties} of Spring Boot,
 * Micronaut or Quarkus): the port it binds ({@code server.port}, {@code micronaut.server.port},
 * {@code quarkus.http.port}, each overridden by its env var) and the env vars its {@code
 * ${NAME:default}} placeholders read (a placeholder with no default and no value stops the
 * application at start-up).
 */
final class SpringConfig {
  /**
   * The port key of each framework, the env var that always overrides it (relaxed binding: the key
   * upper-cased, dots as underscores), and the framework the key identifies.
   */
  private record PortKey(String key, String envVar, String framework) {}

  private static final List<PortKey> PORT_KEYS =
      List.of(
          new PortKey("server.port", "SERVER_PORT", "spring-boot"),
          new PortKey("micronaut.server.port", "MICRONAUT_SERVER_PORT", "micronaut"),
          new PortKey("quarkus.http.port", "QUARKUS_HTTP_PORT", "quarkus"));

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
  private static final Pattern PORT_VALUE =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([0-9]+))?}|([0-9]+)");

  /** What Spring Boot Actuator serves over HTTP by default: health, and its probe groups. */
  private static final List<String> ACTUATOR_HEALTH =
      List.of("/actuator/health", "/actuator/health/{group}");

  private SpringConfig() {}

  /**
   * A Maven or Gradle build: with {@code spring-boot-starter-actuator} the application serves
   * {@code /actuator/health} and its groups ({@code liveness} and {@code readiness} are enabled on
   * Kubernetes), answering 200 when UP and 503 when DOWN. Routes moved by {@code
   * management.endpoints.web.base-path} or {@code management.server.port} are not followed.
   */
  static SourceFacts buildFile(String path, String text) {
    int at = text.indexOf("spring-boot-starter-actuator");
    if (at < 0) {
      String framework = text.contains("org.springframework.boot") ? "spring-boot" : null;
      return new SourceFacts(
          path,
          AppFacts.Language.JAVA,
          framework,
          false,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of());
    }
    SourceLocation location = new SourceLocation(path, lineOf(text, at), 1);
    List<AppFacts.Route> routes =
        ACTUATOR_HEALTH.stream()
            .map(
                route ->
                    new AppFacts.Route(
                        "GET", route, List.of(200, 503), "Spring Boot Actuator", location))
            .toList();
    return facts(path, "spring-boot", routes);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Facts of an {@code application*.properties} or {@code application*.yml}; null if unreadable.
   */
  static SourceFacts read(String path, String text) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (name.startsWith("application-") && neverDeployed(name.substring("application-".length()))) {
      return facts(path, "spring-boot", List.of());
    }
    return path.endsWith(".properties") ? properties(path, text) : yaml(path, text);
  }

  /**
   * Spring Boot's {@code application.properties}. Spring resolves {@code ${NAME:default}} from the
   * environment and fails at startup on a placeholder with no default and no value; and an env var
   * {@code SERVER_PORT} always overrides {@code server.port}. A profile file ({@code
   * application-prod.properties}) applies only when its profile is active, so a port set there
   * makes the port unknown rather than a second answer.
   */
  private static SourceFacts properties(String path, String text) {
    boolean profile = isProfileFile(path);
    String framework = "spring-boot";
    List<ListenPort> listens = new ArrayList<>();
    List<EnvRead> envReads = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      int lineNumber = i + 1;
      while (line.endsWith("\\") && i + 1 < lines.length) {
        line = line.substring(0, line.length() - 1) + lines[++i].strip();
      }
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      int separator = -1;
      for (int c = 0; c < line.length(); c++) {
        char ch = line.charAt(c);
        if (ch == '=' || ch == ':' || Character.isWhitespace(ch)) {
          separator = c;
          break;
        }
      }
      String key = separator < 0 ? line : line.substring(0, separator).strip();
      String value = separator < 0 ? "" : line.substring(separator + 1).strip();
      if (!value.isEmpty() && (value.charAt(0) == '=' || value.charAt(0) == ':')) {
        value = value.substring(1).strip();
      }
      SourceLocation at = new SourceLocation(path, lineNumber, 1);
      // Quarkus scopes a key to a profile with a leading %name. (%dev.quarkus.http.port)
      boolean keyProfile = key.startsWith("%");
      PortKey port = portKey(key);
      if (port != null && !(keyProfile && neverDeployed(key.substring(1)))) {
        framework = port.framework();
        listens.add(
            profile || keyProfile ? new ListenPort(null, null, null, at) : port(port, value, at));
      }
      if (profile || keyProfile) {
        continue; // its placeholders only matter when the profile is active
      }
      Matcher m = PLACEHOLDER.matcher(value);
      while (m.find()) {
        envReads.add(new EnvRead(m.group(1), m.group(2) == null, m.group(2), at));
      }
    }
    return facts(path, framework, listens, List.of(), envReads);
  }

  /**
   * Spring Boot's {@code application.yml}: keys nest ({@code server: port:}) or are dotted, and a
   * document that activates on a profile ({@code spring.config.activate.on-profile}, or the older
   * {@code spring.profiles}) counts like a profile file.
   */
  private static SourceFacts yaml(String path, String text) {
    YamlReader.Result read = YamlReader.read(path, text);
    if (!read.problems().isEmpty()) {
      return null; // noted by the collector: half a config would give a wrong port, not none
    }
    boolean profileFile = isProfileFile(path);
    String framework = "spring-boot";
    List<ListenPort> listens = new ArrayList<>();
    List<EnvRead> envReads = new ArrayList<>();
    for (YamlDocument document : read.documents()) {
      Map<String, YamlNode.Scalar> values = new LinkedHashMap<>();
      flatten("", document.root(), values);
      boolean profile =
          profileFile
              || values.containsKey("spring.config.activate.on-profile")
              || values.containsKey("spring.profiles");
      for (Map.Entry<String, YamlNode.Scalar> e : values.entrySet()) {
        String value = e.getValue().value() == null ? "" : e.getValue().value().strip();
        SourceLocation at = e.getValue().location();
        boolean keyProfile = e.getKey().startsWith("%");
        PortKey port = portKey(e.getKey());
        if (port != null && !(keyProfile && neverDeployed(e.getKey().substring(1)))) {
          framework = port.framework();
          listens.add(
              profile || keyProfile ? new ListenPort(null, null, null, at) : port(port, value, at));
        }
        if (!profile && !keyProfile) {
          Matcher m = PLACEHOLDER.matcher(value);
          while (m.find()) {
            envReads.add(new EnvRead(m.group(1), m.group(2) == null, m.group(2), at));
          }
        }
      }
    }
    return facts(path, framework, listens, List.of(), envReads);
  }

  /** The port key {@code key} names, also under a Quarkus profile prefix; null if none. */
  private static PortKey portKey(String key) {
    String bare =
        key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    for (PortKey port : PORT_KEYS) {
      if (port.key().equals(bare)) {
        return port;
      }
    }
    return null;
  }

  /** Every scalar under {@code node}, by its dotted key; sequence items as {@code key[i]}. */
  private static void flatten(String prefix, YamlNode node, Map<String, YamlNode.Scalar> into) {
    switch (node) {
      case YamlNode.Scalar scalar -> into.put(prefix, scalar);
      case YamlNode.Mapping mapping ->
          mapping
              .entries()
              .forEach(
                  (key, entry) ->
                      flatten(prefix.isEmpty() ? key : prefix + "." + key, entry.value(), into));
      case YamlNode.Sequence sequence -> {
        for (int i = 0; i < sequence.items().size(); i++) {
          flatten(prefix + "[" + i + "]", sequence.items().get(i), into);
        }
      }
    }
  }

  /**
   * A profile that only a developer's machine or the test run activates ({@code %dev.}, {@code
   * application-test.yml}): what it sets never reaches a deployed container.
   */
  private static boolean neverDeployed(String profileAndRest) {
    for (String name : List.of("test", "dev", "local")) {
      if (profileAndRest.equals(name)
          || profileAndRest.startsWith(name + ".")
          || profileAndRest.startsWith(name + "-")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isProfileFile(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return !name.equals("application.properties")
        && !name.equals("application.yml")
        && !name.equals("application.yaml");
  }

  private static SourceFacts facts(String path, String framework, List<AppFacts.Route> routes) {
    return facts(path, framework, List.of(), routes, List.of());
  }

  private static SourceFacts facts(
      String path,
      String framework,
      List<ListenPort> listens,
      List<AppFacts.Route> routes,
      List<EnvRead> envReads) {
    return new SourceFacts(
        path,
        AppFacts.Language.JAVA,
        framework,
        false,
        listens,
        routes,
        envReads,
        List.of(),
        List.of());
  }

  /**
   * The port a key's value binds: a number (which its framework's env var still overrides), or a
   * {@code ${NAME:default}} placeholder resolved from the container env.
   */
  private static ListenPort port(PortKey key, String value, SourceLocation at) {
    Matcher m = PORT_VALUE.matcher(value);
    if (!m.matches()) {
      return new ListenPort(null, null, null, at);
    }
    if (m.group(3) != null) {
      return new ListenPort(parsePort(m.group(3)), key.envVar(), null, at);
    }
    return new ListenPort(m.group(2) == null ? null : parsePort(m.group(2)), m.group(1), null, at);
  }

  private static Integer parsePort(String digits) {
    return Numbers.port(digits);
  }
}
