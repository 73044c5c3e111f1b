package dev.rootcause.collect.code;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.EnvRead;
import dev.rootcause.model.app.AppFacts.ListenPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Java sources (Spring MVC controllers, the JDK's {@code HttpServer}, env reads, outbound
 * HTTP clients, handler hazards) and Spring Boot {@code application*.properties} ({@code
 * server.port} and {@code ${ENV:default}} placeholders). Test sources are skipped: they serve no
 * production traffic.
 */
public final class JavaExtractor implements LanguageExtractor {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
  private static final Pattern PORT_VALUE =
      Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([0-9]+))?}|([0-9]+)");

  @Override
  public Set<FileKind> kinds() {
    return Set.of(FileKind.JAVA, FileKind.JAVA_PROPERTIES);
  }

  @Override
  public SourceFacts extract(SourceFile file, String text) {
    if (isTestSource(file.path())) {
      return empty(file.path(), null);
    }
    if (file.kind() == FileKind.JAVA_PROPERTIES) {
      return properties(file.path(), text);
    }
    SyntaxTree tree = SyntaxTree.parse(Grammar.JAVA, text);
    return tree == null ? null : new JavaReader(file.path(), tree).read();
  }

  private static boolean isTestSource(String path) {
    return path.startsWith("src/test/") || path.contains("/src/test/");
  }

  private static SourceFacts empty(String path, String framework) {
    return new SourceFacts(path, AppFacts.Language.JAVA, framework, false, List.of(), List.of(),
        List.of(), List.of(), List.of());
  }

  /**
   * Spring Boot's {@code application.properties}. Spring resolves {@code ${NAME:default}} from the
   * environment and fails at startup on a placeholder with no default and no value; and an env var
   * {@code SERVER_PORT} always overrides {@code server.port}. A profile file ({@code
   * application-prod.properties}) applies only when its profile is active, so a port set there
   * makes the port unknown rather than a second answer.
   */
  static SourceFacts properties(String path, String text) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    boolean profile = !name.equals("application.properties");
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
      if (key.equals("server.port")) {
        listens.add(profile ? new ListenPort(null, null, null, at) : serverPort(value, at));
      }
      if (profile) {
        continue; // its placeholders only matter when the profile is active
      }
      Matcher m = PLACEHOLDER.matcher(value);
      while (m.find()) {
        envReads.add(new EnvRead(m.group(1), m.group(2) == null, m.group(2), at));
      }
    }
    return new SourceFacts(path, AppFacts.Language.JAVA, "spring-boot", false, listens, List.of(),
        envReads, List.of(), List.of());
  }

  private static ListenPort serverPort(String value, SourceLocation at) {
    Matcher m = PORT_VALUE.matcher(value);
    if (!m.matches()) {
      return new ListenPort(null, null, null, at);
    }
    if (m.group(3) != null) {
      return new ListenPort(parsePort(m.group(3)), "SERVER_PORT", null, at);
    }
    return new ListenPort(m.group(2) == null ? null : parsePort(m.group(2)), m.group(1), null, at);
  }

  private static Integer parsePort(String digits) {
    try {
      int port = Integer.parseInt(digits);
      return port > 0 && port < 65536 ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
