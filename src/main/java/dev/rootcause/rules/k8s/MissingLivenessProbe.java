package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Seed 000: "no automatic restart if container crashed": the deployment had no liveness probe. A
 * container that serves nothing (it only idles, or declares no port and no Service routes to it)
 * has nothing for a probe to check.
 */
@RuleSpec(
    id = "k8s/missing-liveness-probe",
    severity = Severity.MEDIUM,
    kind = FindingKind.HARDENING,
    summary = "Long-running container has no liveness probe",
    symptom = "a hung process keeps its pod Running and serving errors; nothing restarts it",
    fix =
        "Add a livenessProbe on a cheap endpoint that fails only when the process must be restarted.")
public final class MissingLivenessProbe implements ContainerRule {
  private static final Set<String> SHELLS =
      Set.of("sh", "bash", "ash", "/bin/sh", "/bin/bash", "/bin/ash", "/usr/bin/env");

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    if (container.init()
        || workload.runsToCompletion()
        || container.liveness() != null
        || idles(container)
        || servesNothing(workload, container, ctx.model())) {
      return;
    }
    ctx.report(container.location(), "container " + container.name() + " has no livenessProbe");
  }

  /**
   * The command only waits: {@code sleep infinity}, {@code tail -f /dev/null} or {@code while true;
   * do sleep 30; done}, alone or as the whole {@code sh -c} script (a toolbox kept alive to exec
   * into).
   */
  static boolean idles(Container container) {
    List<String> argv = new ArrayList<>(container.command());
    argv.addAll(container.args());
    if (argv.size() >= 3 && SHELLS.contains(argv.get(0)) && argv.get(1).startsWith("-")) {
      argv = argv.subList(2, argv.size());
    }
    List<String> words = words(argv);
    if (!words.isEmpty() && words.get(0).equals("exec")) {
      words = words.subList(1, words.size());
    }
    return isSleepForever(words)
        || words.equals(List.of("tail", "-f", "/dev/null"))
        || words.size() == 6
            && words.get(0).equals("while")
            && (words.get(1).equals("true") || words.get(1).equals(":"))
            && words.get(2).equals("do")
            && isSleepForever(words.subList(3, 5))
            && words.get(5).equals("done");
  }

  private static boolean isSleepForever(List<String> words) {
    if (words.size() != 2 || !words.get(0).equals("sleep")) {
      return false;
    }
    String d = words.get(1);
    String digits =
        d.isEmpty() || "smhd".indexOf(d.charAt(d.length() - 1)) < 0
            ? d
            : d.substring(0, d.length() - 1);
    return d.equals("infinity")
        || d.equals("inf")
        || !digits.isEmpty() && digits.chars().allMatch(Character::isDigit);
  }

  /** Shell words of the command, {@code ;} dropped: enough to recognise an idle loop. */
  private static List<String> words(List<String> argv) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (char ch : String.join(" ", argv).toCharArray()) {
      if (Character.isWhitespace(ch) || ch == ';') {
        if (!word.isEmpty()) {
          words.add(word.toString());
          word.setLength(0);
        }
      } else {
        word.append(ch);
      }
    }
    if (!word.isEmpty()) {
      words.add(word.toString());
    }
    return words;
  }

  /**
   * No port declared, no readiness probe, the app's code shows no listener, and no Service routes
   * to it: either none selects the pod, or another container of the pod declares the ports.
   */
  private static boolean servesNothing(Workload workload, Container container, SystemModel model) {
    if (!container.ports().isEmpty()
        || container.readiness() != null
        || model.listenPort(workload, container).isPresent()) {
      return false;
    }
    boolean siblingServes =
        workload.containers().stream()
            .anyMatch(c -> !c.name().equals(container.name()) && !c.ports().isEmpty());
    return siblingServes || model.servicesSelecting(workload).isEmpty();
  }
}
