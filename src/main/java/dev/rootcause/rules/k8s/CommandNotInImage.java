package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StageContents;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.PodDetails;
import dev.rootcause.model.k8s.StockImages;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Optional;

/**
 * A command or exec probe that runs a program the stock image does not contain: {@code bash} in
 * busybox or an alpine image, {@code curl} there or in redis and postgres, anything at all in a
 * distroless or scratch image such as http-echo; or an add-on tool ({@code grpc_health_probe},
 * {@code wait-for-it}) that the repository's own Dockerfile never puts into the image it builds.
 * Only images whose contents are known are judged.
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
  private static final List<String> PATH_DIRS =
      List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin");

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
        Optional<String> stock = StockImages.lacks(container.image(), program);
        Optional<String> why = stock.or(() -> notBuiltIn(program, container, ctx));
        if (why.isEmpty()) {
          continue;
        }
        String what = exec.field().equals("command") ? "command" : exec.field() + " exec";
        RuleContext.FindingBuilder finding =
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
        if (stock.isEmpty()) {
          finding.symptom(
              "the exec fails with \"no such file or directory\" (exit 126/127): the probe never"
                  + " passes, so the pod restarts or never becomes Ready");
        }
        break;
      }
    }
  }

  /**
   * Why the image the repository builds for this container lacks an add-on tool: its final stage
   * starts from a base whose layout is known, and no COPY, ADD, download or package install of that
   * stage or its parents puts the tool there.
   */
  private static Optional<String> notBuiltIn(String program, Container container, RuleContext ctx) {
    String name = ContainerPaths.fileName(program);
    if (!StockImages.isAddOnTool(name)) {
      return Optional.empty();
    }
    Optional<ImageSource> source =
        ctx.model()
            .imageSource(container)
            .filter(s -> s.basis() == ImageSource.Basis.BUILT_AS_REFERENCED);
    Optional<Dockerfile> dockerfile = source.map(ImageSource::dockerfile);
    Optional<Stage> last = dockerfile.flatMap(Dockerfile::finalStage);
    if (last.isEmpty()) {
      return Optional.empty();
    }
    StageContents contents = dockerfile.get().contents(last.get());
    if (!contents.knowable() || !contents.base().knownLayout()) {
      return Optional.empty();
    }
    List<String> candidates =
        program.startsWith("/")
            ? List.of(program)
            : PATH_DIRS.stream().map(dir -> dir + "/" + name).toList();
    boolean supplied =
        contents.entries().stream()
            .anyMatch(
                e ->
                    candidates.stream().anyMatch(e::provides)
                        || ContainerPaths.fileName(e.path()).equals(name));
    boolean installed =
        dockerfile.get().lineage(last.get()).stream()
            .flatMap(st -> st.runs().stream())
            .anyMatch(r -> r.shell().installsPackage(name) || r.command().contains(name));
    if (supplied || installed) {
      return Optional.empty();
    }
    return Optional.of(
        "the image built by "
            + dockerfile.get().path()
            + " starts FROM "
            + contents.base().display()
            + ", which has no "
            + name
            + ", and no instruction of its final stage adds it");
  }

  private static String fix(String program, Container container) {
    String name = program.substring(program.lastIndexOf('/') + 1);
    return switch (name) {
      case "bash" -> "Run sh instead of bash in container " + container.name() + ".";
      case "curl" ->
          "Use wget -q -O- (busybox) instead of curl in container "
              + container.name()
              + ", or an httpGet probe.";
      case "grpc_health_probe" ->
          "Use the built-in grpc probe (grpc: port: N, Kubernetes 1.24+) for container "
              + container.name()
              + ", or COPY grpc_health_probe into the image's final stage.";
      default ->
          "Use an httpGet or tcpSocket probe for container "
              + container.name()
              + " (the image has no "
              + name
              + "), or an image that ships it.";
    };
  }
}
