package dev.rootcause.collect.build;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads GitLab CI files ({@code .gitlab-ci.yml} and files under {@code .gitlab/}) for the images
 * their jobs build: {@code before_script} and {@code script} lines are one shell session, read by
 * {@link ShellAnalysis} with the file's and the job's {@code variables:} and {@code
 * $CI_PROJECT_DIR} as the repository root (docker, buildah, kaniko alike). {@code extends:} and
 * {@code include:} are not followed; hidden jobs ({@code .build}) are read like jobs.
 */
public final class GitLabCiCollector implements YamlCollector {
  private static final Pattern GITLAB_CI =
      Pattern.compile("(^|.*/)([^/]*\\.)?gitlab-ci\\.ya?ml$|(^|.*/)\\.gitlab/.+\\.ya?ml$");
  private static final Set<String> RESERVED =
      Set.of(
          "stages",
          "variables",
          "default",
          "include",
          "workflow",
          "image",
          "services",
          "before_script",
          "after_script",
          "cache",
          "spec");

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    if (!GITLAB_CI.matcher(file.path()).matches()) {
      return;
    }
    YamlLines yamlLines = new YamlLines(file);
    ShellAnalysis.Memory memory = new ShellAnalysis.Memory();
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root) || root.has("apiVersion")) {
        continue;
      }
      Map<String, String> global = variables(Map.of(), root);
      List<YamlNode.Scalar> defaultBefore =
          root.map("default")
              .map(d -> lines(d, "before_script"))
              .orElse(lines(root, "before_script"));
      for (Mapping.Entry entry : root.entries().values()) {
        if (RESERVED.contains(entry.key())
            || !(entry.value() instanceof Mapping job)
            || !job.has("script")) {
          continue;
        }
        Map<String, String> vars = variables(global, job);
        List<YamlNode.Scalar> session =
            new ArrayList<>(job.has("before_script") ? lines(job, "before_script") : defaultBefore);
        session.addAll(lines(job, "script"));
        analyze(file, session, vars, yamlLines, memory, facts);
        analyze(file, lines(job, "after_script"), vars, yamlLines, memory, facts);
      }
    }
  }

  /** {@code variables:} as plain values or {@code {value: x}}; the outer ones first. */
  private static Map<String, String> variables(Map<String, String> outer, Mapping owner) {
    Map<String, String> vars = new LinkedHashMap<>(outer);
    owner
        .map("variables")
        .ifPresent(
            m ->
                m.entries()
                    .forEach(
                        (k, e) -> {
                          if (e.value() instanceof YamlNode.Scalar s && s.value() != null) {
                            vars.put(k, s.value());
                          } else if (e.value() instanceof Mapping v && v.string("value") != null) {
                            vars.put(k, v.string("value"));
                          }
                        }));
    return vars;
  }

  /** A script key's lines: a list of strings (nested lists flattened) or one string. */
  private static List<YamlNode.Scalar> lines(Mapping owner, String key) {
    List<YamlNode.Scalar> out = new ArrayList<>();
    owner.get(key).ifPresent(node -> flatten(node, out));
    return out;
  }

  private static void flatten(YamlNode node, List<YamlNode.Scalar> out) {
    if (node instanceof YamlNode.Scalar s && s.value() != null) {
      out.add(s);
    } else if (node instanceof YamlNode.Sequence seq) {
      seq.items().forEach(item -> flatten(item, out));
    }
  }

  private static void analyze(
      SourceFile file,
      List<YamlNode.Scalar> session,
      Map<String, String> vars,
      YamlLines yamlLines,
      ShellAnalysis.Memory memory,
      Facts facts) {
    if (session.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    List<Integer> lineOfRow = new ArrayList<>();
    for (YamlNode.Scalar s : session) {
      int first = yamlLines.contentLine(s);
      String[] rows = s.value().split("\n", -1);
      for (int r = 0; r < rows.length; r++) {
        text.append(rows[r]).append('\n');
        lineOfRow.add(first + r);
      }
    }
    if (!RepoFiles.mentionsImageTool(text.toString())) {
      return;
    }
    Map<String, String> variables = new LinkedHashMap<>(vars);
    variables.put("CI_PROJECT_DIR", String.valueOf(WorkDir.ROOT_MARK));
    int last = lineOfRow.get(lineOfRow.size() - 1);
    ShellSource source =
        new ShellSource(
            text.toString(),
            file.path(),
            row -> row < lineOfRow.size() ? lineOfRow.get(row) : last,
            WorkDir.exactly(RepoPaths.parent(file.path()), ""),
            variables,
            Map.of());
    ShellAnalysis.Result result =
        ShellAnalysis.analyze(source, RepoFiles.exists(file, facts), memory);
    result.builds().forEach(facts.model()::imageBuild);
    result.problems().forEach(facts::problem);
  }
}
