package dev.rootcause.collect.pipeline;

import dev.rootcause.collect.code.Numbers;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.model.pipeline.PortForward;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads each {@code kubectl port-forward TARGET [LOCAL:]REMOTE...} of a pipeline's steps into
 * {@link PortForward}s, one per port pair. Ports written as variables are left out.
 */
final class PortForwards {
  private PortForwards() {}

  /** kubectl flags that take a value, so the word after them is not the target. */
  private static final Set<String> WITH_VALUE =
      Set.of(
          "-n",
          "--namespace",
          "--context",
          "--kubeconfig",
          "--address",
          "--pod-running-timeout",
          "--cluster",
          "--user",
          "-l",
          "--selector");

  static List<PortForward> in(List<Pipeline.Stage> stages) {
    List<PortForward> forwards = new ArrayList<>();
    for (Pipeline.Stage stage : stages) {
      for (Pipeline.Step step : stage.steps()) {
        read(step, forwards);
      }
    }
    return forwards;
  }

  private static void read(Pipeline.Step step, List<PortForward> out) {
    List<String> words = DockerRuns.words(step.command());
    int kubectl = words.indexOf("kubectl");
    int verb = words.indexOf("port-forward");
    if (kubectl < 0 || verb < kubectl) {
      return;
    }
    String target = null;
    for (int i = verb + 1; i < words.size(); i++) {
      String w = words.get(i);
      if (w.equals("&") || w.equals("&&") || w.equals(";") || w.equals("|")) {
        break;
      }
      if (w.startsWith("-")) {
        if (WITH_VALUE.contains(w)) {
          i++;
        }
        continue;
      }
      if (target == null) {
        target = w;
        continue;
      }
      int colon = w.indexOf(':');
      Integer local =
          colon < 0 ? Numbers.port(w) : colon == 0 ? 0 : Numbers.port(w.substring(0, colon));
      String remoteText = colon < 0 ? w : w.substring(colon + 1);
      // a named remote port (8080:http) still opens its local port
      Integer remote =
          colon > 0 && Numbers.integer(remoteText) == null
              ? Integer.valueOf(0)
              : Numbers.port(remoteText);
      if (local != null && remote != null) {
        out.add(new PortForward(target, local, remote, step.location()));
      }
    }
  }
}
