package dev.rootcause.rules;

import dev.rootcause.model.Finding;
import dev.rootcause.model.Location;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.ObjectMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs the enabled rules over a model: iterates each rule's scope, isolates a rule that throws,
 * applies suppressions (object annotations, file comments, config) and severity overrides, and
 * orders the findings for reading (worst first, then by layer and location).
 */
public final class RuleEngine {
  private final List<Rule> rules;
  private final RuleSettings settings;

  public RuleEngine(List<Rule> rules, RuleSettings settings) {
    this.rules = List.copyOf(rules);
    this.settings = settings;
  }

  /** Findings ordered worst first; equal severities by layer, then by where they are. */
  public static final Comparator<Finding> REPORT_ORDER =
      Comparator.comparing(Finding::severity, Comparator.reverseOrder())
          .thenComparing(Finding::layer)
          .thenComparing(f -> f.primary().display())
          .thenComparing(Finding::ruleId)
          .thenComparing(Finding::message);

  /**
   * What the rules said of one model: findings in report order, and what was silenced or crashed.
   */
  public record Outcome(
      List<Finding> findings,
      List<ScanResult.Suppressed> suppressed,
      List<ScanResult.RuleFailure> failures,
      List<RuleInfo> rulesRun) {
    public Outcome {
      findings = List.copyOf(findings);
      suppressed = List.copyOf(suppressed);
      failures = List.copyOf(failures);
      rulesRun = List.copyOf(rulesRun);
    }
  }

  public Outcome run(SystemModel model) {
    List<RuleInfo> ran = new ArrayList<>();
    List<Finding> raw = new ArrayList<>();
    List<ScanResult.RuleFailure> failures = new ArrayList<>();
    for (Rule rule : rules) {
      RuleInfo info = rule.info();
      if (!settings.enabled(info.id()) || !rule.appliesTo(model)) {
        continue;
      }
      ran.add(info);
      runRule(rule, info, model, raw, failures);
    }
    List<Finding> kept = new ArrayList<>();
    List<ScanResult.Suppressed> suppressed = new ArrayList<>();
    Map<String, List<ObjectMeta>> objectsByPath =
        model.objects().stream().collect(Collectors.groupingBy(o -> o.location().path()));
    for (Finding f : new LinkedHashSet<>(raw)) {
      Finding adjusted = settings.severityOf(f.ruleId()).map(f::withSeverity).orElse(f);
      String reason = suppression(adjusted, objectsByPath, model);
      if (reason == null) {
        kept.add(adjusted);
      } else {
        suppressed.add(new ScanResult.Suppressed(adjusted, reason));
      }
    }
    kept.sort(REPORT_ORDER);
    return new Outcome(kept, suppressed, failures, ran);
  }

  private void runRule(
      Rule rule,
      RuleInfo info,
      SystemModel model,
      List<Finding> out,
      List<ScanResult.RuleFailure> failures) {
    switch (rule) {
      case ContainerRule r ->
          model
              .workloads()
              .forEach(
                  w ->
                      w.allContainers()
                          .forEach(
                              c ->
                                  guarded(
                                      info,
                                      model,
                                      w.meta().displayName() + " container " + c.name(),
                                      out,
                                      failures,
                                      ctx -> r.check(w, c, ctx))));
      case WorkloadRule r ->
          model
              .workloads()
              .forEach(
                  w ->
                      guarded(
                          info,
                          model,
                          w.meta().displayName(),
                          out,
                          failures,
                          ctx -> r.check(w, ctx)));
      case ServiceRule r ->
          model
              .services()
              .forEach(
                  s ->
                      guarded(
                          info,
                          model,
                          s.meta().displayName(),
                          out,
                          failures,
                          ctx -> r.check(s, ctx)));
      case AutoscalerRule r ->
          model
              .autoscalers()
              .forEach(
                  a ->
                      guarded(
                          info,
                          model,
                          a.meta().displayName(),
                          out,
                          failures,
                          ctx -> r.check(a, ctx)));
      case NetworkPolicyRule r ->
          model
              .networkPolicies()
              .forEach(
                  p ->
                      guarded(
                          info,
                          model,
                          p.meta().displayName(),
                          out,
                          failures,
                          ctx -> r.check(p, ctx)));
      case DockerfileRule r ->
          model
              .dockerfiles()
              .forEach(d -> guarded(info, model, d.path(), out, failures, ctx -> r.check(d, ctx)));
      case AppRule r ->
          model
              .apps()
              .forEach(
                  a ->
                      guarded(
                          info, model, "app " + a.root(), out, failures, ctx -> r.check(a, ctx)));
      case PipelineRule r ->
          model
              .pipelines()
              .forEach(p -> guarded(info, model, p.path(), out, failures, ctx -> r.check(p, ctx)));
      case SystemRule r -> guarded(info, model, "system", out, failures, r::check);
      case PodRule r ->
          model
              .cluster()
              .ifPresent(
                  cluster ->
                      cluster
                          .podsSeen()
                          .forEach(
                              p ->
                                  guarded(
                                      info,
                                      model,
                                      "Pod " + p.namespace() + "/" + p.name(),
                                      out,
                                      failures,
                                      ctx -> r.check(p, cluster, ctx))));
      case ContainerLogRule r ->
          model
              .cluster()
              .ifPresent(
                  cluster ->
                      cluster
                          .logs()
                          .forEach(
                              l ->
                                  guarded(
                                      info,
                                      model,
                                      l.pod() + "/" + l.container(),
                                      out,
                                      failures,
                                      ctx -> r.check(l, cluster, ctx))));
    }
  }

  private void guarded(
      RuleInfo info,
      SystemModel model,
      String subject,
      List<Finding> out,
      List<ScanResult.RuleFailure> failures,
      Consumer<RuleContext> check) {
    RuleContext ctx = new RuleContext(model, info, settings, subject);
    try {
      check.accept(ctx);
      out.addAll(ctx.findings());
    } catch (RuntimeException e) {
      // One broken rule must not hide every other finding: record it and go on.
      failures.add(new ScanResult.RuleFailure(info.id(), subject, String.valueOf(e)));
    }
  }

  /** Why a finding is silenced, or null: annotations on the enclosing object, then comments. */
  private static String suppression(
      Finding f, Map<String, List<ObjectMeta>> objectsByPath, SystemModel model) {
    Location primary = f.primary();
    if (!(primary instanceof SourceLocation where)) {
      return null;
    }
    for (ObjectMeta meta : objectsByPath.getOrDefault(where.path(), List.of())) {
      if (meta.encloses(where)) {
        Set<String> ignored = meta.ignoredRules();
        if (ignored.contains(f.ruleId()) || ignored.contains("*")) {
          return ObjectMeta.IGNORE_ANNOTATION
              + " annotation on "
              + meta.displayName()
              + " ("
              + meta.location().display()
              + ")";
        }
      }
    }
    return model.suppressions().reason(f.ruleId(), where);
  }
}
