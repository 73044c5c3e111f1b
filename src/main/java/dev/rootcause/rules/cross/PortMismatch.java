package dev.rootcause.rules.cross;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.ListenPort;
import dev.rootcause.model.Location;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ContainerPort;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import dev.rootcause.rules.SystemRule;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 000: the app listened on 8080 while the Dockerfile exposed 80, the Deployment declared 80
 * and the probe checked 80. The port the code really binds is the truth; every artifact that names
 * another port for the same process is reported where it must change. Without application facts,
 * EXPOSE and containerPort are compared with each other; with no workload running an image, its
 * EXPOSE is compared with the code it packages.
 */
@RuleSpec(
    id = "cross/port-mismatch",
    explains = {"runtime/probe-failing"},
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Code, Dockerfile, container, probe and Service disagree on the port",
    symptom =
        "connection refused, probes failing (restarts or never Ready), 502 from the proxy in front",
    fix =
        "Use the port the application listens on everywhere: EXPOSE, containerPort, probes and targetPort.")
public final class PortMismatch implements SystemRule {

  @Override
  public void check(RuleContext ctx) {
    SystemModel model = ctx.model();
    // Several containers may share a Dockerfile: each place is reported once.
    Set<Location> reported = new HashSet<>();
    for (Map.Entry<Workload, Container> pair : model.containers().toList()) {
      Workload workload = pair.getKey();
      Container container = pair.getValue();
      if (container.init()) {
        continue;
      }
      var listen = model.listenPort(workload, container);
      if (listen.isPresent()) {
        againstApp(ctx, workload, container, listen.get(), reported);
      } else {
        exposeVersusContainerPort(ctx, workload, container, reported);
      }
    }
    for (var dockerfile : model.dockerfiles()) {
      if (model.containersRunning(dockerfile).isEmpty()) {
        model
            .listenPort(dockerfile)
            .ifPresent(app -> exposeVersusCode(ctx, dockerfile, app, reported));
      }
    }
  }

  /** No workload runs the image (compose, docker run): its EXPOSE still names the code's port. */
  private void exposeVersusCode(
      RuleContext ctx,
      dev.rootcause.model.docker.Dockerfile dockerfile,
      ListenPort app,
      Set<Location> seen) {
    var stage = dockerfile.finalStage();
    if (stage.isEmpty()) {
      return;
    }
    List<Stage.Expose> exposes =
        stage.get().exposes().stream().filter(e -> e.port() != null).toList();
    if (exposes.isEmpty() || exposes.stream().anyMatch(e -> e.port() == app.port())) {
      return;
    }
    Stage.Expose e = exposes.get(0);
    if (seen.add(e.location())) {
      report(
              ctx,
              dockerfile.path(),
              e.location(),
              "EXPOSE " + e.port() + ", but the app listens on " + app.port(),
              app)
          .fix(
              "Change it to EXPOSE "
                  + app.port()
                  + ", and publish that port (docker run -p, compose ports).");
    }
  }

