package dev.rootcause.collect.pipeline;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.pipeline.ContainerRun;
import dev.rootcause.model.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads GitHub Actions workflows ({@code .github/workflows/*.yml}) and GitLab CI files ({@code
 * .gitlab-ci.yml}) into {@link Pipeline}s: one stage per job, one step per command line of each
 * {@code run:}/{@code script:}, and the steps that run only on failure.
 */
public final class WorkflowCollector implements YamlCollector {
  /** Top-level GitLab keys that are not jobs. */
  private static final Set<String> GITLAB_KEYWORDS =
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
          "cache");

  /** Marketplace actions that deploy, when a job deploys through an action instead of a command. */
  private static final List<String> DEPLOY_ACTIONS =
      List.of(
          "azure/k8s-deploy",
          "azure/webapps-deploy",
          "aws-actions/amazon-ecs-deploy-task-definition",
          "google-github-actions/deploy-cloudrun",
          "google-github-actions/deploy-appengine",
          "appleboy/ssh-action",
          "superfly/flyctl-actions",
          "akhileshns/heroku-deploy");

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    String path = file.path();
    boolean actions = path.startsWith(".github/workflows/") || path.contains("/.github/workflows/");
    boolean gitlab = path.endsWith(".gitlab-ci.yml") || path.endsWith(".gitlab-ci.yaml");
    if (!actions && !gitlab
        || documents.isEmpty()
        || !(documents.get(0).root() instanceof Mapping root)) {
      return;
    }
    List<Pipeline.Stage> stages = actions ? actionsJobs(path, root) : gitlabJobs(path, root);
    if (!stages.isEmpty()) {
      List<ContainerRun> runs = new ArrayList<>(DockerRuns.in(stages));
      if (actions) {
        runs.addAll(serviceContainers(root));
      }
      facts
          .model()
          .pipeline(
              new Pipeline(
                  path,
                  actions ? "GitHub Actions" : "GitLab CI",
                  stages,
                  runs,
                  HttpChecks.in(stages),
                  PortForwards.in(stages)));
    }
  }

  private static List<Pipeline.Stage> actionsJobs(String path, Mapping root) {
    List<Pipeline.Stage> stages = new ArrayList<>();
    for (Mapping.Entry job : root.map("jobs").map(m -> m.entries().values()).orElse(List.of())) {
      if (!(job.value() instanceof Mapping spec)) {
        continue;
      }
      List<Pipeline.Step> steps = new ArrayList<>();
      List<Pipeline.Step> onFailure = new ArrayList<>();
      for (Mapping step : spec.maps("steps")) {
        String condition = String.valueOf(step.string("if")).toLowerCase(Locale.ROOT);
        List<Pipeline.Step> sink = condition.contains("failure()") ? onFailure : steps;
        step.scalar("run").ifPresent(run -> sink.addAll(script(path, run)));
        String uses = step.string("uses");
        if (uses != null && DEPLOY_ACTIONS.stream().anyMatch(uses::startsWith)) {
          sink.add(
              new Pipeline.Step(
                  "uses: " + uses, Pipeline.StepKind.DEPLOY, step.locationOf("uses")));
        }
      }
      stages.add(new Pipeline.Stage(job.key(), job.keyLocation(), steps, onFailure));
    }
    return stages;
  }

  /**
   * A job's {@code services:} containers: the runner starts each with its {@code ports:} published
   * on the host, as a {@code docker run -p} would, so a smoke test may reach them on localhost.
   */
  private static List<ContainerRun> serviceContainers(Mapping root) {
    List<ContainerRun> out = new ArrayList<>();
    for (Mapping.Entry job : root.map("jobs").map(m -> m.entries().values()).orElse(List.of())) {
      if (!(job.value() instanceof Mapping spec)) {
        continue;
      }
      for (Mapping.Entry service :
          spec.map("services").map(m -> m.entries().values()).orElse(List.of())) {
        if (!(service.value() instanceof Mapping container) || container.string("image") == null) {
          continue;
        }
        SourceLocation at = container.locationOf("image");
        out.add(
            new ContainerRun(
                ImageRef.parse(container.string("image"), at),
                container.strings("ports").stream()
                    .map(DockerRuns::publish)
                    .flatMap(java.util.Optional::stream)
                    .toList(),
                container.stringMap("env"),
                false,
                false,
                at));
      }
    }
    return out;
  }

  private static List<Pipeline.Stage> gitlabJobs(String path, Mapping root) {
    List<Pipeline.Stage> stages = new ArrayList<>();
    for (Mapping.Entry job : root.entries().values()) {
      if (GITLAB_KEYWORDS.contains(job.key())
          || job.key().startsWith(".")
          || !(job.value() instanceof Mapping spec)
          || !spec.has("script")) {
        continue;
      }
      List<Pipeline.Step> steps = new ArrayList<>();
      for (String key : List.of("before_script", "script", "after_script")) {
        spec.get(key).ifPresent(node -> steps.addAll(lines(path, node)));
      }
      boolean failureOnly = "on_failure".equals(spec.string("when"));
      stages.add(
          failureOnly
              ? new Pipeline.Stage(job.key(), job.keyLocation(), List.of(), steps)
              : new Pipeline.Stage(job.key(), job.keyLocation(), steps, List.of()));
    }
    return stages;
  }

  /** A script given as one string or as a list of strings. */
  private static List<Pipeline.Step> lines(String path, YamlNode node) {
    List<Pipeline.Step> out = new ArrayList<>();
    if (node instanceof YamlNode.Scalar s) {
      out.addAll(script(path, s));
    } else if (node instanceof YamlNode.Sequence seq) {
      for (YamlNode item : seq.items()) {
        if (item instanceof YamlNode.Scalar s) {
          out.addAll(script(path, s));
        }
      }
    }
    return out;
  }

  /**
   * A block scalar's content starts on the line after its {@code |}; a plain one on its own line.
   */
  private static List<Pipeline.Step> script(String path, YamlNode.Scalar run) {
    if (run.value() == null) {
      return List.of();
    }
    SourceLocation at = run.location();
    boolean block = run.value().contains("\n");
    return ShellLines.steps(path, run.value(), block ? at.line() + 1 : at.line());
  }
}
