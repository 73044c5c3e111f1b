package dev.rootcause.model.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Pod Security Standards as the admission plugin enforces them on a namespace labelled {@code
 * pod-security.kubernetes.io/enforce: baseline|restricted}, with its own wording of each violation
 * ({@code allowPrivilegeEscalation != false (container "app" must set ...)}).
 */
public final class PodSecurity {
  public static final String ENFORCE = "pod-security.kubernetes.io/enforce";
  public static final String ENFORCE_VERSION = "pod-security.kubernetes.io/enforce-version";

  private static final Set<String> BASELINE_CAPABILITIES =
      Set.of(
          "AUDIT_WRITE",
          "CHOWN",
          "DAC_OVERRIDE",
          "FOWNER",
          "FSETID",
          "KILL",
          "MKNOD",
          "NET_BIND_SERVICE",
          "SETFCAP",
          "SETGID",
          "SETPCAP",
          "SETUID",
          "SYS_CHROOT");

  private PodSecurity() {}

  /** The enforced level of a namespace's labels: baseline or restricted; empty for privileged. */
  public static Optional<String> enforced(Map<String, String> namespaceLabels) {
    String level = namespaceLabels.get(ENFORCE);
    return "baseline".equals(level) || "restricted".equals(level)
        ? Optional.of(level)
        : Optional.empty();
  }

  /** The violations of {@code level}, each as the admission message words it, in its order. */
  public static List<String> violations(Workload w, PodDetails.Privileges p, String level) {
    // check name -> (what, containers) so several containers share one entry, as kube prints it
    Map<String, List<String>> byCheck = new LinkedHashMap<>();
    List<String> out = new ArrayList<>();
    List<String> hostNs = new ArrayList<>();
    if (p.hostNetwork()) {
      hostNs.add("hostNetwork=true");
    }
    if (p.hostPid()) {
      hostNs.add("hostPID=true");
    }
    if (p.hostIpc()) {
      hostNs.add("hostIPC=true");
    }
    if (!hostNs.isEmpty()) {
      out.add("host namespaces (" + String.join(", ", hostNs) + ")");
    }
    for (PodDetails.ContainerPrivileges c : p.containers()) {
      if (Boolean.TRUE.equals(c.privileged())) {
        add(byCheck, "privileged|must not set securityContext.privileged=true", c.name());
      }
      for (String cap : c.capabilitiesAdd()) {
        if (!BASELINE_CAPABILITIES.contains(cap)) {
          add(
              byCheck,
              "capabilities|must not include \"" + cap + "\" in securityContext.capabilities.add",
              c.name());
        }
      }
    }
    if (!p.hostPathVolumes().isEmpty()) {
      byCheck.put("hostPath volumes|", quoted(p.hostPathVolumes()));
    }
    for (PodDetails.ContainerPrivileges c : p.containers()) {
      for (int port : c.hostPorts()) {
        add(byCheck, "hostPort|uses hostPort " + port, c.name());
      }
    }
    boolean podUnconfined = "Unconfined".equals(p.seccomp());
    if (podUnconfined) {
      out.add(
          "seccompProfile (pod must not set securityContext.seccompProfile.type to"
              + " \"Unconfined\")");
    }
    for (PodDetails.ContainerPrivileges c : p.containers()) {
      if ("Unconfined".equals(c.seccomp())) {
        add(
            byCheck,
            "seccompProfile|must not set securityContext.seccompProfile.type to"
                + " \"Unconfined\"",
            c.name());
      }
    }
    if (level.equals("restricted")) {
      restricted(w, p, byCheck);
    }
    byCheck.forEach((key, names) -> out.add(describe(key, names)));
    return out;
  }

  private static void restricted(
      Workload w, PodDetails.Privileges p, Map<String, List<String>> byCheck) {
    for (PodDetails.ContainerPrivileges c : p.containers()) {
      if (!Boolean.FALSE.equals(c.allowPrivilegeEscalation())) {
        add(
            byCheck,
            "allowPrivilegeEscalation != false|must set"
                + " securityContext.allowPrivilegeEscalation=false",
            c.name());
      }
    }
    for (PodDetails.ContainerPrivileges c : p.containers()) {
      if (!c.capabilitiesDrop().contains("ALL")) {
        add(
            byCheck,
            "unrestricted capabilities|must set securityContext.capabilities.drop=" + "[\"ALL\"]",
            c.name());
      }
      for (String cap : c.capabilitiesAdd()) {
        if (!cap.equals("NET_BIND_SERVICE") && BASELINE_CAPABILITIES.contains(cap)) {
          add(
              byCheck,
              "unrestricted capabilities|must not include \""
                  + cap
                  + "\" in securityContext.capabilities.add",
              c.name());
        }
      }
    }
    for (Container c : w.allContainers().toList()) {
      SecuritySettings s = w.securityOf(c);
      if (!Boolean.TRUE.equals(s.runAsNonRoot())) {
        add(
            byCheck,
            "runAsNonRoot != true|pod or container must set" + " securityContext.runAsNonRoot=true",
            c.name());
      }
      if (s.runAsUser() != null && s.runAsUser() == 0) {
        add(byCheck, "runAsUser=0|must not set runAsUser=0", c.name());
      }
    }
    boolean podSeccomp = "RuntimeDefault".equals(p.seccomp()) || "Localhost".equals(p.seccomp());
    for (PodDetails.ContainerPrivileges c : p.containers()) {
      boolean own = "RuntimeDefault".equals(c.seccomp()) || "Localhost".equals(c.seccomp());
      if (!own && (!podSeccomp || c.seccomp() != null)) {
        add(
            byCheck,
            "seccompProfile|pod or container must set"
                + " securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"",
            c.name());
      }
    }
  }

  private static void add(Map<String, List<String>> byCheck, String key, String container) {
    List<String> names = byCheck.computeIfAbsent(key, k -> new ArrayList<>());
    if (!names.contains(container)) {
      names.add(container);
    }
  }

  private static List<String> quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").toList();
  }

  /** {@code check (container "a" must ...)}, {@code (containers "a", "b" must ...)}. */
  private static String describe(String key, List<String> names) {
    int bar = key.indexOf('|');
    String check = key.substring(0, bar);
    String rule = key.substring(bar + 1);
    if (rule.isEmpty()) {
      return check
          + " ("
          + (names.size() == 1 ? "volume " : "volumes ")
          + String.join(", ", names)
          + ")";
    }
    String who = quoted(names).stream().reduce((a, b) -> a + ", " + b).orElse("");
    if (rule.startsWith("pod or container ")) {
      return check
          + " (pod or "
          + (names.size() == 1 ? "container " : "containers ")
          + who
          + " "
          + rule.substring("pod or container ".length())
          + ")";
    }
    return check
        + " ("
        + (names.size() == 1 ? "container " : "containers ")
        + who
        + " "
        + rule
        + ")";
  }
}
