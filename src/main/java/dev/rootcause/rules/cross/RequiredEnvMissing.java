package dev.rootcause.rules.cross;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.Severity;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.ConfigData;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvFromSource;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Seed 002: the database service exits at start when {@code DB_NAME} is unset, and its Deployment
 * did not set it: CrashLoopBackOff. The env a container gets is its {@code env}, the keys of the
 * ConfigMaps and Secrets it loads with {@code envFrom}, and its image's ENV. When an envFrom source
 * is not in the repository its keys are unknown, and the rule stays silent.
 */
@RuleSpec(
    id = "cross/required-env-missing",
    explains = {"runtime/crash-loop-back-off"},
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Code requires an env var the container does not set",
    symptom = "the process exits at start: CrashLoopBackOff",
    fix =
        "Set the variable in the container's env (or in a ConfigMap or Secret it loads with envFrom).")
public final class RequiredEnvMissing implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (container.init() || !container.command().isEmpty()) {
      return; // a command override may run another program from the same image
    }
    Optional<AppFacts> app = ctx.model().appOf(container);
    if (app.isEmpty()) {
      return;
    }
    Map<String, AppFacts.EnvRead> required = new LinkedHashMap<>();
    for (AppFacts.EnvRead read : app.get().envReads()) {
      if (read.required()) {
        required.putIfAbsent(read.name(), read);
      }
    }
    if (required.isEmpty()) {
      return;
    }
    Set<String> provided = new HashSet<>();
    container.env().stream().map(EnvVar::name).forEach(provided::add);
    for (EnvFromSource from : container.envFrom()) {
      boolean secret = EnvVar.ValueSource.SECRET.equals(from.kind());
      Optional<ConfigData> data =
          ctx.model().config(secret, workload.meta().namespace(), from.objectName());
      if (data.isEmpty()) {
        return; // keys unknown: it may well set the variable
      }
      String prefix = from.prefix() == null ? "" : from.prefix();
      data.get().entries().keySet().forEach(k -> provided.add(prefix + k));
    }
    Optional<ImageSource> source = ctx.model().imageSource(container);
    source
        .map(ImageSource::dockerfile)
        .flatMap(d -> d == null ? Optional.empty() : d.finalStage())
        .map(Stage::env)
        .ifPresent(env -> provided.addAll(env.keySet()));
    Confidence confidence = source.map(ImageSource::confidence).orElse(Confidence.LIKELY);
    List<AppFacts.EnvRead> missing =
        required.values().stream().filter(read -> !provided.contains(read.name())).toList();
    if (missing.isEmpty()) {
      return;
    }
    String names = and(missing.stream().map(AppFacts.EnvRead::name).toList());
    List<String> files = missing.stream().map(r -> r.location().path()).distinct().toList();
    var finding =
        ctx.report(
                container.location(),
                "container "
                    + container.name()
                    + " does not set "
                    + names
                    + ", which "
                    + and(files)
                    + (files.size() == 1 ? " requires" : " require")
                    + ": the process stops when "
                    + (missing.size() == 1 ? "it is" : "one is")
                    + " missing")
            .subject(workload.meta().displayName() + " container " + container.name())
            .confidence(confidence)
            .fix(
                "Add "
                    + names
                    + " to the env of container "
                    + container.name()
                    + " (or to a ConfigMap or Secret it loads with envFrom).");
    for (AppFacts.EnvRead read : missing) {
      finding.related(read.location(), "the code reads " + read.name() + " and stops without it");
    }
  }

  private static String and(List<String> items) {
    if (items.size() == 1) {
      return items.get(0);
    }
    return String.join(", ", items.subList(0, items.size() - 1))
        + " and "
        + items.get(items.size() - 1);
  }
}
