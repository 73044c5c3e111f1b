package dev.rootcause.collect.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PackageInstall;
import dev.rootcause.model.docker.PathEntry;
import dev.rootcause.model.docker.ShellCommand;
import dev.rootcause.model.docker.ShellFacts;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.UserAccount;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shell of RUN, CMD and ENTRYPOINT, read once when the Dockerfile is parsed. */
class DockerfileShellTest {

  private static DockerfileParser.Result result(String text) {
    return DockerfileParser.parse("api/Dockerfile", text);
  }

  private static Stage lastStage(String text) {
    DockerfileParser.Result result = result(text);
    assertThat(result.problems()).as("problems").isEmpty();
    Dockerfile dockerfile = result.dockerfile();
    return dockerfile.finalStage().orElseThrow();
  }

  private static ShellFacts run(String text, int index) {
    return lastStage(text).runs().get(index).shell();
  }

  @Test
  void aptGetWithContinuationsKeepsEachCommandOnItsLine() {
    ShellFacts shell =
        run(
            """
            FROM debian:bookworm-slim
            RUN apt-get update \\
                && apt-get install -y --no-install-recommends \\
                    ca-certificates curl \\
                && rm -rf /var/lib/apt/lists/*
            """,
            0);
    assertThat(shell.commands())
        .extracting(ShellCommand::program)
        .containsExactly("apt-get", "apt-get", "rm");
    assertThat(shell.commands()).extracting(c -> c.location().line()).containsExactly(2, 3, 5);
    assertThat(shell.installs())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.manager()).isEqualTo("apt-get");
              assertThat(i.packages()).containsExactly("ca-certificates", "curl");
              assertThat(i.fromManifests()).isFalse();
              assertThat(i.location().line()).isEqualTo(3);
            });
    assertThat(shell.knowable()).isTrue();
    assertThat(shell.installsWith("apt", "apt-get")).isTrue();
  }

  @Test
  void pipInstallUserLeavesThePackagesWhereverTheUserLives() {
    ShellFacts shell =
        run(
            """
            FROM python:3.12-slim
            WORKDIR /app
            COPY requirements.txt .
            RUN pip install --user --no-cache-dir -r requirements.txt
            """,
            0);
    assertThat(shell.installs())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.command()).isEqualTo("pip install -r requirements.txt");
              assertThat(i.manifests()).containsExactly("requirements.txt");
            });
    assertThat(shell.knowable()).as("--user installs into a home folder not followed").isFalse();
  }

  @Test
  void goBuildOutputIsAProgramAtAnExactPath() {
    ShellFacts shell =
        run(
            """
            FROM golang:1.22 AS build
            WORKDIR /src
            ENV CGO_ENABLED=0
            RUN go mod download && go build -trimpath -o /out/app ./cmd/server
            """,
            0);
    assertThat(shell.paths())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("/out/app");
              assertThat(e.kind()).isEqualTo(PathEntry.Kind.BUILT);
              assertThat(e.how()).isEqualTo("go build -o /out/app");
              assertThat(e.location().line()).isEqualTo(4);
            });
    assertThat(shell.installs())
        .extracting(PackageInstall::command)
        .containsExactly("go mod download");
  }

  @Test
  void mkdirCreatesFoldersAndVariablesSetInTheRunAreFollowed() {
    ShellFacts shell =
        run(
            """
            FROM alpine:3.20
            RUN addgroup -S -g 10001 app && adduser -S -D -u 10001 -G app app \\
             && DATA=/var/lib/app && mkdir -p /app "$DATA" && chown -R app:app /app "$DATA"
            """,
            0);
    assertThat(shell.paths())
        .extracting(PathEntry::path, PathEntry::kind)
        .containsExactly(
            tuple("/app", PathEntry.Kind.DIRECTORY),
            tuple("/var/lib/app", PathEntry.Kind.DIRECTORY));
    assertThat(shell.accounts())
        .extracting(UserAccount::name, UserAccount::group, UserAccount::id, UserAccount::home)
        .containsExactly(tuple("app", true, "10001", null), tuple("app", false, "10001", null));
    assertThat(shell.knowable()).isTrue();
  }

  @Test
  void useraddMakesAHomeOnlyWhenAsked() {
    ShellFacts shell =
        run(
            """
            FROM ubuntu:24.04
            RUN groupadd --gid 1000 web && useradd -m --uid 1000 -g web -s /bin/bash web
            """,
            0);
    assertThat(shell.accounts()).extracting(UserAccount::home).containsExactly(null, "/home/web");
  }

  @Test
  void heredocBodiesRunInAShellAndKeepTheirLines() {
    Stage stage =
        lastStage(
            """
            FROM golang:1.22
            WORKDIR /src
            RUN <<EOF
            set -eu
            mkdir -p /out
            go build -o /out/api ./cmd/api
            EOF
            RUN cat <<'CONF' > /etc/api.conf && chmod 600 /etc/api.conf
            listen 8080;
            CONF
            """);
    ShellFacts script = stage.runs().get(0).shell();
    assertThat(script.commands())
        .extracting(ShellCommand::program)
        .containsExactly("set", "mkdir", "go");
    assertThat(script.commands()).extracting(c -> c.location().line()).containsExactly(4, 5, 6);
    assertThat(script.paths()).extracting(PathEntry::path).containsExactly("/out", "/out/api");
    ShellFacts data = stage.runs().get(1).shell();
    assertThat(data.commands()).extracting(ShellCommand::program).containsExactly("cat", "chmod");
    assertThat(data.commands().get(0).writes()).containsExactly("/etc/api.conf");
    assertThat(data.paths())
        .extracting(PathEntry::path, PathEntry::kind)
        .containsExactly(tuple("/etc/api.conf", PathEntry.Kind.FILE));
  }

  @Test
  void aHeredocWrittenBeforeItsShellIsReadAsBashReadsIt() {
    ShellFacts shell =
        run(
            """
            FROM alpine:3.20
            RUN <<EOT sh
            mkdir -p /srv/www
            EOT
            """,
            0);
    assertThat(shell.commands()).extracting(ShellCommand::program).containsExactly("sh", "mkdir");
    assertThat(shell.commands().get(1).location().line()).isEqualTo(3);
  }

  @Test
  void aCommandSubstitutionThatCannotBeResolvedLeavesTheOutputUnknown() {
    ShellFacts shell =
        run(
            """
            FROM golang:1.22
            RUN go build -o "$(go env GOPATH)/bin/app" ./cmd/app
            """,
            0);
    assertThat(shell.commands()).extracting(ShellCommand::program).containsExactly("go", "go");
    assertThat(shell.commands()).allMatch(ShellCommand::opaque);
    assertThat(shell.commands().get(1).args())
        .containsExactly("build", "-o", "$(go env GOPATH)/bin/app", "./cmd/app");
    assertThat(shell.paths()).isEmpty();
    assertThat(shell.knowable()).isFalse();
  }

  @Test
  void dockerfileVariablesAreSubstitutedBeforeTheShellReadsThem() {
    ShellFacts shell =
        run(
            """
            FROM node:20-slim
            ARG APP_HOME=/srv/app
            WORKDIR $APP_HOME
            RUN npm ci --omit=dev && curl -fsSLo "$APP_HOME/health" https://example.com/health
            """,
            0);
    assertThat(shell.commands().get(1).args())
        .containsExactly("-fsSLo", "/srv/app/health", "https://example.com/health");
    assertThat(shell.paths())
        .extracting(PathEntry::path)
        .containsExactly("/srv/app/node_modules", "/srv/app/package-lock.json", "/srv/app/health");
    assertThat(shell.installs())
        .extracting(PackageInstall::manifests)
        .containsExactly(List.of("package.json", "package-lock.json"));
  }

  @Test
  void shellThatCannotBeParsedIsANoteAndUnknown() {
    DockerfileParser.Result result =
        result(
            """
            FROM alpine:3.20
            RUN if [ -f /etc/app.conf ]; then cp /etc/app.conf /srv/
            CMD ["/srv/app"]
            """);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(CollectionProblem.Kind.NOTE);
              assertThat(p.message()).contains("RUN shell syntax not understood");
            });
    ShellFacts shell = result.dockerfile().finalStage().orElseThrow().runs().get(0).shell();
    assertThat(shell.commands()).isEmpty();
    assertThat(shell.knowable()).isFalse();
  }

  @Test
  void shellFormCommandsAreParsedAndExecFormIsItsOwnCommand() {
    Stage stage =
        lastStage(
            """
            FROM alpine:3.20
            ENV PORT=8080
            ENTRYPOINT ["/sbin/tini", "--", "sh", "-c", "exec su-exec app /srv/app"]
            CMD exec /srv/app --port $PORT 2>&1
            """);
    assertThat(stage.cmd().commands())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("/srv/app");
              assertThat(c.args()).containsExactly("--port", "8080");
              assertThat(c.opaque()).isFalse();
            });
    assertThat(stage.entrypoint().commands())
        .singleElement()
        .satisfies(c -> assertThat(c.words()).startsWith("/sbin/tini", "--", "sh"));
    assertThat(stage.entrypoint().runsAnyOf(Set.of("su-exec"))).isFalse();
  }

  @Test
  void anExecFormShellScriptIsReadAsShell() {
    Stage stage =
        lastStage(
            """
            FROM alpine:3.20
            RUN ["sh", "-c", "mkdir -p /data && touch /data/.keep"]
            CMD ["sh", "-c", "exec su-exec app /srv/app"]
            """);
    assertThat(stage.runs().get(0).shell().paths())
        .extracting(PathEntry::path)
        .containsExactly("/data", "/data/.keep");
    assertThat(stage.cmd().commands())
        .singleElement()
        .satisfies(c -> assertThat(c.program()).isEqualTo("su-exec"));
    assertThat(stage.cmd().runsAnyOf(Set.of("su-exec"))).isTrue();
  }
}
