package dev.rootcause.collect.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dockerfile parser on Dockerfiles real teams write, and on the ones they break. */
class DockerfileParserTest {

  private static Dockerfile parse(String text) {
    DockerfileParser.Result result = DockerfileParser.parse("svc/Dockerfile", text);
    assertThat(result.problems()).as("problems").isEmpty();
    return result.dockerfile();
  }

  private static List<CollectionProblem> problems(String text) {
    return DockerfileParser.parse("Dockerfile", text).problems();
  }

  private static SourceLocation at(int line, int column) {
    return new SourceLocation("svc/Dockerfile", line, column);
  }

  @Test
  void multiStageGoBuildIntoScratch() {
    Dockerfile d =
        parse(
            """
            # syntax=docker/dockerfile:1
            ARG GO_VERSION=1.22

            FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS builder
            WORKDIR /go/src/app
            COPY go.mod go.sum ./
            RUN go mod download
            COPY . .
            RUN CGO_ENABLED=0 GOOS=linux \\
                # a static binary, so it runs on scratch
                go build -ldflags="-s -w" -o /out/server ./cmd/server

            FROM scratch
            COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
            COPY --from=builder --chown=65532:65532 /out/server /server
            USER 65532:65532
            EXPOSE 8080 8443/tcp
            ENTRYPOINT ["/server"]
            """);

    assertThat(d.path()).isEqualTo("svc/Dockerfile");
    assertThat(d.directory()).isEqualTo("svc");
    assertThat(d.globalArgs()).containsExactly(new Dockerfile.Arg("GO_VERSION", "1.22", at(2, 5)));
    assertThat(d.stages()).hasSize(2);

    Stage builder = d.stages().get(0);
    assertThat(builder.index()).isZero();
    assertThat(builder.name()).isEqualTo("builder");
    assertThat(builder.baseImage()).isEqualTo("golang:1.22-alpine");
    assertThat(builder.location()).isEqualTo(at(4, 1));
    assertThat(builder.workdir()).isEqualTo("/go/src/app");
    assertThat(builder.copies().get(0).sources()).containsExactly("go.mod", "go.sum");
    assertThat(builder.copies().get(0).destinationPath()).isEqualTo("/go/src/app");
    assertThat(builder.copies().get(0).intoDirectory()).isTrue();
    assertThat(builder.runs()).hasSize(2);
    Stage.Run build = builder.runs().get(1);
    assertThat(build.location()).isEqualTo(at(9, 1));
    assertThat(build.workdir()).isEqualTo("/go/src/app");
    assertThat(build.command())
        .isEqualTo(
            "CGO_ENABLED=0 GOOS=linux     go build -ldflags=\"-s -w\" -o /out/server ./cmd/server")
        .doesNotContain("static binary");

    Stage last = d.finalStage().orElseThrow();
    assertThat(last.fromScratch()).isTrue();
    assertThat(last.name()).isNull();
    assertThat(last.workdir()).isEqualTo("/");
    assertThat(last.copies()).extracting(Stage.Copy::from).containsExactly("builder", "builder");
    assertThat(last.copies().get(1).sources()).containsExactly("/out/server");
    assertThat(last.copies().get(1).destination()).isEqualTo("/server");
    assertThat(last.effectiveUser())
        .hasValueSatisfying(
            u -> {
              assertThat(u.user()).isEqualTo("65532:65532");
              assertThat(u.isRoot()).isFalse();
              assertThat(u.location()).isEqualTo(at(16, 6));
            });
    assertThat(last.exposes()).extracting(Stage.Expose::port).containsExactly(8080, 8443);
    assertThat(last.exposes())
        .extracting(Stage.Expose::location)
        .containsExactly(at(17, 8), at(17, 13));
    assertThat(last.entrypoint().argv()).containsExactly("/server");
    assertThat(last.entrypoint().shellForm()).isFalse();
    assertThat(last.entrypoint().location()).isEqualTo(at(18, 1));
    assertThat(last.cmd()).isNull();
    assertThat(d.stage("builder")).contains(builder);
    assertThat(d.stage("0")).contains(builder);
    assertThat(d.parent(last)).isEmpty();
  }

