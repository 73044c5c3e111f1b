package dev.rootcause.model.k8s;

import dev.rootcause.model.SystemModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * What the API server's admission sees of a workload's pods in its namespace: each container's
 * requests and limits after LimitRange defaults, and how many pods the workload creates at least
 * (the count a quota is charged for).
 */
public final class Admission {
  private Admission() {}

  /** One of a pod's quota resources: {@code requests.cpu}, {@code limits.memory}... */
  public enum Resource {
    REQUESTS_CPU("requests.cpu", true, false),
    REQUESTS_MEMORY("requests.memory", false, false),
    LIMITS_CPU("limits.cpu", true, true),
    LIMITS_MEMORY("limits.memory", false, true);

    private final String key;
    private final boolean cpu;
    private final boolean limit;

    Resource(String key, boolean cpu, boolean limit) {
      this.key = key;
      this.cpu = cpu;
      this.limit = limit;
    }

    public String key() {
      return key;
    }

    public boolean cpu() {
      return cpu;
    }

    public boolean limit() {
      return limit;
    }

    /** The resource a quota key names: plain {@code cpu} and {@code memory} mean requests. */
    public static Optional<Resource> ofQuotaKey(String key) {
      return switch (key) {
        case "requests.cpu", "cpu" -> Optional.of(REQUESTS_CPU);
        case "requests.memory", "memory" -> Optional.of(REQUESTS_MEMORY);
        case "limits.cpu" -> Optional.of(LIMITS_CPU);
        case "limits.memory" -> Optional.of(LIMITS_MEMORY);
        default -> Optional.empty();
      };
    }

    /** How kubectl prints an amount of it: {@code 1500m}, {@code 2}, {@code 768Mi}. */
    public String format(BigDecimal amount) {
      if (cpu) {
        BigDecimal milli = amount.multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.UP);
        return milli.remainder(BigDecimal.valueOf(1000)).signum() == 0
            ? milli.divide(BigDecimal.valueOf(1000)).toPlainString()
            : milli.toPlainString() + "m";
      }
      return Quantity.humanBytes(amount.longValue());
    }
  }

  /**
   * A container's amount of {@code r} once admitted: as written; a missing request takes the limit,
   * then the LimitRange's defaultRequest, then its default limit; a missing limit takes the
   * LimitRange default. Empty when nothing sets it.
   */
  public static Optional<BigDecimal> amount(Container c, Resource r, List<LimitRange> limitRanges) {
    ResourceSpec spec = c.resources();
    String name = r.cpu() ? "cpu" : "memory";
    ResourceSpec.Value limit = r.cpu() ? spec.cpuLimit() : spec.memoryLimit();
    Optional<BigDecimal> defaultLimit =
        limitRanges.stream()
            .map(l -> l.defaultLimit().get(name))
            .filter(v -> v != null)
            .findFirst()
            .map(v -> v.quantity().value());
    Optional<BigDecimal> admittedLimit =
        limit != null ? Optional.of(limit.quantity().value()) : defaultLimit;
    if (r.limit()) {
      return admittedLimit;
    }
    ResourceSpec.Value request = r.cpu() ? spec.cpuRequest() : spec.memoryRequest();
    if (request != null) {
      return Optional.of(request.quantity().value());
    }
    if (limit != null) {
      return Optional.of(limit.quantity().value());
    }
    return limitRanges.stream()
        .map(l -> l.defaultRequest().get(name))
        .filter(v -> v != null)
        .findFirst()
        .map(v -> v.quantity().value())
        .or(() -> defaultLimit);
  }

  /** The pod's total of {@code r} (app containers summed, init containers' largest). */
  public static BigDecimal perPod(Workload w, Resource r, List<LimitRange> limitRanges) {
    BigDecimal sum = BigDecimal.ZERO;
    for (Container c : w.containers()) {
      sum = sum.add(amount(c, r, limitRanges).orElse(BigDecimal.ZERO));
    }
    for (Container c : w.initContainers()) {
      sum = sum.max(amount(c, r, limitRanges).orElse(BigDecimal.ZERO));
    }
    return sum;
  }

  /**
   * The fewest pods the workload keeps at once: replicas (or an HPA's minReplicas), 1 for a Pod or
   * Job, the nodes shown for a DaemonSet (1 when none are), 0 for a CronJob between runs.
   */
  public static int pods(SystemModel model, Workload w) {
    if (Scaling.scalable(w)) {
      return Scaling.minReplicas(model, w).orElse(1);
    }
    return switch (w.kind()) {
      case "CronJob" -> 0;
      case "DaemonSet" -> Math.max(1, model.kube().nodes().size());
      default -> 1;
    };
  }
}
