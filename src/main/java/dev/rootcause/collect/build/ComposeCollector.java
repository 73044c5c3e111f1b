package dev.rootcause.collect.build;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.k8s.ImageRef;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads docker-compose files for the images their {@code build:} sections make. A document is a
 * compose file when it is not a Kubernetes object and its top-level {@code services:} has entries
 * with {@code image:} or {@code build:}. The name is {@code image:}, else compose's default {@code
 * <project>-<service>}, but only when the file names its project ({@code name:}): the folder name
 * or {@code -p} could differ. {@code ${VAR:-default}} is interpolated from the {@code .env} beside
 * the file and defaults; other variables stay templated.
 */
public final class ComposeCollector implements YamlCollector {
  private static final Pattern VARIABLE =
      Pattern.compile(
          "\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    Map<String, String> env = null;
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root) || !isCompose(root)) {
        continue;
      }
      if (env == null) {
        env = dotEnv(file, facts);
      }
      String dir = RepoPaths.parent(file.path());
      Predicate<String> exists = RepoFiles.exists(file, facts);
      String project = root.string("name") == null ? null : interpolate(root.string("name"), env);
      for (Mapping.Entry service : root.map("services").orElseThrow().entries().values()) {
        if (service.value() instanceof Mapping m && m.has("build")) {
          build(service.key(), m, project, dir, env, exists, facts);
        }
      }
    }
  }

  static boolean isCompose(Mapping root) {
    if (root.has("apiVersion") || root.has("kind") || root.has("jobs")) {
      return false;
    }
    return root.map("services")
        .map(
            s ->
                s.entries().values().stream()
                    .anyMatch(
                        e -> e.value() instanceof Mapping m && (m.has("image") || m.has("build"))))
        .orElse(false);
  }

  private static void build(
      String serviceName,
      Mapping service,
      String project,
      String dir,
      Map<String, String> env,
      Predicate<String> exists,
      Facts facts) {
    String context;
    String dockerfile = null;
    String target = null;
    List<YamlNode> extraTags = List.of();
    YamlNode build = service.get("build").orElseThrow();
    if (build instanceof YamlNode.Scalar s) {
      context = s.value() == null ? "." : interpolate(s.value(), env);
    } else if (build instanceof Mapping b) {
      context = b.string("context") == null ? "." : interpolate(b.string("context"), env);
      dockerfile = b.string("dockerfile") == null ? null : interpolate(b.string("dockerfile"), env);
      target = b.string("target") == null ? null : interpolate(b.string("target"), env);
      extraTags = b.seq("tags").map(YamlNode.Sequence::items).orElse(List.of());
      if (b.has("dockerfile_inline")) {
        dockerfile = "-";
      }
    } else {
      return;
    }
    WorkDir.BuildPaths paths = paths(dir, context, dockerfile, exists);
    SourceLocation where;
    String name;
    if (service.string("image") != null) {
      name = interpolate(service.string("image"), env);
      where = service.scalar("image").orElseThrow().location();
    } else if (project != null && !project.contains("$")) {
      name = project.toLowerCase(Locale.ROOT) + "-" + serviceName.toLowerCase(Locale.ROOT);
      where = service.locationOf("build");
    } else {
      name = null;
      where = null;
    }
    if (name != null) {
      add(name, where, paths, target, facts);
    }
    for (YamlNode tag : extraTags) {
      if (tag instanceof YamlNode.Scalar s && s.value() != null) {
        add(interpolate(s.value(), env), s.location(), paths, target, facts);
      }
    }
  }

  private static void add(
      String name, SourceLocation where, WorkDir.BuildPaths paths, String target, Facts facts) {
    SourceLocation at = SourceLocation.of(where.path(), where.line());
    facts
        .model()
        .imageBuild(
            new ImageBuild(
                ImageRef.parse(name, at),
                ImageBuild.Kind.BUILD,
                paths.dockerfile(),
                paths.context(),
                target,
                at));
  }

  /**
   * Compose resolves {@code context} from the file's folder and {@code dockerfile} from the
   * context.
   */
  private static WorkDir.BuildPaths paths(
      String dir, String context, String dockerfile, Predicate<String> exists) {
    String ctx = RepoPaths.resolve(dir, context);
    if (ctx == null && (context.equals(".") || context.equals("./"))) {
      ctx = dir;
    }
    if (ctx == null) {
      return WorkDir.BuildPaths.UNKNOWN;
    }
    if (dockerfile != null && dockerfile.equals("-")) {
      return new WorkDir.BuildPaths(null, ctx);
    }
    if (dockerfile != null) {
      return new WorkDir.BuildPaths(RepoPaths.resolve(ctx, dockerfile), ctx);
    }
    String containerfile = RepoPaths.child(ctx, "Containerfile");
    String file =
        !exists.test(RepoPaths.child(ctx, "Dockerfile")) && exists.test(containerfile)
            ? containerfile
            : RepoPaths.child(ctx, "Dockerfile");
    return new WorkDir.BuildPaths(file, ctx);
  }

  /** Compose interpolation: known variables and defaults are replaced, others kept as written. */
  static String interpolate(String value, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$$")) {
        replacement = "$$";
      } else {
        String name = m.group(1) != null ? m.group(1) : m.group(4);
        String op = m.group(2);
        String known = env.get(name);
        if (known != null && !(known.isEmpty() && op != null && op.equals(":-"))) {
          replacement = known;
        } else if (op != null && op.endsWith("-") && (known == null || op.equals(":-"))) {
          replacement = interpolate(m.group(3), env);
        } else {
          replacement = m.group();
        }
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** The {@code .env} beside the compose file, which compose reads for interpolation. */
  private static Map<String, String> dotEnv(SourceFile file, Facts facts) {
    Map<String, String> env = new HashMap<>();
    // An absent or unreadable .env leaves its variables unknown: names using them read as
    // templated.
    List<String> lines = facts.readBeside(file.absolute().resolveSibling(".env"), 256 * 1024);
    for (String line : lines == null ? List.<String>of() : lines) {
      Map.Entry<String, String> set = EnvFileLine.parse(line);
      if (set != null) {
        env.put(set.getKey(), set.getValue());
      }
    }
    return env;
  }
}
