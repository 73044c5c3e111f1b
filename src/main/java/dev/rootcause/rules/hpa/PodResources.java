package dev.rootcause.rules.hpa;

import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Quantity;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import java.math.BigDecimal;
import java.util.Optional;

/** What an HPA's Resource metrics are measured against: the pods' requests and limits. */
final class PodResources {
  private PodResources() {}

  /** The workload an HPA scales, when the manifests declare it. */
  static Optional<Workload> target(SystemModel model, Autoscaler hpa) {
    if (hpa.targetKind() == null || hpa.targetName() == null) {
      return Optional.empty();
    }
    return model.workload(hpa.targetKind(), hpa.meta().namespace(), hpa.targetName());
  }

  /**
   * A container's request for {@code resource} ({@code cpu} or {@code memory}); an unset request
   * defaults to the limit, as the API server does.
   */
  static ResourceSpec.Value request(Container c, String resource) {
    ResourceSpec r = c.resources();
    ResourceSpec.Value request = resource.equals("cpu") ? r.cpuRequest() : r.memoryRequest();
    return request != null ? request : limit(c, resource);
  }

  static ResourceSpec.Value limit(Container c, String resource) {
    ResourceSpec r = c.resources();
    return resource.equals("cpu") ? r.cpuLimit() : r.memoryLimit();
  }

  /** The sum over the pod's app containers, or empty when one of them sets none. */
  static Optional<BigDecimal> podTotal(Workload w, String resource, boolean limits) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Container c : w.containers()) {
      ResourceSpec.Value v = limits ? limit(c, resource) : request(c, resource);
      if (v == null) {
        return Optional.empty();
      }
      sum = sum.add(v.quantity().value());
    }
    return w.containers().isEmpty() ? Optional.empty() : Optional.of(sum);
  }

  /** {@code 300m} for CPU, {@code 256Mi} for memory. */
  static String format(String resource, BigDecimal value) {
    if (resource.equals("cpu")) {
      return value.movePointRight(3).stripTrailingZeros().toPlainString() + "m";
    }
    return Quantity.humanBytes(value.longValue());
  }

  static boolean isCpuOrMemory(String resource) {
    return "cpu".equals(resource) || "memory".equals(resource);
  }
}