  private void againstApp(
      RuleContext ctx, Workload workload, Container container, ListenPort app, Set<Location> seen) {
    int port = app.port();
    String subject = workload.meta().displayName() + " container " + container.name();
    String truth = "the app listens on " + port;
    List<ContainerPort> declared = container.ports();
    boolean declaresAppPort = declared.stream().anyMatch(p -> p.number() == port);
    if (!declared.isEmpty() && !declaresAppPort) {
      ContainerPort first = declared.get(0);
      if (seen.add(first.location())) {
        report(
                ctx,
                subject,
                first.location(),
                "containerPort " + first.number() + ", but " + truth,
                app)
            .fix("Set containerPort to " + port + ".");
      }
    }
    ctx.model()
        .imageSource(container)
        .map(ImageSource::dockerfile)
        .flatMap(d -> d.finalStage())
        .ifPresent(
            stage -> {
              List<Stage.Expose> exposes =
                  stage.exposes().stream().filter(e -> e.port() != null).toList();
              if (!exposes.isEmpty() && exposes.stream().noneMatch(e -> e.port() == port)) {
                Stage.Expose e = exposes.get(0);
                if (seen.add(e.location())) {
                  report(ctx, subject, e.location(), "EXPOSE " + e.port() + ", but " + truth, app)
                      .fix("Change it to EXPOSE " + port + ".");
                }
              }
            });
    for (Probe probe : container.probes()) {
      if (!probe.checksPort()) {
        continue;
      }
      OptionalInt checked = probePort(container, probe);
      // An undeclared probe port is k8s/probe-port-not-exposed's finding, unless nothing is
      // declared.
      boolean declaredOrNothingDeclared =
          declared.isEmpty() || container.port(probe.port()).isPresent();
      if (checked.isPresent()
          && checked.getAsInt() != port
          && declaredOrNothingDeclared
          && seen.add(probe.portLocation())) {
        report(
                ctx,
                subject,
                probe.portLocation(),
                probe.kind().field() + " checks port " + checked.getAsInt() + ", but " + truth,
                app)
            .symptom(
                probe.kind() == Probe.Kind.READINESS
                    ? "pod never becomes Ready: the Service has no endpoints"
                    : "kubelet restarts the container over and over: CrashLoopBackOff")
            .fix("Set " + probe.kind().field() + " port to " + port + ".");
      }
    }
    for (Service service : ctx.model().servicesSelecting(workload)) {
      for (ServicePort sp : service.ports()) {
        OptionalInt target = SystemModel.targetPortNumber(sp, container);
        if (target.isEmpty()
            || target.getAsInt() == port
            || declaredByAnother(workload, container, target.getAsInt())) {
          continue;
        }
        boolean declaredOrNothingDeclared =
            declared.isEmpty() || declared.stream().anyMatch(p -> p.number() == target.getAsInt());
        if (declaredOrNothingDeclared && seen.add(sp.targetPortLocation())) {
          report(
                  ctx,
                  service.meta().displayName(),
                  sp.targetPortLocation(),
                  service.meta().displayName()
                      + " port "
                      + sp.port()
                      + " sends traffic to "
                      + target.getAsInt()
                      + ", but "
                      + truth,
                  app)
              .fix(
                  "Set targetPort to "
                      + port
                      + declared.stream()
                          .filter(p -> p.number() == port && p.name() != null)
                          .map(p -> " (or to its name, '" + p.name() + "')")
                          .findFirst()
                          .orElse("")
                      + ".");
        }
      }
    }
  }

  /** Without the code, the image's EXPOSE and the container's declared ports should still agree. */
  private void exposeVersusContainerPort(
      RuleContext ctx, Workload workload, Container container, Set<Location> seen) {
    var source = ctx.model().imageSource(container);
    if (source.isEmpty() || source.get().dockerfile() == null || container.ports().isEmpty()) {
      return;
    }
    var stage = source.get().dockerfile().finalStage();
    if (stage.isEmpty()) {
      return;
    }
    List<Stage.Expose> exposes =
        stage.get().exposes().stream().filter(e -> e.port() != null).toList();
    Set<Integer> declared =
        container.ports().stream().map(ContainerPort::number).collect(Collectors.toSet());
    if (exposes.isEmpty() || exposes.stream().anyMatch(e -> declared.contains(e.port()))) {
      return;
    }
    ContainerPort first = container.ports().get(0);
    String exposed =
        exposes.stream().map(e -> String.valueOf(e.port())).collect(Collectors.joining(", "));
    if (seen.add(first.location())) {
      ctx.report(
              first.location(),
              "containerPort "
                  + first.number()
                  + ", but the image "
                  + source.get().dockerfile().path()
                  + " exposes "
                  + exposed
                  + "; one of them is wrong (the code does not say which)")
          .subject(workload.meta().displayName() + " container " + container.name())
          .related(exposes.get(0).location(), "EXPOSE " + exposed)
          .confidence(Confidence.LIKELY)
          .fix(
              "Check which port the application binds and use it for both EXPOSE and containerPort.");
    }
  }

  /** Whether a sidecar in the pod declares the port: the Service reaches it, not the app. */
  private static boolean declaredByAnother(Workload workload, Container container, int port) {
    return workload.containers().stream()
        .filter(c -> c != container)
        .anyMatch(c -> c.ports().stream().anyMatch(p -> p.number() == port));
  }

  private static OptionalInt probePort(Container container, Probe probe) {
    if (!probe.port().isNamed()) {
      return OptionalInt.of(probe.port().number());
    }
    return container
        .port(probe.port())
        .map(p -> OptionalInt.of(p.number()))
        .orElse(OptionalInt.empty());
  }

  /**
   * Reports at {@code at} with the app's listen port as evidence; callers report each place once.
   */
  private static RuleContext.FindingBuilder report(
      RuleContext ctx, String subject, SourceLocation at, String message, ListenPort app) {
    RuleContext.FindingBuilder finding =
        ctx.report(at, message).subject(subject).confidence(app.confidence());
    for (Evidence step : app.evidence()) {
      finding.related(step.location(), step.note());
    }
    return finding;
  }
}
