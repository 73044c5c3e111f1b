package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.build.ImageBuild.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShellAnalysisTest {

  /** Each fact as "KIND name line dockerfile context", so tests read like the script. */
  private static List<String> facts(String path, String script, String... files) {
    Set<String> existing = Set.of(files);
    return ShellAnalysis.analyze(
            ShellSource.script(path, script),
            p ->
                existing.contains(p)
                    || existing.stream().anyMatch(f -> p.isEmpty() || f.startsWith(p + "/")))
        .builds()
        .stream()
        .map(ShellAnalysisTest::describe)
        .toList();
  }

  private static String describe(ImageBuild b) {
    return b.kind()
        + " "
        + b.image().raw()
        + " "
        + b.location().line()
        + (b.dockerfile() == null && b.context() == null
            ? ""
            : " " + b.dockerfile() + " " + b.context())
        + (b.target() == null ? "" : " target=" + b.target());
  }

  @Test
  void loopOverArrayBuildsAndImportsEachService() {
    String script =
        """
        #!/usr/bin/env bash
        set -euo pipefail

        CLUSTER_NAME="${1:-brokenprod}"
        cd "$(dirname "$0")"

        SERVICES=(gateway api-service notification-service)

        for service in "${SERVICES[@]}"; do
          echo "==> building ${service}"
          docker build -t "${service}:latest" "./${service}"
        done

        for service in "${SERVICES[@]}"; do
          k3d image import "${service}:latest" -c "${CLUSTER_NAME}"
        done
        """;
    assertThat(
            facts(
                "services/build-and-import.sh",
                script,
                "services/gateway/Dockerfile",
                "services/api-service/Dockerfile",
                "services/notification-service/Dockerfile"))
        .containsExactly(
            "BUILD gateway:latest 11 services/gateway/Dockerfile services/gateway",
            "BUILD api-service:latest 11 services/api-service/Dockerfile services/api-service",
            "BUILD notification-service:latest 11 services/notification-service/Dockerfile services/notification-service",
            "IMPORT gateway:latest 15 services/gateway/Dockerfile services/gateway",
            "IMPORT api-service:latest 15 services/api-service/Dockerfile services/api-service",
            "IMPORT notification-service:latest 15 services/notification-service/Dockerfile services/notification-service");
  }

  @Test
  void loopOverLiteralWordsAndUnquotedList() {
    String script =
        """
        SERVICES="orders payments"
        for svc in $SERVICES; do docker build -t "$svc:latest" "services/$svc"; done
        for svc in web worker; do
          docker build -t "acme/$svc" "services/$svc"
        done
        """;
    assertThat(facts("build.sh", script))
        .containsExactly(
            "BUILD orders:latest 2 services/orders/Dockerfile services/orders",
            "BUILD payments:latest 2 services/payments/Dockerfile services/payments",
            "BUILD acme/web 4 services/web/Dockerfile services/web",
            "BUILD acme/worker 4 services/worker/Dockerfile services/worker");
  }

  @Test
  void assignmentsAndDefaultsResolve() {
    String script =
        """
        REGISTRY=registry.example.com/shop
        TAG="${TAG:-1.4.0}"
        VERSION=v2.1.0
        IMAGE="${REGISTRY}/api:${TAG}"
        docker build -t "$IMAGE" -t "api:${VERSION#v}" .
        docker push "$IMAGE"
        docker tag "$IMAGE" "${REGISTRY}/api:latest"
        """;
    assertThat(facts("build.sh", script, "Dockerfile"))
        .containsExactly(
            "BUILD registry.example.com/shop/api:1.4.0 5 Dockerfile ",
            "BUILD api:2.1.0 5 Dockerfile ",
            "PUSH registry.example.com/shop/api:1.4.0 6 Dockerfile ",
            "TAG registry.example.com/shop/api:latest 7 Dockerfile ");
  }

  @Test
  void unknownValuesStayTemplated() {
    String script =
        """
        docker build -t "app:$(git rev-parse --short HEAD)" .
        docker build -t "$IMAGE_NAME" .
        docker build -t "worker:${GITHUB_SHA}" .
        """;
    List<ImageBuild> builds =
        ShellAnalysis.analyze(ShellSource.script("ci/build.sh", script), p -> false).builds();
    assertThat(builds)
        .extracting(b -> b.image().raw())
        .containsExactly(
            "app:$(git rev-parse --short HEAD)", "$IMAGE_NAME", "worker:${GITHUB_SHA}");
    assertThat(builds).allMatch(b -> b.image().isTemplated());
  }

  @Test
  void dockerfileFlagResolvesWhereTheFileExists() {
    // No cd: run from the repository root (./scripts/build.sh) or from scripts/; the Dockerfile
    // decides.
    String script =
        """
        docker build \\
          -f docker/api.Dockerfile \\
          --target runtime \\
          -t api:dev \\
          .
        """;
    assertThat(facts("scripts/build.sh", script, "docker/api.Dockerfile"))
        .containsExactly("BUILD api:dev 4 docker/api.Dockerfile  target=runtime");
  }

  @Test
  void scriptDirIdiomAnchorsPaths() {
    String script =
        """
        SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
        ROOT="$SCRIPT_DIR/.."
        docker build -f "$SCRIPT_DIR/Dockerfile.api" -t api:1 "$ROOT"
        cd "$ROOT/web" && docker build -t web:1 .
        """;
    assertThat(facts("deploy/build.sh", script, "deploy/Dockerfile.api", "web/Dockerfile"))
        .containsExactly(
            "BUILD api:1 3 deploy/Dockerfile.api ", "BUILD web:1 4 web/Dockerfile web");
  }

  @Test
  void branchesThatDisagreeMakeTheValueUnknown() {
    String script =
        """
        ENV=dev
        if [ "$1" = prod ]; then ENV=prod; fi
        docker build -t "app-$ENV" .
        [ -z "$TAG" ] && TAG=latest
        if [ -z "$VERSION" ]; then VERSION=1.0; fi
        docker build -t "app:$VERSION" .
        """;
    assertThat(facts("build.sh", script, "Dockerfile"))
        .containsExactly("BUILD app-$ENV 3 Dockerfile ", "BUILD app:1.0 6 Dockerfile ");
  }

  @Test
  void functionsAreFollowedWithTheirArguments() {
    String script =
        """
        build() {
          local name="$1" dir="$2"
          docker build -t "$name:latest" "$dir"
          kind load docker-image "$name:latest" --name dev
        }
        build api services/api
        build web services/web
        """;
    assertThat(facts("build.sh", script, "services/api/Dockerfile", "services/web/Dockerfile"))
        .containsExactly(
            "BUILD api:latest 3 services/api/Dockerfile services/api",
            "IMPORT api:latest 4 services/api/Dockerfile services/api",
            "BUILD web:latest 3 services/web/Dockerfile services/web",
            "IMPORT web:latest 4 services/web/Dockerfile services/web");
  }

  @Test
  void buildxPushTagAndPlatformFlags() {
    String script =
        """
        docker buildx build --platform linux/amd64,linux/arm64 \\
          --tag ghcr.io/acme/api:1.2.0 --push --build-arg VERSION=1.2.0 .
        sudo docker image build --tag=api:local --file=Dockerfile .
        podman build -t localhost/api:dev .
        """;
    assertThat(facts("build.sh", script, "Dockerfile"))
        .containsExactly(
            "BUILD ghcr.io/acme/api:1.2.0 2 Dockerfile ",
            "PUSH ghcr.io/acme/api:1.2.0 2 Dockerfile ",
            "BUILD api:local 3 Dockerfile ",
            "BUILD localhost/api:dev 4 Dockerfile ");
  }

  @Test
  void localClusterLoadersAreImports() {
    String script =
        """
        minikube image load shop:latest -p dev
        minikube image build -t cart:latest services/cart
        eval $(minikube docker-env)
        docker build -t ui:latest ui
        k3d image import ./images/api.tar -c dev
        """;
    assertThat(facts("build.sh", script, "services/cart/Dockerfile", "ui/Dockerfile"))
        .containsExactly(
            "IMPORT shop:latest 1",
            "BUILD cart:latest 2 services/cart/Dockerfile services/cart",
            "IMPORT cart:latest 2 services/cart/Dockerfile services/cart",
            "BUILD ui:latest 4 ui/Dockerfile ui",
            "IMPORT ui:latest 4 ui/Dockerfile ui");
  }

  @Test
  void envPrefixIsTemporaryAndPlainAssignmentsPersist() {
    String script =
        """
        A=api B=1.0
        docker build -t "$A:$B" .
        TAG=2.0 docker build -t "web:$TAG" .
        docker build -t "web:$TAG" .
        """;
    assertThat(facts("build.sh", script, "Dockerfile"))
        .containsExactly(
            "BUILD api:1.0 2 Dockerfile ",
            "BUILD web:2.0 3 Dockerfile ",
            "BUILD web:$TAG 4 Dockerfile ");
  }

  @Test
  void embeddedShellMapsRowsToHostLinesAndRestoresPlaceholders() {
    ShellSource source =
        ShellSource.embedded(
            ".github/workflows/ci.yml",
            "echo build\ndocker build -t app:${__rc_1} -t app:edge app\n",
            20,
            "",
            Map.of(),
            Map.of("${__rc_1}", "${{ github.sha }}"));
    List<ImageBuild> builds =
        ShellAnalysis.analyze(source, p -> p.equals("app/Dockerfile")).builds();
    assertThat(builds)
        .extracting(ShellAnalysisTest::describe)
        .containsExactly(
            "BUILD app:${{ github.sha }} 21 app/Dockerfile app",
            "BUILD app:edge 21 app/Dockerfile app");
    assertThat(builds.get(0).location().path()).isEqualTo(".github/workflows/ci.yml");
  }

  @Test
  void garbageNeverThrows() {
    var result =
        ShellAnalysis.analyze(
            ShellSource.script(
                "x.sh", "docker build -t \"unterminated\nfor in do done ))) ${ $( `"),
            p -> false);
    assertThat(result.problems()).isNotEmpty();
    var nested =
        ShellAnalysis.analyze(
            ShellSource.script(
                "y.sh",
                "for a in 1 2 3 4 5 6 7 8 9 10; do for b in 1 2 3 4 5 6 7 8 9 10; do for c in 1 2 3 4 5 6 7 8 9 10; do "
                    + "for d in 1 2 3 4 5 6 7 8 9 10; do for e in 1 2 3 4 5 6 7 8 9 10; do docker build -t x:$a$b$c$d$e .;"
                    + " done; done; done; done; done"),
            p -> false);
    assertThat(nested.problems())
        .extracting(p -> p.message())
        .anyMatch(m -> m.contains("too intricate"));
  }

  @Test
  void tagCarriesTheDockerfileOfTheBuildItRenames() {
    String script =
        """
        docker build -t api:ci -f build/Dockerfile .
        docker tag api:ci registry.local:5000/api:ci
        docker push registry.local:5000/api:ci
        """;
    assertThat(facts("build.sh", script, "build/Dockerfile"))
        .containsExactly(
            "BUILD api:ci 1 build/Dockerfile ",
            "TAG registry.local:5000/api:ci 2 build/Dockerfile ",
            "PUSH registry.local:5000/api:ci 3 build/Dockerfile ");
    assertThat(Kind.values()).hasSize(4);
  }

  @Test
  void credentialsNeverReachFactsOrProblems() {
    String script =
        """
        REGISTRY_PASSWORD="s3cr3t-hunter2"
        docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.com
        echo "$REGISTRY_PASSWORD" | docker login --password-stdin -u ci registry.example.com
        docker build --build-arg NPM_TOKEN="$REGISTRY_PASSWORD" -t registry.example.com/web:1 .
        docker push registry.example.com/web:1 ((( broken
        """;
    var result = ShellAnalysis.analyze(ShellSource.script("release.sh", script), p -> false);
    assertThat(result.builds())
        .extracting(b -> b.image().raw())
        .containsOnly("registry.example.com/web:1");
    assertThat(result.builds().toString() + result.problems()).doesNotContain("hunter2");
  }
}
