package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an autoscaler cannot compute its metrics, read from its {@code ScalingActive=False} condition
 * or {@code FailedGetResourceMetric} event: a container without the request a utilization target
 * divides by, no metrics API served (no metrics-server), or no metrics for its pods.
 *
 * @param resource the resource named ({@code cpu}); null when none
 * @param container the container without a request; null unless {@link Kind#MISSING_REQUEST}
 */
public record MetricsFailure(Kind kind, String resource, String container) implements Serializable {
  private static final Set<String> REASONS =
      Set.of(
          "FailedGetResourceMetric",
          "FailedGetContainerResourceMetric",
          "FailedGetPodsMetric",
          "FailedGetObjectMetric",
          "FailedGetExternalMetric",
          "FailedComputeMetricsReplicas",
          "InvalidMetricSourceType");
  private static final Pattern MISSING =
      Pattern.compile("missing request for (\\w+)(?: in container ([\\w.-]+))?");

  /** What keeps the autoscaler blind. */
  public enum Kind {
    MISSING_REQUEST,
    NO_METRICS_API,
    NO_METRICS_FOR_PODS,
    OTHER
  }

  /** The failure the reason and message tell, or null when they tell none. */
  public static MetricsFailure of(String reason, String message) {
    if (reason == null || !REASONS.contains(reason)) {
      return null;
    }
    String text = message == null ? "" : message;
    Matcher m = MISSING.matcher(text);
    if (m.find()) {
      return new MetricsFailure(Kind.MISSING_REQUEST, m.group(1), m.group(2));
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("unable to fetch metrics from resource metrics api")
        || lower.contains("metrics.k8s.io")
        || lower.contains("no metrics api")) {
      return new MetricsFailure(Kind.NO_METRICS_API, null, null);
    }
    if (lower.contains("did not receive metrics") || lower.contains("no metrics returned")) {
      return new MetricsFailure(Kind.NO_METRICS_FOR_PODS, null, null);
    }
    return new MetricsFailure(Kind.OTHER, null, null);
  }
}
