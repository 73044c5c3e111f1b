package dev.rootcause.rules.docker;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.BaseImage;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.SecuritySettings;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Seeds 000 and 001: both images ran their server as root; the fixes added a non-root USER. */
@RuleSpec(
    id = "docker/runs-as-root",
    severity = Severity.MEDIUM,
    kind = FindingKind.HARDENING,
    summary = "Image runs as root and no securityContext in the repository overrides it",
    symptom =
        "a compromised or buggy process owns the container's filesystem and mounted volumes;"
            + " clusters that enforce runAsNonRoot refuse to start it",
    fix =
        "Add a numeric non-root USER to the final stage, or set securityContext.runAsUser on the"
            + " workloads that run the image.")
public final class RunsAsRoot implements DockerfileRule {
  private static final Set<String> DROPS_PRIVILEGES =
      Set.of("gosu", "su-exec", "setpriv", "runuser", "s6-setuidgid", "chpst", "setuidgid");

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    if (last == null || dockerfile.isForDevelopment() || dropsPrivileges(last)) {
      return;
    }
    SourceLocation at;
    String why;
    Optional<Stage.User> user = last.effectiveUser();
    if (user.isPresent()) {
      if (!user.get().isRoot()) {
        return; // a named, numeric or still-unresolved ($APP_UID) user
      }
      at = user.get().location();
      why = "USER " + user.get().user() + " at line " + at.line();
    } else {
      if (!dockerfile.baseImage(last).rootByDefault()) {
        return; // a base image we do not know may set its own user
      }
      at = last.location();
      why = "no USER after FROM " + last.baseImage();
    }
    List<Map.Entry<Workload, Container>> running = ctx.model().containersRunning(dockerfile);
    List<String> refused = new ArrayList<>();
    List<String> root = new ArrayList<>();
    List<Map.Entry<Workload, Container>> uncovered = new ArrayList<>();
    Confidence confidence = Confidence.CERTAIN;
    for (Map.Entry<Workload, Container> e : running) {
      SecuritySettings security = e.getKey().securityOf(e.getValue());
      if (security.runAsUser() != null && security.runAsUser() != 0) {
        continue; // the manifest picks a non-root uid: covered
      }
      String name = e.getKey().meta().displayName() + " container " + e.getValue().name();
      if (Boolean.TRUE.equals(security.runAsNonRoot()) && security.runAsUser() == null) {
        refused.add(name);
      } else {
        root.add(name);
      }
      uncovered.add(e);
      confidence =
          ctx.model()
              .imageSource(e.getValue())
              .map(ImageSource::confidence)
              .filter(c -> c == Confidence.LIKELY)
              .orElse(confidence);
    }
    if (!running.isEmpty() && uncovered.isEmpty()) {
      return;
    }
    String message = "final stage runs as root: " + why;
    if (!refused.isEmpty()) {
      message +=
          "; "
              + String.join(", ", refused)
              + " sets runAsNonRoot: true without runAsUser,"
              + " so the kubelet refuses to start it";
    } else if (!root.isEmpty()) {
      message += ", and " + String.join(", ", root) + " sets no runAsUser or runAsNonRoot";
    }
    var finding = ctx.report(at, message).confidence(confidence);
    for (Map.Entry<Workload, Container> e : uncovered) {
      SecuritySettings security = e.getKey().securityOf(e.getValue());
      finding.related(
          e.getValue().location(), "container " + e.getValue().name() + " runs this image");
      finding.related(security.location(), "securityContext without a non-root runAsUser");
    }
    if (!refused.isEmpty()) {
      // Not advice any more: the manifest asks for a non-root user, so this pod cannot start.
      finding
          .rootCause()
          .severity(Severity.HIGH)
          .symptom(
              "CreateContainerConfigError: container has runAsNonRoot and image will run as"
                  + " root; the pod never starts")
          .fix(
              "Add USER 10001 (numeric, so the kubelet can verify it) to the final stage, or set"
                  + " runAsUser: 10001 beside runAsNonRoot.");
    } else if (user.isPresent()) {
      finding.fix(switchBack(dockerfile, last, user.get()));
    } else {
      finding.fix(fix(dockerfile.baseImage(last)));
    }
  }

  /** After an explicit USER root: return to the user the stage had before, after the root steps. */
  private static String switchBack(Dockerfile dockerfile, Stage last, Stage.User root) {
    String previous = null;
    for (Stage.User u : last.users()) {
      if (u == root) {
        break;
      }
      previous = u.isRoot() || u.user().contains("$") ? previous : u.user();
    }
    int lastRun =
        last.runs().stream()
            .mapToInt(r -> r.location().line())
            .filter(line -> line > root.location().line())
            .max()
            .orElse(0);
    String when =
        lastRun == 0
            ? "right after line " + root.location().line()
            : "after the RUN at line " + lastRun;
    if (previous == null) {
      String create = fix(dockerfile.baseImage(last));
      return "Switch to a non-root user once the steps that need root are done ("
          + when
          + "). "
          + create;
    }
    return "Switch back with USER "
        + previous
        + " once the steps that need root are done ("
        + when
        + ").";
  }

  private static boolean dropsPrivileges(Stage stage) {
    for (Stage.Command c : new Stage.Command[] {stage.entrypoint(), stage.cmd()}) {
      if (c != null && c.runsAnyOf(DROPS_PRIVILEGES)) {
        return true; // the entrypoint switches user itself, as official database images do
      }
    }
    return false;
  }

  private static String fix(BaseImage base) {
    if (base.isScratch() || base.isDistroless()) {
      return "Add USER 65532:65532 to the final stage (numeric ids need no /etc/passwd).";
    }
    if (base.is("node")) {
      return "Add USER node to the final stage (the node image ships that user, uid 1000).";
    }
    if (base.is("alpine") || base.tag() != null && base.tag().contains("alpine")) {
      return "Create and switch to a user in the final stage: RUN adduser -D -u 10001 app, then"
          + " USER 10001.";
    }
    return "Create and switch to a user in the final stage: RUN useradd --uid 10001"
        + " --no-create-home app, then USER 10001.";
  }
}
