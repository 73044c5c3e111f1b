package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * A NetworkPolicy. A policy with {@code Ingress} in its types and no ingress rules denies all
 * ingress to the pods it selects; each rule allows traffic from its peers on its ports.
 */
public record NetworkPolicy(
    ObjectMeta meta,
    LabelSelector podSelector,
    boolean restrictsIngress,
    boolean restrictsEgress,
    List<Rule> ingress,
    List<Rule> egress)
    implements java.io.Serializable {

  public NetworkPolicy {
    ingress = List.copyOf(ingress);
    egress = List.copyOf(egress);
  }

  /**
   * One ingress or egress rule; empty {@code peers} means any peer, empty {@code ports} any port.
   */
  public record Rule(List<Peer> peers, List<PortRef> ports, SourceLocation location)
      implements java.io.Serializable {
    public Rule {
      peers = List.copyOf(peers);
      ports = List.copyOf(ports);
    }
  }

  /**
   * A peer: pods by selector (in this namespace, or in namespaces matched by {@code
   * namespaceSelector}), or an IP block.
   */
  public record Peer(
      LabelSelector podSelector,
      LabelSelector namespaceSelector,
      String ipBlock,
      SourceLocation location)
      implements java.io.Serializable {}
}
