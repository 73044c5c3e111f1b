package dev.rootcause.rules.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a stage is known to contain, and when rootcause admits it cannot know. */
class StageFilesTest {
  private final List<Stage> stages = new ArrayList<>();
  private int line;

  private Stage stage(
      String name, String base, String workdir, List<Stage.Copy> copies, List<Stage.Run> runs) {
    Stage s =
        new Stage(
            stages.size(),
            name,
            base,
            at(),
            List.of(),
            List.of(),
            List.of(),
            copies,
            runs,
            Map.of(),
            workdir,
            null,
            null);
    stages.add(s);
    return s;
  }

  private Stage.Copy copy(String from, String dest, String workdir, String... sources) {
    return new Stage.Copy("COPY", List.of(sources), dest, from, at(), workdir);
  }

  private Stage.Run run(String command, String workdir) {
    return new Stage.Run(command, at(), workdir);
  }

  private SourceLocation at() {
    return SourceLocation.of("Dockerfile", ++line);
  }

  private Dockerfile dockerfile() {
    return new Dockerfile("Dockerfile", "", stages, List.of());
  }

  @Test
  void goBuildOutputsAreExactAndOtherPathsInTheWorkdirAreMissing() {
    Stage build =
        stage(
            "build",
            "golang:1.22",
            "/src",
            List.of(copy(null, "./", "/src", "go.mod", "go.sum")),
            List.of(
                run("go mod download", "/src"),
                run("cd cmd/api && CGO_ENABLED=0 go build -o ../../bin/api .", "/src")));
    StageFiles files = StageFiles.of(dockerfile(), build);
    assertThat(files.knowable()).isTrue();
    assertThat(files.built()).extracting(StageFiles.Entry::path).containsExactly("/src/bin/api");
    assertThat(files.mayHave("/src/bin/api")).isTrue();
    assertThat(files.mayHave("/src/bin")).isTrue();
    assertThat(files.mayHave("/src/go.sum")).isTrue();
    assertThat(files.mayHave("/src/bin/server")).isFalse();
    assertThat(files.mayHave("/usr/local/bin/api")).as("the base image's folders").isTrue();
    assertThat(files.mayHave("/go/bin/api")).as("GOPATH/bin of the golang image").isTrue();
  }

  @Test
  void aCommandNotFollowedMakesEverythingPossible() {
    Stage build =
        stage(
            "build",
            "golang:1.22",
            "/src",
            List.of(),
            List.of(run("make release", "/src"), run("./scripts/package.sh", "/src")));
    StageFiles files = StageFiles.of(dockerfile(), build);
    assertThat(files.knowable()).isFalse();
    assertThat(files.mayHave("/out/anything")).isTrue();
  }

  @Test
  void unknownBaseImagesMayHoldAnything() {
    Stage s = stage(null, "registry.example.com/base/go:1", "/app", List.of(), List.of());
    StageFiles files = StageFiles.of(dockerfile(), s);
    assertThat(files.baseMayHave("/app/server")).isTrue();
    assertThat(
            StageFiles.of(dockerfile(), stage(null, "scratch", "/", List.of(), List.of()))
                .baseMayHave("/etc/ssl/certs/ca-certificates.crt"))
        .isFalse();
  }

  @Test
  void copiesFromAStageCarryExactFilesAndFoldersOtherwise() {
    stage(
        "build",
        "golang:1.22",
        "/src",
        List.of(copy(null, ".", "/src", ".")),
        List.of(run("go build -o /out/server ./cmd/server", "/src")));
    Stage last =
        stage(
            null,
            "alpine:3.20",
            "/app",
            List.of(
                copy("build", ".", "/app", "/out/server"),
                copy("build", "/app/static", "/app", "/src/web/dist")),
            List.of());
    StageFiles files = StageFiles.of(dockerfile(), last);
    assertThat(files.exactly("/app/server")).isPresent();
    assertThat(files.mayHave("/app/main")).isFalse();
    assertThat(files.mayHave("/app/static/index.html")).as("a folder copied whole").isTrue();
  }

  @Test
  void contextCopiesAndSingleFilesAreTold() {
    Stage s =
        stage(
            null,
            "python:3.12-slim",
            "/srv",
            List.of(
                copy(null, ".", "/srv", "requirements.txt"),
                copy(null, "./src/", "/srv", "src/"),
                copy(null, "/etc/app/app.conf", "/srv", "deploy/app.conf")),
            List.of(run("pip install --no-cache-dir -r requirements.txt", "/srv")));
    StageFiles files = StageFiles.of(dockerfile(), s);
    assertThat(files.mayHave("/srv/requirements.txt")).isTrue();
    assertThat(files.mayHave("/srv/src/app.py")).isTrue();
    assertThat(files.mayHave("/etc/app/app.conf")).isTrue();
    assertThat(files.mayHave("/srv/app.py")).isFalse();
  }

  @Test
  void downloadsAndRedirectionsCreateFiles() {
    Stage s =
        stage(
            null,
            "debian:bookworm-slim",
            "/opt/tool",
            List.of(),
            List.of(
                run(
                    "curl -fsSLo tool.tgz https://example.com/tool.tgz && echo ok > ready",
                    "/opt/tool"),
                run("wget -O /opt/tool/bin/helper https://example.com/helper", "/opt/tool")));
    StageFiles files = StageFiles.of(dockerfile(), s);
    assertThat(files.knowable()).isTrue();
    assertThat(files.mayHave("/opt/tool/tool.tgz")).isTrue();
    assertThat(files.mayHave("/opt/tool/ready")).isTrue();
    assertThat(files.mayHave("/opt/tool/bin/helper")).isTrue();
    assertThat(files.mayHave("/opt/tool/other")).isFalse();
  }

  @Test
  void aVirtualenvIsAFolderOfUnknownContents() {
    Stage s =
        stage(
            "build",
            "python:3.12-slim",
            "/app",
            List.of(copy(null, ".", "/app", ".")),
            List.of(
                run("python -m venv /venv && /venv/bin/pip install -r requirements.txt", "/app")));
    StageFiles files = StageFiles.of(dockerfile(), s);
    assertThat(files.knowable()).isTrue();
    assertThat(files.mayHave("/venv/lib/python3.12/site-packages/flask")).isTrue();
    assertThat(files.mayHave("/env/bin/python")).isFalse();
  }
}
