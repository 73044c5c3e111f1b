package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.BaseImage;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Optional;

/** Seed 000 shrank a python:3.11 image; seed 001 moved its Go build to a multi-stage Dockerfile. */
@RuleSpec(
    id = "docker/heavy-base-image",
    severity = Severity.LOW,
    kind = FindingKind.HARDENING,
    summary = "Final image is built on a full SDK or OS image where a slim runtime would do",
    symptom =
        "images of hundreds of MB to pull on every deploy and scale-up: slow rollouts and"
            + " cold starts, and a compiler toolchain's worth of CVEs in production",
    fix =
        "Build in a full image if you must, and run on a slim, alpine or distroless runtime image"
            + " in a final stage.")
public final class HeavyBaseImage implements DockerfileRule {

  /** Why the base is heavy, the lighter image, and the concrete fix. */
  private record Advice(String why, String lighter, String fix) {}

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    Stage last = dockerfile.finalStage().orElse(null);
    if (last == null || dockerfile.isForDevelopment() || !isService(last)) {
      return;
    }
    List<Stage> lineage = dockerfile.lineage(last);
    Stage root = lineage.get(0);
    BaseImage base = dockerfile.baseImage(last);
    Advice advice = advice(base, dockerfile, lineage);
    if (advice == null) {
      return;
    }
    ctx.report(
            last.location(),
            "final image is based on "
                + base.display()
                + ", "
                + advice.why()
                + "; "
                + advice.lighter()
                + " would run it")
        .related(root == last ? null : root.location(), "FROM " + root.baseImage())
        .fix(advice.fix());
  }

  /** Images that serve: a command or a port of their own. A base for other images has neither. */
  private static boolean isService(Stage s) {
    return s.cmd() != null || s.entrypoint() != null || !s.exposes().isEmpty();
  }

  /** What to use instead of a heavy base; null when the base is fine or unknown. */
  private static Advice advice(BaseImage base, Dockerfile dockerfile, List<Stage> lineage) {
    if (!base.isOfficial()) {
      return null;
    }
    String tag = base.tag() == null ? "" : base.tag();
    boolean slim =
        tag.contains("slim")
            || tag.contains("alpine")
            || tag.contains("windows")
            || tag.contains("nanoserver");
    String distroless = "gcr.io/distroless/static-debian12";
    return switch (base.repository()) {
      case "golang" ->
          new Advice(
              "the Go SDK (compiler, module cache, a full OS) shipped to run" + " one binary",
              distroless,
              "Compile in a golang stage and run the binary FROM " + distroless + " (or scratch).");
      case "node", "python", "ruby" -> {
        if (slim) {
          yield null;
        }
        String lighter = base.slimVariant();
        yield new Advice(
            "a full Debian with compilers and headers",
            lighter,
            "Use FROM "
                + lighter
                + " (keep "
                + base.display()
                + " as a build stage only if native"
                + " packages need compiling).");
      }
      case "maven", "gradle" -> {
        String jre = "eclipse-temurin:" + base.javaVersion() + "-jre";
        yield new Advice(
            "a build image (JDK, " + base.repository() + " and its caches)",
            jre,
            "Package the jar in a " + base.repository() + " stage and run it FROM " + jre + ".");
      }
      case "openjdk", "eclipse-temurin" -> {
        if (tag.contains("jre")) {
          yield null;
        }
        String jre = "eclipse-temurin:" + base.javaVersion() + "-jre";
        yield new Advice("a full JDK", jre, "Run the jar FROM " + jre + ".");
      }
      case "rust" ->
          new Advice(
              "the Rust toolchain shipped to run one binary",
              "gcr.io/distroless/cc-debian12",
              "Build in a rust stage and run the binary FROM gcr.io/distroless/cc-debian12.");
      case "ubuntu", "debian" ->
          !slim && copiesGoBinary(dockerfile, lineage)
              ? new Advice(
                  "a full distribution for one Go binary",
                  distroless,
                  "Run the Go binary FROM " + distroless + ".")
              : null;
      default -> null;
    };
  }

  private static boolean copiesGoBinary(Dockerfile dockerfile, List<Stage> lineage) {
    return lineage.stream()
        .flatMap(s -> s.copies().stream())
        .filter(c -> c.from() != null)
        .map(c -> dockerfile.stage(c.from()))
        .flatMap(Optional::stream)
        .anyMatch(s -> dockerfile.baseImage(s).is("golang"));
  }
}
