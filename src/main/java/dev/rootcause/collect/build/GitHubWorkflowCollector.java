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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads GitHub Actions workflows ({@code .github/workflows/*.yml}) and composite actions for the
 * images they build: {@code docker/build-push-action} steps ({@code context}, {@code file}, {@code
 * tags} as lines or comma lists, {@code push}) and {@code run:} steps, which are shell read by
 * {@link ShellAnalysis} in the step's {@code working-directory}. {@code ${{ env.X }}} resolves from
 * literal {@code env:} values; any other expression keeps the name templated.
 */
public final class GitHubWorkflowCollector implements YamlCollector {
  private static final Pattern WORKFLOW =
      Pattern.compile("(^|.*/)\\.github/workflows/[^/]+\\.ya?ml$");
  private static final Pattern ACTION = Pattern.compile("(^|.*/)action\\.ya?ml$");
  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
  private static final Pattern ENV_REF = Pattern.compile("env\\.([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern MATRIX_REF = Pattern.compile("matrix\\.([A-Za-z_][A-Za-z0-9_-]*)");

  /** More combinations than this are read as one job with the matrix values left unknown. */
  private static final int MAX_COMBINATIONS = 64;

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    boolean workflow = WORKFLOW.matcher(file.path()).matches();
    if (!workflow && !ACTION.matcher(file.path()).matches()) {
      return;
    }
    Reader reader = new Reader(file, facts);
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root)) {
        continue;
      }
      if (workflow) {
        Map<String, String> env = reader.env(Map.of(), root);
        String dir =
            root.path("defaults", "run").map(m -> m.string("working-directory")).orElse(null);
        root.map("jobs")
            .ifPresent(
                jobs ->
                    jobs.entries()
                        .values()
                        .forEach(
                            e -> {
                              if (e.value() instanceof Mapping job) {
                                Map<String, String> jobEnv = reader.env(env, job);
                                String jobDir =
                                    job.path("defaults", "run")
                                        .map(m -> m.string("working-directory"))
                                        .orElse(dir);
                                for (Map<String, String> matrix : Matrix.combinations(job)) {
                                  job.maps("steps")
                                      .forEach(step -> reader.step(step, jobEnv, matrix, jobDir));
                                }
                              }
                            }));
      } else {
        root.map("runs")
            .filter(r -> "composite".equals(r.string("using")))
            .ifPresent(
                runs ->
                    runs.maps("steps")
                        .forEach(step -> reader.step(step, Map.of(), Map.of(), null)));
      }
    }
  }

  /** Reads the steps of one file; keeps the file's text to tell block scalars from inline ones. */
  private static final class Reader {
    private final SourceFile file;
    private final Facts facts;
    private final Predicate<String> exists;
    private final ShellAnalysis.Memory memory = new ShellAnalysis.Memory();
    private final YamlLines yamlLines;

    Reader(SourceFile file, Facts facts) {
      this.file = file;
      this.facts = facts;
      this.exists = RepoFiles.exists(file, facts);
      this.yamlLines = new YamlLines(file);
    }

    /**
     * {@code env:} of a workflow, job or step over the outer one; expressions become placeholders.
     */
    Map<String, String> env(Map<String, String> outer, Mapping owner) {
      Map<String, String> env = new LinkedHashMap<>(outer);
      owner.stringMap("env").forEach((k, v) -> env.put(k, v));
      return env;
    }

    void step(
        Mapping step, Map<String, String> outerEnv, Map<String, String> matrix, String outerDir) {
      Map<String, String> env = env(outerEnv, step);
      String uses = step.string("uses");
      if (uses != null && uses.toLowerCase(Locale.ROOT).startsWith("docker/build-push-action@")) {
        step.map("with").ifPresent(with -> buildPushAction(with, env, matrix));
        return;
      }
      String shell = step.string("shell");
      if (shell != null && !shell.startsWith("bash") && !shell.startsWith("sh")) {
        return;
      }
      step.scalar("run")
          .filter(s -> s.value() != null)
          .ifPresent(
              run -> {
                Map<String, String> opaque = new LinkedHashMap<>();
                Map<String, String> variables = new LinkedHashMap<>();
                variables.put("GITHUB_WORKSPACE", String.valueOf(WorkDir.ROOT_MARK));
                env.forEach((k, v) -> variables.put(k, substitute(v, env, matrix, opaque, true)));
                String text = substitute(run.value(), env, matrix, opaque, true);
                String dir =
                    step.string("working-directory") != null
                        ? step.string("working-directory")
                        : outerDir;
                String cwd =
                    dir == null ? "" : dir.contains("${{") ? null : RepoPaths.resolve("", dir);
                if (dir != null && (dir.equals(".") || dir.equals("./"))) {
                  cwd = "";
                }
                ShellAnalysis.Result result =
                    ShellAnalysis.analyze(
                        ShellSource.embedded(
                            file.path(), text, contentLine(run), cwd, variables, opaque),
                        exists,
                        memory);
                result.builds().forEach(facts.model()::imageBuild);
                result.problems().forEach(facts::problem);
              });
    }

    private void buildPushAction(
        Mapping with, Map<String, String> env, Map<String, String> matrix) {
      String context = with.string("context");
      String file = with.string("file");
      String push = with.string("push");
      String outputs = with.string("outputs");
      boolean pushes =
          push != null && !push.trim().equalsIgnoreCase("false")
              || outputs != null && outputs.replace(" ", "").contains("type=registry");
      String target = with.string("target");
      List<Tag> tags = new java.util.ArrayList<>();
      if (with.has("tags")) {
        tags.addAll(tags(with.get("tags").orElseThrow()));
      } else if (with.string("repository") != null) {
        // v1 of the action: repository, tags (comma list), registry, path, dockerfile.
        String registry = with.string("registry");
        String repository = (registry == null ? "" : registry + "/") + with.string("repository");
        SourceLocation at = with.locationOf("repository");
        String v1Tags = with.string("tags") == null ? "latest" : with.string("tags");
        for (String t : v1Tags.split(",")) {
          tags.add(new Tag(repository + ":" + t.trim(), at.line()));
        }
        context = with.string("path");
        file = with.string("dockerfile");
        pushes = !"false".equalsIgnoreCase(with.string("push"));
      }
      String ctx =
          context == null ? "." : substitute(context, env, matrix, new LinkedHashMap<>(), false);
      String df = file == null ? null : substitute(file, env, matrix, new LinkedHashMap<>(), false);
      WorkDir.BuildPaths paths =
          WorkDir.exactly(RepoPaths.parent(this.file.path()), "").resolveBuild(ctx, df, exists);
      for (Tag tag : tags) {
        String name = substitute(tag.name(), env, matrix, new LinkedHashMap<>(), false);
        SourceLocation at = SourceLocation.of(this.file.path(), tag.line());
        ImageRef image = ImageRef.parse(name, at);
        facts
            .model()
            .imageBuild(
                new ImageBuild(
                    image, ImageBuild.Kind.BUILD, paths.dockerfile(), paths.context(), target, at));
        if (pushes) {
          facts
              .model()
              .imageBuild(
                  new ImageBuild(
                      image,
                      ImageBuild.Kind.PUSH,
                      paths.dockerfile(),
                      paths.context(),
                      target,
                      at));
        }
      }
    }

    private record Tag(String name, int line) {}

    /** {@code tags:} as a block of lines, a comma list, or (leniently) a YAML list. */
    private List<Tag> tags(YamlNode node) {
      List<Tag> out = new java.util.ArrayList<>();
      if (node instanceof YamlNode.Sequence seq) {
        for (YamlNode item : seq.items()) {
          if (item instanceof YamlNode.Scalar s && s.value() != null && !s.value().isBlank()) {
            out.add(new Tag(s.value().trim(), s.location().line()));
          }
        }
        return out;
      }
      if (!(node instanceof YamlNode.Scalar s) || s.value() == null) {
        return out;
      }
      int first = contentLine(s);
      String[] rows = s.value().split("\n", -1);
      for (int r = 0; r < rows.length; r++) {
        for (String t : rows[r].split(",")) {
          if (!t.isBlank()) {
            out.add(new Tag(t.trim(), first + r));
          }
        }
      }
      return out;
    }

    private int contentLine(YamlNode.Scalar scalar) {
      return yamlLines.contentLine(scalar);
    }
  }

  /** A job's {@code strategy.matrix}: each combination of its literal values, or one empty one. */
  static final class Matrix {
    private Matrix() {}

    static List<Map<String, String>> combinations(Mapping job) {
      Mapping matrix = job.path("strategy", "matrix").orElse(null);
      if (matrix == null) {
        return List.of(Map.of());
      }
      List<Map<String, String>> out = new java.util.ArrayList<>();
      out.add(Map.of());
      for (var entry : matrix.entries().entrySet()) {
        String key = entry.getKey();
        if (key.equals("include") || key.equals("exclude")) {
          continue;
        }
        if (!(entry.getValue().value() instanceof YamlNode.Sequence values)) {
          return List.of(Map.of()); // ${{ fromJSON(...) }}: the values are unknown
        }
        List<Map<String, String>> next = new java.util.ArrayList<>();
        for (Map<String, String> partial : out) {
          for (YamlNode item : values.items()) {
            if (item instanceof YamlNode.Scalar s && s.value() != null) {
              Map<String, String> more = new LinkedHashMap<>(partial);
              more.put(key, s.value());
              next.add(more);
            }
          }
        }
        if (next.isEmpty() || next.size() > MAX_COMBINATIONS) {
          return List.of(Map.of());
        }
        out = next;
      }
      if (out.size() == 1 && out.get(0).isEmpty()) {
        for (Mapping extra : matrix.maps("include")) {
          Map<String, String> values = new LinkedHashMap<>();
          extra
              .entries()
              .forEach(
                  (k, e) -> {
                    if (e.value() instanceof YamlNode.Scalar v && v.value() != null) {
                      values.put(k, v.value());
                    }
                  });
          if (!values.isEmpty() && out.size() < MAX_COMBINATIONS) {
            out.add(values);
          }
        }
      }
      return out;
    }
  }

  /**
   * Replaces {@code ${{ env.X }}} by X's literal value, {@code ${{ matrix.X }}} by this
   * combination's value and, in shell text, every other expression by a placeholder the shell reads
   * as an unknown variable ({@code opaque} maps it back).
   */
  static String substitute(
      String text,
      Map<String, String> env,
      Map<String, String> matrix,
      Map<String, String> opaque,
      boolean forShell) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Matcher ref = ENV_REF.matcher(m.group(1));
      Matcher cell = MATRIX_REF.matcher(m.group(1));
      String value =
          ref.matches() ? env.get(ref.group(1)) : cell.matches() ? matrix.get(cell.group(1)) : null;
      String replacement;
      if (value != null && !value.contains("${{")) {
        replacement = value;
      } else if (forShell) {
        replacement = "${__rc_" + (opaque.size() + 1) + "}";
        opaque.put(replacement, m.group());
      } else {
        replacement = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }
}
