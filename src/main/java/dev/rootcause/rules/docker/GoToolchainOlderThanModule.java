package dev.rootcause.rules.docker;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.docker.BaseImage;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.GoModule;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.rules.DockerfileRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;

/** The golang builder image is older than the Go version go.mod requires. */
@RuleSpec(
    id = "docker/go-toolchain-older-than-module",
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Builder FROM golang:X is older than the go directive of go.mod",
    symptom =
        "docker build fails: go: go.mod requires go >= 1.22 (running go 1.21.13;"
            + " GOTOOLCHAIN=local); the new image is never built, so the fix never ships",
    fix =
        "Build FROM golang:<the go.mod version> or newer, or lower the go directive if the code"
            + " allows it.")
public final class GoToolchainOlderThanModule implements DockerfileRule {

  @Override
  public void check(Dockerfile dockerfile, RuleContext ctx) {
    GoModule module = ctx.model().goModuleFor(dockerfile).orElse(null);
    if (module == null) {
      return;
    }
    for (Stage stage : dockerfile.stages()) {
      BaseImage base = BaseImage.of(stage.baseImage());
      if (!base.is("golang")
          || !module.newerThan(base.version())
          || !runsGo(stage)
          || switchesToolchain(stage)) {
        continue;
      }
      int[] v = base.version();
      String running = v[0] + "." + v[1];
      boolean local = v[0] > 1 || v[1] >= 21; // the image pins GOTOOLCHAIN=local since 1.21
      ctx.report(
              stage.location(),
              "FROM "
                  + stage.baseImage()
                  + " has Go "
                  + running
                  + ", but "
                  + module.location().path()
                  + " requires go "
                  + module.goVersion())
          .related(module.location(), "go " + module.goVersion())
          .symptom(
              local
                  ? "docker build fails: go: go.mod requires go >= "
                      + module.goVersion()
                      + " (running go "
                      + running
                      + ".x; GOTOOLCHAIN=local)"
                  : "docker build fails: go "
                      + running
                      + " cannot read go "
                      + module.goVersion()
                      + " modules (invalid go version, or note: module requires Go "
                      + module.goVersion()
                      + ")")
          .fix(
              "Build FROM golang:"
                  + module.minimumRelease()
                  + tagSuffix(base)
                  + " (go.mod requires go "
                  + module.goVersion()
                  + ").");
    }
  }

  private static boolean runsGo(Stage stage) {
    return stage.runs().stream().anyMatch(r -> r.shell().runs("go"));
  }

  /** {@code GOTOOLCHAIN=auto} or a named toolchain lets go fetch the version go.mod asks for. */
  private static boolean switchesToolchain(Stage stage) {
    String env = stage.env().get("GOTOOLCHAIN");
    return env != null && !env.equals("local")
        || stage.runs().stream()
            .map(r -> r.shell().assigned().get("GOTOOLCHAIN"))
            .anyMatch(t -> t != null && !t.equals("local"));
  }

  /** The variant of the current tag ({@code -alpine}, {@code -bookworm}), kept in the fix. */
  private static String tagSuffix(BaseImage base) {
    int dash = base.tag().indexOf('-');
    return dash < 0 ? "" : base.tag().substring(dash);
  }
}
