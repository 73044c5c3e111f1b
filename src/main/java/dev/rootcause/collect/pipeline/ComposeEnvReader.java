package dev.rootcause.collect.pipeline;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.build.EnvFileLine;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.Sensitive;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.compose.ComposeEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose service's environment: {@code env_file:} files first, then {@code environment:} over
 * them, as compose applies them. A file the service does not name ({@code .env.example}, a {@code
 * .env} read only for interpolation) sets nothing in the container.
 */
final class ComposeEnvReader {
  private static final long MAX_ENV_FILE = 256 * 1024;

  private ComposeEnvReader() {}

  static ComposeEnv read(SourceFile file, String serviceName, Mapping service, Facts facts) {
    Map<String, ComposeEnv.Var> vars = new LinkedHashMap<>();
    for (String envFile : envFiles(service)) {
      readEnvFile(file, envFile, vars, facts);
    }
    YamlNode env = service.get("environment").orElse(null);
    if (env instanceof Mapping m) {
      for (Mapping.Entry e : m.entries().values()) {
        if (e.value() instanceof Scalar s && s.value() != null) {
          put(vars, e.key(), s.value(), s.location());
        }
      }
    } else if (env instanceof YamlNode.Sequence seq) {
      for (YamlNode item : seq.items()) {
        if (item instanceof Scalar s && s.value() != null && s.value().indexOf('=') > 0) {
          int eq = s.value().indexOf('=');
          put(vars, s.value().substring(0, eq).strip(), s.value().substring(eq + 1), s.location());
        }
      }
    }
    return new ComposeEnv(file.path(), serviceName, List.copyOf(vars.values()));
  }

  private static void put(
      Map<String, ComposeEnv.Var> vars, String name, String value, SourceLocation at) {
    vars.put(name, new ComposeEnv.Var(name, Sensitive.of(value), at));
  }

  /** {@code env_file: .env}, a list of paths, or entries with {@code path:} (compose 2.24+). */
  private static List<String> envFiles(Mapping service) {
    List<String> paths = new ArrayList<>();
    YamlNode node = service.get("env_file").orElse(null);
    List<YamlNode> items =
        node instanceof YamlNode.Sequence seq
            ? seq.items()
            : node == null ? List.of() : List.of(node);
    for (YamlNode item : items) {
      if (item instanceof Scalar s && s.value() != null) {
        paths.add(s.value());
      } else if (item instanceof Mapping m && m.string("path") != null) {
        paths.add(m.string("path"));
      }
    }
    return paths;
  }

  /** {@code KEY=value} lines, compose's env-file syntax; a missing or odd file sets nothing. */
  private static void readEnvFile(
      SourceFile compose, String relative, Map<String, ComposeEnv.Var> vars, Facts facts) {
    if (relative.contains("$") || relative.startsWith("/")) {
      return;
    }
    Path path = compose.absolute().resolveSibling(relative).normalize();
    String shown =
        Path.of(compose.path()).resolveSibling(relative).normalize().toString().replace('\\', '/');
    if (shown.startsWith("..")) {
      return; // outside the scanned tree
    }
    List<String> lines = facts.readBeside(path, MAX_ENV_FILE);
    if (lines == null) {
      return; // a missing or unreadable env file sets nothing rootcause can judge
    }
    for (int i = 0; i < lines.size(); i++) {
      Map.Entry<String, String> set = EnvFileLine.parse(lines.get(i));
      if (set != null) {
        put(vars, set.getKey(), set.getValue(), SourceLocation.of(shown, i + 1));
      }
    }
  }
}
