package dev.rootcause.collect.k8s;

import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.model.k8s.NodeShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nodes of a local cluster config a lab ships: kind ({@code kind: Cluster}, {@code
 * kind.x-k8s.io}) and k3d ({@code kind: Simple}, {@code k3d.io}). Their capacity is the host's
 * (unknown); labels and taints come from the config, including kind's kubeadm patches ({@code
 * node-labels}, {@code register-with-taints}) and k3d's {@code nodeLabels} and {@code
 * --node-taint}.
 */
final class ClusterConfigReader {
  static final String CONTROL_PLANE = "node-role.kubernetes.io/control-plane";
  private static final String OS = "kubernetes.io/os";
  private static final Pattern NODE_LABELS =
      Pattern.compile("node-labels[\"']?\\s*(?:[:=]|\\n\\s*value:)\\s*[\"']?([^\"'\\n]*)");
  private static final Pattern TAINTS =
      Pattern.compile("register-with-taints[\"']?\\s*(?:[:=]|\\n\\s*value:)\\s*[\"']?([^\"'\\n]*)");
  private static final Pattern NODE_TAINT = Pattern.compile("--node-taint[= ]\\s*(\\S+)");

  private ClusterConfigReader() {}

  static boolean isClusterConfig(Mapping object) {
    String api = String.valueOf(object.string("apiVersion"));
    return api.startsWith("kind.x-k8s.io/") && "Cluster".equals(object.string("kind"))
        || api.startsWith("k3d.io/") && "Simple".equals(object.string("kind"));
  }

  static List<NodeShape> nodes(Mapping config) {
    return String.valueOf(config.string("apiVersion")).startsWith("kind.x-k8s.io/")
        ? kind(config)
        : k3d(config);
  }

  private static List<NodeShape> kind(Mapping config) {
    String cluster = Optional.ofNullable(config.string("name")).orElse("kind");
    List<Mapping> declared = config.maps("nodes");
    boolean workers = declared.stream().anyMatch(n -> "worker".equals(n.string("role")));
    List<NodeShape> out = new ArrayList<>();
    if (declared.isEmpty()) {
      out.add(
          new NodeShape(
              cluster + "-control-plane",
              Map.of(CONTROL_PLANE, "", OS, "linux"),
              List.of(),
              null,
              null,
              "kind cluster " + cluster,
              true,
              config.location()));
      return out;
    }
    int workerIndex = 0;
    int planeIndex = 0;
    for (Mapping n : declared) {
      boolean plane = !"worker".equals(n.string("role"));
      String name =
          cluster
              + (plane ? "-control-plane" : "-worker")
              + suffix(plane ? planeIndex++ : workerIndex++);
      Map<String, String> labels = new LinkedHashMap<>(n.stringMap("labels"));
      labels.put(OS, "linux");
      List<NodeShape.Taint> taints = new ArrayList<>();
      if (plane) {
        labels.put(CONTROL_PLANE, "");
        if (workers) {
          // kind keeps kubeadm's control-plane taint only when workers exist to run pods.
          taints.add(new NodeShape.Taint(CONTROL_PLANE, null, "NoSchedule"));
        }
      }
      boolean known = true;
      for (String patch : n.strings("kubeadmConfigPatches")) {
        known &= readPatch(patch, labels, taints);
      }
      out.add(
          new NodeShape(
              name, labels, taints, null, null, "kind node " + name, known, n.location()));
    }
    return out;
  }

  private static String suffix(int index) {
    return index == 0 ? "" : String.valueOf(index + 1);
  }

