package dev.rootcause.model;

import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvFromSource;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which groups of manifests are one system. A repository of independent exercises (sibling folders,
 * each with its own manifests) deploys each on its own: one exercise's NetworkPolicy or Service
 * must not select another's pods, nor its env name another's Service. Two groups are one system
 * when one of them refers to something it does not hold itself and the other holds it: a selector
 * that selects nothing at home but pods there, a host, ConfigMap, Secret, Ingress or HPA target
 * named there only, an image only the other's build produces. A reference that resolves at home
 * never joins, so look-alike exercises stay apart while a {@code policies/} folder that selects the
 * {@code services/} folder's pods joins it.
 */
public final class SystemBoundaries {
  private SystemBoundaries() {}

  /**
   * The groups joined into systems, each a list of group keys in the order given; {@code groups}
   * maps each key to the model of that group alone (with what all groups share).
   */
  public static List<List<String>> join(Map<String, SystemModel> groups) {
    List<String> keys = new ArrayList<>(groups.keySet());
    Map<String, String> parent = new HashMap<>();
    keys.forEach(k -> parent.put(k, k));
    for (String g : keys) {
      SystemModel home = groups.get(g);
      for (String h : keys) {
        if (!g.equals(h) && refersTo(home, groups.get(h))) {
          parent.put(root(parent, g), root(parent, h));
        }
      }
    }
    Map<String, List<String>> systems = new LinkedHashMap<>();
    keys.forEach(k -> systems.computeIfAbsent(root(parent, k), r -> new ArrayList<>()).add(k));
    return List.copyOf(systems.values());
  }

  private static String root(Map<String, String> parent, String k) {
    String r = k;
    while (!parent.get(r).equals(r)) {
      r = parent.get(r);
    }
    return r;
  }

  /** Whether {@code home} names something it lacks and {@code other} has. */
  static boolean refersTo(SystemModel home, SystemModel other) {
    return home.workloads().isEmpty() && selectsThere(home, other) || namesThere(home, other);
  }

  private static boolean selectsThere(SystemModel home, SystemModel other) {
    for (Service s : home.services()) {
      if (s.routesToPods()
          && home.workloadsSelectedBy(s).isEmpty()
          && !other.workloadsSelectedBy(s).isEmpty()) {
        return true;
      }
    }
    for (NetworkPolicy p : home.networkPolicies()) {
      if (home.workloadsMatching(p.podSelector(), p.meta().namespace()).isEmpty()
          && !other.workloadsMatching(p.podSelector(), p.meta().namespace()).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean namesThere(SystemModel home, SystemModel other) {
    for (HostUse use : home.hostUses()) {
      String host = use.reference().host();
      if (SystemModel.looksLikeClusterHost(host)
          && home.serviceForHost(host, use.namespace()).isEmpty()
          && other.serviceForHost(host, use.namespace()).isPresent()) {
        return true;
      }
    }
    for (Ingress i : home.ingresses()) {
      for (Ingress.Backend b : i.backends()) {
        if (b.serviceName() != null
            && lacks(
                home,
                other,
                m -> m.serviceForHost(b.serviceName(), i.meta().namespace()).isPresent())) {
          return true;
        }
      }
    }
    for (Autoscaler a : home.autoscalers()) {
      if (a.targetName() != null
          && lacks(
              home,
              other,
              m -> m.workload(a.targetKind(), a.meta().namespace(), a.targetName()).isPresent())) {
        return true;
      }
    }
    for (Workload w : home.workloads()) {
      for (Container c : w.allContainers().toList()) {
        if (refersTo(home, other, w, c)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean refersTo(SystemModel home, SystemModel other, Workload w, Container c) {
    String ns = w.meta().namespace();
    for (EnvVar env : c.env()) {
      EnvVar.ValueSource from = env.valueFrom();
      if (from != null && from.objectName() != null && isConfig(from.kind())) {
        boolean secret = from.kind().equals(EnvVar.ValueSource.SECRET);
        if (lacks(home, other, m -> m.config(secret, ns, from.objectName()).isPresent())) {
          return true;
        }
      }
    }
    for (EnvFromSource from : c.envFrom()) {
      boolean secret = EnvVar.ValueSource.SECRET.equals(from.kind());
      if (from.objectName() != null
          && lacks(home, other, m -> m.config(secret, ns, from.objectName()).isPresent())) {
        return true;
      }
    }
    return c.image() != null
        && !c.image().isTemplated()
        && lacks(home, other, m -> !m.buildsProducing(c.image()).isEmpty());
  }

  private static boolean isConfig(String kind) {
    return EnvVar.ValueSource.CONFIG_MAP.equals(kind) || EnvVar.ValueSource.SECRET.equals(kind);
  }

  private static boolean lacks(SystemModel home, SystemModel other, Predicate<SystemModel> has) {
    return !has.test(home) && has.test(other);
  }
}
