package dev.rootcause.model.app;

import java.util.Locale;
import java.util.Set;

/**
 * The one definition of a health path, used by the readers that judge a health handler, by the link
 * step that judges routes from their statuses, and by the rule that suggests a probe path.
 *
 * <p>A path is a health check when its last segment (a trailing slash ignored, case ignored) names
 * one: {@code /healthz}, {@code /api/health}, {@code /readyz/}. A route string with a method
 * ({@code GET /healthz}) is read the same way. {@code /status} is not a health check, since status
 * pages commonly answer 5xx on purpose to report a degraded dependency, but it is a fine target for
 * a probe, so {@link #isProbeTarget} accepts it too.
 */
public final class HealthPaths {
  private static final Set<String> HEALTH =
      Set.of(
          "health",
          "healthz",
          "healthcheck",
          "health-check",
          "live",
          "livez",
          "liveness",
          "ready",
          "readyz",
          "readiness",
          "ping");

  private HealthPaths() {}

  /**
   * Whether a handler at this path answers health checks, so that failing every call is a fault.
   */
  public static boolean isHealthCheck(String path) {
    return HEALTH.contains(lastSegment(path));
  }

  /** Whether a probe may be pointed at this path: a health check, or a status page. */
  public static boolean isProbeTarget(String path) {
    return isHealthCheck(path) || lastSegment(path).equals("status");
  }

  private static String lastSegment(String path) {
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    int slash = p.lastIndexOf('/');
    return slash < 0 ? "" : p.substring(slash + 1).toLowerCase(Locale.ROOT);
  }
}
