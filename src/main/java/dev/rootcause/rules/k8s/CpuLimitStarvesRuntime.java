package dev.rootcause.rules.k8s;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Runtime;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * A CPU limit of a few millicores throttles a runtime that must load classes, JIT-compile or parse
 * its code before it listens: start-up stretches to minutes and probes time out. Each runtime has a
 * floor (read from the image, the Dockerfile's base, or the app's language); any serving container
 * below the absolute floor (2m, 5m) is starved whatever it runs.
 */
@RuleSpec(
    id = "k8s/cpu-limit-starves-runtime",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "CPU limit is far too low for the container's runtime to start and serve",
    symptom =
        "start-up takes minutes under CFS throttling; probes fail with \"context deadline"
            + " exceeded\" and the kubelet restarts the container (CrashLoopBackOff), or it stays"
            + " 0/1 Ready",
    fix =
        "Raise limits.cpu well above the runtime's floor (1000m for a JVM, twice the floor for"
            + " others), or drop the CPU limit and keep requests.cpu.",
    thresholds = {
      @RuleSpec.Threshold(name = "jvmMilli", value = 250, description = "floor for the JVM"),
      @RuleSpec.Threshold(name = "dotnetMilli", value = 100, description = "floor for .NET"),
      @RuleSpec.Threshold(name = "nodeMilli", value = 50, description = "floor for Node.js"),
      @RuleSpec.Threshold(name = "pythonMilli", value = 50, description = "floor for Python"),
      @RuleSpec.Threshold(name = "rubyMilli", value = 50, description = "floor for Ruby"),
      @RuleSpec.Threshold(name = "anyMilli", value = 10, description = "floor for any server"),
    })
public final class CpuLimitStarvesRuntime implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    ResourceSpec.Value limit = container.resources().cpuLimit();
    if (limit == null || container.init()) {
      return;
    }
    long milli = limit.quantity().value().multiply(BigDecimal.valueOf(1000)).longValue();
    Optional<SystemModel.RuntimeEvidence> runtime = ctx.model().runtimeOf(container);
    String threshold = runtime.map(r -> threshold(r.runtime())).orElse("anyMilli");
    long floor = Math.max(ctx.threshold(threshold), ctx.threshold("anyMilli"));
    boolean serves = !container.ports().isEmpty() || !container.probes().isEmpty();
    if (milli >= floor || !serves && runtime.isEmpty()) {
      return;
    }
    String what = runtime.map(r -> "a " + r.runtime().title() + " container").orElse("a server");
    var finding =
        ctx.report(
            limit.location(),
            "limits.cpu "
                + limit.quantity()
                + " for "
                + what
                + ": the kernel lets it run "
                + percent(milli)
                + " of one core, so start-up and every probe crawl (floor "
                + floor
                + "m)");
    runtime.ifPresent(
        r ->
            finding
                .related(r.location(), r.runtime().title() + " runtime: " + r.basis())
                .confidence(r.confidence()));
    if (runtime.isEmpty()) {
      finding.confidence(Confidence.LIKELY);
    }
    long suggested = runtime.map(r -> r.runtime() == Runtime.JVM ? 1000L : 2 * floor).orElse(100L);
    finding.fix(
        "Raise limits.cpu of container "
            + container.name()
            + " to at least "
            + suggested
            + "m (or remove the CPU limit and keep requests.cpu).");
  }

  private static String percent(long milli) {
    return milli >= 10 ? milli / 10 + "%" : (milli / 10.0) + "%";
  }

  private static String threshold(Runtime runtime) {
    return switch (runtime) {
      case JVM -> "jvmMilli";
      case DOTNET -> "dotnetMilli";
      case NODE -> "nodeMilli";
      case PYTHON -> "pythonMilli";
      case RUBY, PHP -> "rubyMilli";
      case GO, NGINX -> "anyMilli";
    };
  }
}
