package dev.rootcause.model;

import java.util.Locale;

/**
 * The layer of the system a rule looks at. It is the prefix of every rule id ({@code k8s/...}) and
 * the grouping of the root-cause table in reports, as in the seed reports.
 */
public enum Layer {
  APP("app", "Application"),
  DOCKER("docker", "Docker image"),
  K8S("k8s", "Kubernetes"),
  NETWORK("network", "Network"),
  HPA("hpa", "Autoscaling"),
  BUILD("build", "Build"),
  PIPELINE("pipeline", "Delivery pipeline"),
  RUNTIME("runtime", "Runtime"),
  CROSS("cross", "Across artifacts");

  private final String prefix;
  private final String title;

  Layer(String prefix, String title) {
    this.prefix = prefix;
    this.title = title;
  }

  public String prefix() {
    return prefix;
  }

  public String title() {
    return title;
  }

  /**
   * The layer named by the prefix of a rule id, e.g. {@code k8s} in {@code k8s/missing-resources}.
   */
  public static Layer ofRuleId(String ruleId) {
    int slash = ruleId.indexOf('/');
    String prefix = slash < 0 ? ruleId : ruleId.substring(0, slash);
    for (Layer layer : values()) {
      if (layer.prefix.equals(prefix.toLowerCase(Locale.ROOT))) {
        return layer;
      }
    }
    throw new IllegalArgumentException("rule id '" + ruleId + "' has no known layer prefix");
  }
}