  @Test
  void nodeServiceWithPortFromEnv() {
    Dockerfile d =
        parse(
            """
            FROM node:20-alpine AS deps
            WORKDIR /usr/src/app
            COPY package.json package-lock.json ./
            RUN npm ci --omit=dev

            FROM node:20-alpine
            ENV NODE_ENV=production PORT=3000
            WORKDIR /usr/src/app
            COPY --from=deps /usr/src/app/node_modules ./node_modules
            COPY . .
            EXPOSE $PORT
            USER node
            CMD ["node", "server.js"]
            """);
    Stage app = d.finalStage().orElseThrow();
    assertThat(app.env()).containsEntry("NODE_ENV", "production").containsEntry("PORT", "3000");
    assertThat(app.exposes())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.port()).isEqualTo(3000);
              assertThat(e.raw()).isEqualTo("$PORT");
              assertThat(e.protocol()).isEqualTo("tcp");
            });
    assertThat(app.copies().get(0).destinationPath()).isEqualTo("/usr/src/app/node_modules");
    assertThat(app.copies().get(0).intoDirectory()).isFalse();
    assertThat(app.cmd().argv()).containsExactly("node", "server.js");
    assertThat(app.effectiveUser()).hasValueSatisfying(u -> assertThat(u.isRoot()).isFalse());
  }

  @Test
  void pythonGunicornShellFormSeesEnvValues() {
    Dockerfile d =
        parse(
            """
            FROM python:3.11-slim
            ENV APP_HOME=/srv/app \\
                PORT=8080
            WORKDIR $APP_HOME
            COPY requirements.txt .
            RUN pip install --no-cache-dir -r requirements.txt
            COPY . .
            RUN useradd --create-home appuser
            USER appuser
            EXPOSE ${PORT}
            CMD gunicorn --bind 0.0.0.0:$PORT --workers 2 app:app
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.workdir()).isEqualTo("/srv/app");
    assertThat(s.copies().get(0).destinationPath()).isEqualTo("/srv/app");
    assertThat(s.runs().get(0).workdir()).isEqualTo("/srv/app");
    assertThat(s.exposes()).extracting(Stage.Expose::port).containsExactly(8080);
    assertThat(s.cmd().shellForm()).isTrue();
    assertThat(s.cmd().argv())
        .containsExactly("/bin/sh", "-c", "gunicorn --bind 0.0.0.0:8080 --workers 2 app:app");
  }

  @Test
  void seedZeroPythonImageWithoutUser() {
    Dockerfile d =
        parse(
            """
            FROM python:3.11
            COPY . /app
            RUN pip install -r /app/requirements.txt
            EXPOSE 80
            CMD ["python", "app/main.py"]
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.users()).isEmpty();
    assertThat(s.effectiveUser()).isEmpty();
    assertThat(s.workdir()).isEqualTo("/");
    assertThat(s.copies().get(0).destinationPath()).isEqualTo("/app");
    assertThat(s.exposes()).extracting(Stage.Expose::port).containsExactly(80);
  }

  @Test
  void relativeWorkdirsAccumulateAndStagesInheritFromEarlierStages() {
    Dockerfile d =
        parse(
            """
            ARG RUNTIME=gcr.io/distroless/static-debian12:nonroot
            FROM golang:1.22 AS build
            WORKDIR src
            WORKDIR app/../service
            ENV CGO_ENABLED=0
            EXPOSE 9090
            USER builder
            CMD ["go", "run", "."]

            FROM build AS test
            RUN go test ./...

            FROM ${RUNTIME}
            COPY --from=build /go/src/service/bin/svc /svc
            """);
    Stage build = d.stages().get(0);
    Stage test = d.stages().get(1);
    Stage runtime = d.stages().get(2);
    assertThat(build.workdir()).isEqualTo("/go/src/service");
    assertThat(test.workdir()).isEqualTo("/go/src/service");
    assertThat(test.env()).containsEntry("CGO_ENABLED", "0");
    assertThat(test.exposes()).extracting(Stage.Expose::port).containsExactly(9090);
    assertThat(test.effectiveUser())
        .hasValueSatisfying(u -> assertThat(u.location()).isEqualTo(at(7, 6)));
    assertThat(test.cmd().argv()).containsExactly("go", "run", ".");
    assertThat(test.runs())
        .singleElement()
        .satisfies(r -> assertThat(r.workdir()).isEqualTo("/go/src/service"));
    assertThat(test.copies()).isEmpty();
    assertThat(d.parent(test)).contains(build);
    assertThat(d.lineage(test)).containsExactly(build, test);
    assertThat(runtime.baseImage()).isEqualTo("gcr.io/distroless/static-debian12:nonroot");
    assertThat(runtime.workdir()).isEqualTo("/");
    assertThat(runtime.env()).isEmpty();
    assertThat(d.lineage(runtime)).containsExactly(runtime);
  }

  @Test
  void unknownBaseLeavesRelativePathsUnresolved() {
    Dockerfile d =
        parse(
            """
            FROM registry.example.com/platform/java-base:21
            WORKDIR app
            COPY target/app.jar .
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.workdir()).isNull();
    assertThat(s.copies().get(0).destinationPath()).isNull();
  }

  @Test
  void entrypointResetsInheritedCmdButKeepsItsOwn() {
    Dockerfile d =
        parse(
            """
            FROM alpine:3.19 AS base
            CMD ["--help"]

            FROM base AS tool
            ENTRYPOINT ["/usr/local/bin/tool"]

            FROM base
            CMD ["--serve"]
            ENTRYPOINT /usr/local/bin/tool --verbose
            """);
    assertThat(d.stages().get(1).cmd()).isNull();
    Stage last = d.stages().get(2);
    assertThat(last.cmd().argv()).containsExactly("--serve");
    assertThat(last.entrypoint().argv())
        .containsExactly("/bin/sh", "-c", "/usr/local/bin/tool --verbose");
  }

  @Test
  void envLegacyFormAndSameLineSemantics() {
    Dockerfile d =
        parse(
            """
            FROM debian:bookworm-slim
            ENV GREETING hello big world
            ENV A=1
            ENV A=2 B=$A C="two words" D='$A' E=${MISSING:-fallback} F=${A:+set}
            ENV PATH=/opt/app/bin:$PATH
            """);
    assertThat(d.finalStage().orElseThrow().env())
        .containsEntry("GREETING", "hello big world")
        .containsEntry("A", "2")
        .containsEntry("B", "1")
        .containsEntry("C", "two words")
        .containsEntry("D", "$A")
        .containsEntry("E", "fallback")
        .containsEntry("F", "set")
        .containsEntry("PATH", "/opt/app/bin:$PATH");
  }

  @Test
  void buildArgWithoutDefaultStaysUnresolved() {
    Dockerfile d =
        parse(
            """
            ARG VERSION
            ARG PORT=8080
            FROM eclipse-temurin:21-jre
            ARG VERSION
            ARG PORT
            WORKDIR /opt/app
            COPY build/libs/app-${VERSION}.jar app.jar
            COPY build/libs/app-${VERSION:-dev}.jar fallback.jar
            EXPOSE ${PORT}
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.copies().get(0).sources()).containsExactly("build/libs/app-${VERSION}.jar");
    assertThat(s.copies().get(1).sources()).containsExactly("build/libs/app-${VERSION:-dev}.jar");
    assertThat(s.exposes()).extracting(Stage.Expose::port).containsExactly(8080);
    assertThat(d.globalArgs())
        .extracting(Dockerfile.Arg::defaultValue)
        .containsExactly(null, "8080");
  }

  @Test
  void stageArgsDoNotLeakIntoTheNextStage() {
    Dockerfile d =
        parse(
            """
            FROM alpine:3.19 AS one
            ARG PORT=9000
            EXPOSE $PORT

            FROM alpine:3.19
            EXPOSE $PORT
            """);
    assertThat(d.stages().get(0).exposes()).extracting(Stage.Expose::port).containsExactly(9000);
    assertThat(d.stages().get(1).exposes())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.port()).isNull();
              assertThat(e.raw()).isEqualTo("$PORT");
            });
  }

  @Test
  void exposeKeepsEveryTokenPosition() {
    Dockerfile d =
        parse(
            """
            FROM nginx:1.27
            EXPOSE 8080 8443/tcp $PORT \\
              53/UDP 7000-7002
            """);
    List<Stage.Expose> exposes = d.finalStage().orElseThrow().exposes();
    assertThat(exposes)
        .extracting(Stage.Expose::port)
        .containsExactly(8080, 8443, null, 53, 7000, 7001, 7002);
    assertThat(exposes)
        .extracting(Stage.Expose::protocol)
        .containsExactly("tcp", "tcp", "tcp", "udp", "tcp", "tcp", "tcp");
    assertThat(exposes.subList(0, 4))
        .extracting(Stage.Expose::location)
        .containsExactly(at(2, 8), at(2, 13), at(2, 22), at(3, 3));
  }

  @Test
  void execFormNeedsValidJsonElseItIsShellForm() {
    Dockerfile d =
        parse(
            """
            FROM python:3.12-slim AS a
            CMD [ "python", "-m", "http.server", "8000" ]

            FROM python:3.12-slim
            CMD ['python', 'app.py']
            """);
    assertThat(d.stages().get(0).cmd().argv())
        .containsExactly("python", "-m", "http.server", "8000");
    assertThat(d.stages().get(0).cmd().shellForm()).isFalse();
    assertThat(d.stages().get(1).cmd().shellForm()).isTrue();
    assertThat(d.stages().get(1).cmd().argv())
        .containsExactly("/bin/sh", "-c", "['python', 'app.py']");
  }

  @Test
  void shellInstructionChangesShellForm() {
    Dockerfile d =
        parse(
            """
            FROM ubuntu:24.04
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            RUN curl -fsSL https://example.com/install.sh | bash
            CMD ./run.sh
            """);
    assertThat(d.finalStage().orElseThrow().cmd().argv())
        .containsExactly("/bin/bash", "-o", "pipefail", "-c", "./run.sh");
  }

  @Test
  void heredocsKeepTheirBodiesAndTheLinesAfterThem() {
    Dockerfile d =
        parse(
            """
            FROM alpine:3.19
            RUN <<EOF
            apk add --no-cache curl
            adduser -D app
            EOF
            COPY <<EOF /etc/app/config.yaml
            listen: 8080
            EOF
            RUN <<-EOT sh
            \techo "tabs stripped"
            \tEOT
            RUN python3 <<'PY'
            print("hi")
            PY
            USER app
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.runs().get(0).command()).isEqualTo("apk add --no-cache curl\nadduser -D app");
    assertThat(s.runs().get(1).command()).isEqualTo("<<-EOT sh\necho \"tabs stripped\"\nEOT");
    assertThat(s.runs().get(2).command()).isEqualTo("python3 <<'PY'\nprint(\"hi\")\nPY");
    assertThat(s.copies())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.sources()).containsExactly("<<EOF");
              assertThat(c.destination()).isEqualTo("/etc/app/config.yaml");
              assertThat(c.location()).isEqualTo(at(6, 1));
            });
    assertThat(s.effectiveUser())
        .hasValueSatisfying(u -> assertThat(u.location()).isEqualTo(at(15, 6)));
    assertThat(s.instructions())
        .extracting(Stage.Instruction::keyword)
        .containsExactly("RUN", "COPY", "RUN", "RUN", "USER");
  }

  @Test
  void hereStringsAndQuotedArrowsAreNotHeredocs() {
    Dockerfile d =
        parse(
            """
            FROM bash:5
            RUN cat <<< "x" && echo "a <<b"
            USER nobody
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.runs())
        .singleElement()
        .satisfies(r -> assertThat(r.command()).isEqualTo("cat <<< \"x\" && echo \"a <<b\""));
    assertThat(s.users()).hasSize(1);
  }

  @Test
  void escapeDirectiveSwitchesToBacktick() {
    Dockerfile d =
        parse(
            """
            # escape=`

            FROM mcr.microsoft.com/windows/servercore:ltsc2022
            RUN powershell -Command `
                Invoke-WebRequest https://example.com/app.zip -OutFile C:\\app.zip
            COPY app\\ C:\\app\\
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.runs().get(0).command())
        .contains("-Command     Invoke-WebRequest")
        .contains("C:\\app.zip");
    assertThat(s.copies().get(0).sources()).containsExactly("app\\");
    assertThat(s.copies().get(0).destination()).isEqualTo("C:\\app\\");
  }

  @Test
  void directiveAfterAnInstructionIsAComment() {
    Dockerfile d =
        parse(
            """
            FROM alpine:3.19
            # escape=`
            RUN echo one \\
                two
            """);
    assertThat(d.finalStage().orElseThrow().runs().get(0).command()).isEqualTo("echo one     two");
  }

  @Test
  void copyFlagsJsonFormAndAdd() {
    Dockerfile d =
        parse(
            """
            FROM alpine:3.19 AS assets
            FROM nginx:1.27-alpine
            COPY --chown=nginx:nginx --from=0 ["/srv/site files/", "/usr/share/nginx/html/"]
            ADD https://example.com/tini /tini
            ADD --chmod=755 vendor.tar.gz /opt/
            COPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/busybox
            """);
    List<Stage.Copy> copies = d.finalStage().orElseThrow().copies();
    assertThat(copies.get(0).from()).isEqualTo("0");
    assertThat(copies.get(0).sources()).containsExactly("/srv/site files/");
    assertThat(copies.get(0).destination()).isEqualTo("/usr/share/nginx/html/");
    assertThat(copies.get(1).keyword()).isEqualTo("ADD");
    assertThat(copies.get(1).sources()).containsExactly("https://example.com/tini");
    assertThat(copies.get(1).from()).isNull();
    assertThat(copies.get(2).sources()).containsExactly("vendor.tar.gz");
    assertThat(copies.get(3).from()).isEqualTo("docker.io/library/busybox:1.36");
    assertThat(d.stage(copies.get(0).from())).contains(d.stages().get(0));
  }

  @Test
  void rootUserAndLowerCaseKeywords() {
    Dockerfile d =
        parse(
            """
            from ubuntu:24.04
            user root
            run apt-get update
            """);
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.effectiveUser()).hasValueSatisfying(u -> assertThat(u.isRoot()).isTrue());
    assertThat(s.instructions())
        .extracting(Stage.Instruction::keyword)
        .containsExactly("USER", "RUN");
  }

  @Test
  void windowsLineEndings() {
    Dockerfile d = parse("FROM alpine:3.19\r\nRUN echo a \\\r\n  && echo b\r\nUSER 1000\r\n");
    Stage s = d.finalStage().orElseThrow();
    assertThat(s.runs().get(0).command()).isEqualTo("echo a   && echo b");
    assertThat(s.users().get(0).user()).isEqualTo("1000");
  }

  // ---- malformed input -----------------------------------------------------------------------

  @Test
  void noFromIsSkipped() {
    DockerfileParser.Result result =
        DockerfileParser.parse(
            "Dockerfile",
            """
            # just notes, no build
            RUN echo hi
            """);
    assertThat(result.dockerfile()).isNull();
    assertThat(result.problems())
        .extracting(CollectionProblem::kind)
        .containsExactly(CollectionProblem.Kind.NOTE, CollectionProblem.Kind.SKIPPED);
    assertThat(result.problems().get(0).display())
        .isEqualTo("Dockerfile:2:1: RUN before the first FROM ignored (only ARG may come first)");
    assertThat(result.problems().get(1).display())
        .isEqualTo(
            "Dockerfile: skipped: no FROM instruction: not a Dockerfile docker build accepts");
  }

  @Test
  void emptyFileIsNoDockerfileAndNoProblem() {
    DockerfileParser.Result result = DockerfileParser.parse("Dockerfile", "# nothing here yet\n");
    assertThat(result.dockerfile()).isNull();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void instructionsWithoutFromAreSkipped() {
    DockerfileParser.Result result =
        DockerfileParser.parse("Dockerfile", "RUN make\nCMD [\"./app\"]\n");
    assertThat(result.dockerfile()).isNull();
    assertThat(result.problems())
        .filteredOn(p -> p.kind() == CollectionProblem.Kind.SKIPPED)
        .extracting(CollectionProblem::display)
        .containsExactly(
            "Dockerfile: skipped: no FROM instruction: not a Dockerfile docker build accepts");
  }

  @Test
  void unknownInstructionIsANoteAndTheRestIsRead() {
    DockerfileParser.Result result =
        DockerfileParser.parse(
            "Dockerfile",
            """
            FROM alpine:3.19
              COPPY app /app
            USER app
            """);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(CollectionProblem.Kind.NOTE);
              assertThat(p.display())
                  .isEqualTo(
                      "Dockerfile:2:3: unknown instruction 'COPPY' ignored (docker build rejects"
                          + " it)");
            });
    assertThat(result.dockerfile().finalStage().orElseThrow().users()).hasSize(1);
  }

  @Test
  void unterminatedHeredocIsANote() {
    DockerfileParser.Result result =
        DockerfileParser.parse(
            "Dockerfile",
            """
            FROM alpine:3.19
            RUN <<EOF
            echo never closed
            USER app
            """);
    assertThat(result.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(CollectionProblem.Kind.NOTE);
              assertThat(p.message()).contains("<<EOF is never closed");
              assertThat(p.location().line()).isEqualTo(2);
            });
    Stage s = result.dockerfile().finalStage().orElseThrow();
    assertThat(s.runs().get(0).command()).isEqualTo("echo never closed\nUSER app");
    assertThat(s.users()).isEmpty();
  }

  @Test
  void badValuesAreNotes() {
    List<CollectionProblem> problems =
        problems(
            """
            # escape=x
            FROM
            EXPOSE http 99999
            USER
            COPY onlyone
            SHELL /bin/bash -c
            ENV
            WORKDIR
            """);
    assertThat(problems)
        .extracting(CollectionProblem::kind)
        .containsOnly(CollectionProblem.Kind.NOTE);
    assertThat(problems)
        .extracting(p -> p.location().line())
        .containsExactly(1, 2, 3, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void garbageNeverThrows() {
    for (String text :
        List.of(
            "FROM",
            "FROM \\",
            "\\\n\\\n",
            "RUN <<",
            "FROM a\nRUN <<E",
            "FROM ${",
            "FROM a\nENV A=${B",
            "FROM a\nCMD [\"unterminated",
            "FROM a\nEXPOSE $",
            "FROM a\nCMD [\"\\u12\"]",
            "FROM a\nARG =x",
            "FROM a\nCOPY --from= a b",
            "FROM a AS\nFROM a AS b c",
            "\uFEFFFROM a",
            "FROM a\nRUN echo \\",
            "FROM a\nWORKDIR ../../..",
            "FROM a\nCMD []")) {
      assertThatCode(() -> DockerfileParser.parse("Dockerfile", text))
          .as(text)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void emptyExecFormIsAnEmptyCommand() {
    Dockerfile d =
        parse(
            """
            FROM alpine:3.19
            ENTRYPOINT []
            WORKDIR ../../..
            """);
    assertThat(d.finalStage().orElseThrow().entrypoint().argv()).isEmpty();
    assertThat(d.finalStage().orElseThrow().workdir()).isEqualTo("/");
  }
}