  /** Reads labels and taints from a kubeadm patch; false when it sets labels not understood. */
  private static boolean readPatch(
      String patch, Map<String, String> labels, List<NodeShape.Taint> taints) {
    Matcher m = NODE_LABELS.matcher(patch);
    boolean understood = !patch.contains("node-labels");
    while (m.find()) {
      understood = true;
      for (String pair : m.group(1).trim().split(",")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        } else if (!pair.isBlank()) {
          labels.put(pair.trim(), "");
        }
      }
    }
    Matcher t = TAINTS.matcher(patch);
    while (t.find()) {
      for (String taint : t.group(1).trim().split(",")) {
        parseTaint(taint).ifPresent(taints::add);
      }
    }
    return understood;
  }

  /** {@code key=value:Effect} or {@code key:Effect}. */
  static Optional<NodeShape.Taint> parseTaint(String text) {
    String s = text.trim();
    int colon = s.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String effect = s.substring(colon + 1);
    String kv = s.substring(0, colon);
    int eq = kv.indexOf('=');
    return Optional.of(
        new NodeShape.Taint(
            eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? null : kv.substring(eq + 1), effect));
  }

  private static List<NodeShape> k3d(Mapping config) {
    String cluster = config.path("metadata").map(m -> m.string("name")).orElse("k3s-default");
    int servers = config.integer("servers").orElse(1);
    int agents = config.integer("agents").orElse(0);
    List<String> names = new ArrayList<>();
    List<Map<String, String>> labels = new ArrayList<>();
    List<List<NodeShape.Taint>> taints = new ArrayList<>();
    for (int i = 0; i < servers + agents; i++) {
      boolean server = i < servers;
      names.add((server ? "server:" : "agent:") + (server ? i : i - servers));
      Map<String, String> l = new LinkedHashMap<>();
      l.put(OS, "linux");
      if (server) {
        l.put(CONTROL_PLANE, "true");
        l.put("node-role.kubernetes.io/master", "true");
      }
      labels.add(l);
      taints.add(new ArrayList<>());
    }
    Optional<Mapping> k3s = config.path("options", "k3s");
    for (Mapping label : k3s.map(k -> k.maps("nodeLabels")).orElse(List.of())) {
      String pair = String.valueOf(label.string("label"));
      int eq = pair.indexOf('=');
      for (int i : matching(label.strings("nodeFilters"), names)) {
        labels
            .get(i)
            .put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
      }
    }
    for (Mapping arg : k3s.map(k -> k.maps("extraArgs")).orElse(List.of())) {
      Matcher m = NODE_TAINT.matcher(String.valueOf(arg.string("arg")));
      if (m.find()) {
        Optional<NodeShape.Taint> taint = parseTaint(m.group(1));
        for (int i : matching(arg.strings("nodeFilters"), names)) {
          taint.ifPresent(taints.get(i)::add);
        }
      }
    }
    List<NodeShape> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = "k3d-" + cluster + "-" + names.get(i).replace(':', '-');
      out.add(
          new NodeShape(
              name,
              labels.get(i),
              taints.get(i),
              null,
              null,
              "k3d node " + name,
              true,
              config.location()));
    }
    return out;
  }

  /** Indexes of the nodes a k3d node filter names: all, server:*, agent:0, agent:0,1, agent:0-2. */
  private static List<Integer> matching(List<String> filters, List<String> names) {
    List<Integer> out = new ArrayList<>();
    List<String> effective = filters.isEmpty() ? List.of("all") : filters;
    for (int i = 0; i < names.size(); i++) {
      String role = names.get(i).substring(0, names.get(i).indexOf(':'));
      int index = Integer.parseInt(names.get(i).substring(role.length() + 1));
      for (String f : effective) {
        if (selects(f.trim(), role, index)) {
          out.add(i);
          break;
        }
      }
    }
    return out;
  }

  private static boolean selects(String filter, String role, int index) {
    if (filter.equals("all")) {
      return true;
    }
    String f = filter.contains("[") ? filter.replace("[", ":").replace("]", "") : filter;
    int colon = f.indexOf(':');
    String fRole = colon < 0 ? f : f.substring(0, colon);
    if (!fRole.equals(role) && !fRole.equals(role + "s")) {
      return false;
    }
    String which = colon < 0 ? "*" : f.substring(colon + 1);
    if (which.equals("*") || which.isEmpty()) {
      return true;
    }
    for (String part : which.split(",")) {
      int dash = part.indexOf('-');
      try {
        if (dash > 0
            ? index >= Integer.parseInt(part.substring(0, dash).trim())
                && index <= Integer.parseInt(part.substring(dash + 1).trim())
            : index == Integer.parseInt(part.trim())) {
          return true;
        }
      } catch (NumberFormatException e) {
        return true; // a filter we cannot read: assume it may select this node
      }
    }
    return false;
  }
}
