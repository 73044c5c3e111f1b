package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Without requests the scheduler packs blindly and HPA utilization is undefined; without a memory
 * limit one leak takes the node.
 */
@RuleSpec(
    id = "k8s/missing-resources",
    severity = Severity.LOW,
    kind = FindingKind.HARDENING,
    summary = "Container sets no memory limit or no CPU/memory requests",
    symptom =
        "evictions and noisy neighbours under load; HPA utilization metrics cannot be computed",
    fix =
        "Set resources.requests (cpu, memory) from measured usage and a memory limit above the peak.")
public final class MissingResources implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    ResourceSpec r = container.resources();
    List<String> missing = new ArrayList<>();
    // An unset request defaults to the limit (the API server copies it), as for memory below.
    if (r.cpuRequest() == null && r.cpuLimit() == null) {
      missing.add("requests.cpu");
    }
    if (r.memoryRequest() == null && r.memoryLimit() == null) {
      missing.add("requests.memory");
    }
    if (r.memoryLimit() == null) {
      missing.add("limits.memory");
    }
    if (missing.isEmpty()) {
      return;
    }
    ctx.report(
        r.location() != null ? r.location() : container.location(),
        "container " + container.name() + " sets no " + String.join(", ", missing));
  }
}
