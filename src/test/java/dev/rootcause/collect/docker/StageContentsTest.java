package dev.rootcause.collect.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.PathEntry;
import dev.rootcause.model.docker.StageContents;
import org.junit.jupiter.api.Test;

/**
 * What a stage is known to contain, asked of the model once the Dockerfile (and the shell of its
 * RUN lines) has been read, and when rootcause admits it cannot know.
 */
class StageContentsTest {

  private static StageContents contents(String text, String stage) {
    DockerfileParser.Result result = DockerfileParser.parse("Dockerfile", text);
    assertThat(result.problems()).as("problems").isEmpty();
    Dockerfile dockerfile = result.dockerfile();
    return dockerfile.contents(
        stage == null
            ? dockerfile.finalStage().orElseThrow()
            : dockerfile.stage(stage).orElseThrow());
  }

  @Test
  void goBuildOutputsAreExactAndOtherPathsInTheWorkdirAreMissing() {
    StageContents files =
        contents(
            """
            FROM golang:1.22 AS build
            WORKDIR /src
            COPY go.mod go.sum ./
            RUN go mod download
            RUN cd cmd/api && CGO_ENABLED=0 go build -o ../../bin/api .
            """,
            "build");
    assertThat(files.knowable()).isTrue();
    assertThat(files.built()).extracting(PathEntry::path).containsExactly("/src/bin/api");
    assertThat(files.mayHave("/src/bin/api")).isTrue();
    assertThat(files.mayHave("/src/bin")).isTrue();
    assertThat(files.mayHave("/src/go.sum")).isTrue();
    assertThat(files.mayHave("/src/bin/server")).isFalse();
    assertThat(files.mayHave("/usr/local/bin/api")).as("the base image's folders").isTrue();
    assertThat(files.mayHave("/go/bin/api")).as("GOPATH/bin of the golang image").isTrue();
  }

  @Test
  void aCommandNotFollowedMakesEverythingPossible() {
    StageContents files =
        contents(
            """
            FROM golang:1.22 AS build
            WORKDIR /src
            RUN make release
            RUN ./scripts/package.sh
            """,
            "build");
    assertThat(files.knowable()).isFalse();
    assertThat(files.mayHave("/out/anything")).isTrue();
  }

  @Test
  void aBranchOrALoopMakesEverythingPossible() {
    StageContents files =
        contents(
            """
            FROM alpine:3.20
            WORKDIR /app
            RUN for f in a b; do touch /app/$f; done
            """,
            null);
    assertThat(files.knowable()).isFalse();
    assertThat(files.mayHave("/app/c")).isTrue();
  }

  @Test
  void unknownBaseImagesMayHoldAnything() {
    assertThat(
            contents("FROM registry.example.com/base/go:1\nWORKDIR /app\n", null)
                .baseMayHave("/app/server"))
        .isTrue();
    assertThat(contents("FROM scratch\n", null).baseMayHave("/etc/ssl/certs/ca-certificates.crt"))
        .isFalse();
  }

  @Test
  void copiesFromAStageCarryExactFilesAndFoldersOtherwise() {
    StageContents files =
        contents(
            """
            FROM golang:1.22 AS build
            WORKDIR /src
            COPY . .
            RUN go build -o /out/server ./cmd/server

            FROM alpine:3.20
            WORKDIR /app
            COPY --from=build /out/server .
            COPY --from=build /src/web/dist /app/static
            """,
            null);
    assertThat(files.exactly("/app/server")).isPresent();
    assertThat(files.mayHave("/app/main")).isFalse();
    assertThat(files.mayHave("/app/static/index.html")).as("a folder copied whole").isTrue();
  }

  @Test
  void contextCopiesAndSingleFilesAreTold() {
    StageContents files =
        contents(
            """
            FROM python:3.12-slim
            WORKDIR /srv
            COPY requirements.txt .
            COPY src/ ./src/
            COPY deploy/app.conf /etc/app/app.conf
            RUN pip install --no-cache-dir -r requirements.txt
            """,
            null);
    assertThat(files.mayHave("/srv/requirements.txt")).isTrue();
    assertThat(files.mayHave("/srv/src/app.py")).isTrue();
    assertThat(files.mayHave("/etc/app/app.conf")).isTrue();
    assertThat(files.mayHave("/srv/app.py")).isFalse();
  }

  @Test
  void downloadsAndRedirectionsCreateFiles() {
    StageContents files =
        contents(
            """
            FROM debian:bookworm-slim
            WORKDIR /opt/tool
            RUN curl -fsSLo tool.tgz https://example.com/tool.tgz && echo ok > ready
            RUN wget -O /opt/tool/bin/helper https://example.com/helper
            """,
            null);
    assertThat(files.knowable()).isTrue();
    assertThat(files.mayHave("/opt/tool/tool.tgz")).isTrue();
    assertThat(files.mayHave("/opt/tool/ready")).isTrue();
    assertThat(files.mayHave("/opt/tool/bin/helper")).isTrue();
    assertThat(files.mayHave("/opt/tool/other")).isFalse();
  }

  @Test
  void aVirtualenvIsAFolderOfUnknownContents() {
    StageContents files =
        contents(
            """
            FROM python:3.12-slim AS build
            WORKDIR /app
            COPY . .
            RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
            """,
            "build");
    assertThat(files.knowable()).isTrue();
    assertThat(files.mayHave("/venv/lib/python3.12/site-packages/flask")).isTrue();
    assertThat(files.mayHave("/env/bin/python")).isFalse();
  }

  @Test
  void aFolderMadeEmptyHoldsOnlyWhatIsPutInIt() {
    StageContents files =
        contents(
            """
            FROM alpine:3.20
            RUN mkdir -p /srv/app && echo '{}' > /srv/app/config.json
            """,
            null);
    assertThat(files.mayHave("/srv/app/config.json")).isTrue();
    assertThat(files.mayHave("/srv/app/server")).isFalse();
  }
}
