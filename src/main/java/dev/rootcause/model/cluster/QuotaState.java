package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.Map;

/**
 * A ResourceQuota: its hard limits and what is used of them, as written ({@code pods: 10}, {@code
 * requests.cpu: 2}).
 */
public record QuotaState(
    String namespace, String name, Map<String, String> hard, Map<String, String> used)
    implements Serializable {

  public QuotaState {
    hard = Map.copyOf(hard);
    used = Map.copyOf(used);
  }
}
