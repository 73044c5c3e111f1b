package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.StockImages;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Optional;

/**
 * A command or exec probe that runs a program the stock image does not contain: {@code bash} in
 * busybox or an alpine image, {@code curl} there or in redis and postgres, anything at all in a
 * distroless or scratch image such as http-echo. Only images whose contents are known are judged.
 */
@RuleSpec(
    id = "k8s/command-not-in-image",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Command or exec probe runs a program the image does not contain",
    symptom =
        "exec: \"bash\": executable file not found in $PATH (StartError, CrashLoopBackOff); an"
            + " exec probe fails with \"sh: curl: not found\" (exit 127) and the pod restarts or"
            + " never becomes Ready",
    fix = "Use what the image has (sh instead of bash, wget instead of curl), or switch the image.")
public final class CommandNotInImage implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    Optional<PodDetails> details = ctx.model().kube().details(workload);
    if (details.isEmpty() || container.image() == null) {
      return;
    }
    for (PodDetails.ExecCommand exec : details.get().execs()) {
      if (!exec.container().equals(container.name())) {
        continue;
      }
      for (String program : StockImages.programs(exec.command())) {
        Optional<String> why = StockImages.lacks(container.image(), program);
        if (why.isEmpty()) {
          continue;
        }
        String what = exec.field().equals("command") ? "command" : exec.field() + " exec";
        ctx.report(
                exec.at(),
                "container "
                    + container.name()
                    + " "
                    + what
                    + " runs "
                    + program
                    + ", but "
                    + why.get())
            .related(container.image().location(), "image " + container.image().raw())
            .fix(fix(program, container));
        break;
      }
    }
  }

  private static String fix(String program, Container container) {
    String name = program.substring(program.lastIndexOf('/') + 1);
    return switch (name) {
      case "bash" -> "Run sh instead of bash in container " + container.name() + ".";
      case "curl" ->
          "Use wget -q -O- (busybox) instead of curl in container "
              + container.name()
              + ", or an httpGet probe.";
      default ->
          "Use an httpGet or tcpSocket probe for container "
              + container.name()
              + " (the image has no "
              + name
              + "), or an image that ships it.";
    };
  }
}
