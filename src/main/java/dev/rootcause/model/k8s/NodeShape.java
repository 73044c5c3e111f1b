package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Map;

/**
 * A node the repository shows: a {@code Node} object (kubectl output) or a node of a kind or k3d
 * cluster config. {@code cpu}/{@code memory} are its allocatable capacity, null when the source
 * does not say (a kind node has the host's). {@code source} names where it comes from; {@code
 * labelsKnown} is false when the source sets labels this model could not read (a node then matches
 * any selector).
 */
public record NodeShape(
    String name,
    Map<String, String> labels,
    List<Taint> taints,
    Quantity cpu,
    Quantity memory,
    String source,
    boolean labelsKnown,
    SourceLocation location)
    implements KubeFact {

  public NodeShape {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
  }

  /** A node taint: {@code key=value:NoSchedule}. */
  public record Taint(String key, String value, String effect) implements java.io.Serializable {

    /** Whether it keeps new pods off the node (PreferNoSchedule only discourages). */
    public boolean repels() {
      return "NoSchedule".equals(effect) || "NoExecute".equals(effect);
    }

    @Override
    public String toString() {
      return "{" + key + ": " + (value == null ? "" : value) + "}";
    }
  }
}
