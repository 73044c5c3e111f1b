package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;

/**
 * Events about one object for one reason, aggregated: how often they were seen, first and last, and
 * the latest message ({@code Back-off pulling image ...}, {@code Liveness probe failed: ...}).
 *
 * @param kind the involved object's kind ({@code Pod}, {@code ReplicaSet})
 * @param fieldPath the part of the object the events are about ({@code spec.containers{api}}), or
 *     null
 * @param type {@code Normal} or {@code Warning}
 * @param firstSeen null when the events carry no time
 * @param lastSeen null when the events carry no time
 */
public record ClusterEvent(
    String namespace,
    String kind,
    String name,
    String fieldPath,
    String type,
    String reason,
    String message,
    int count,
    Instant firstSeen,
    Instant lastSeen)
    implements Serializable {

  /** Whether the event is about the container of that name (or about its pod as a whole). */
  public boolean aboutContainer(String container) {
    return fieldPath == null || fieldPath.isEmpty() || fieldPath.endsWith("{" + container + "}");
  }

  /** The probe failure this event reports, or null when it reports none. */
  public ProbeFailure probeFailure() {
    return ProbeFailure.of(reason, message);
  }

  /** Why an image pull failed, as this event tells it, or null when it tells no pull failure. */
  public PullFailure pullFailure() {
    return PullFailure.of(reason, message);
  }

  /** Whether the kubelet killed the container because its liveness probe failed. */
  public boolean livenessKill() {
    return "Killing".equals(reason) && message != null && message.contains("failed liveness probe");
  }

  /** {@code 12x Unhealthy (16:48:05 to 16:51:35)}: how the event is quoted as evidence. */
  public String summary() {
    return count
        + "x "
        + reason
        + (firstSeen == null || lastSeen == null ? "" : " (" + firstSeen + " to " + lastSeen + ")")
        + ": "
        + message;
  }
}
