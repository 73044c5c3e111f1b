package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubWorkflowCollectorTest {

  @Test
  void buildPushActionTagsOnTheirOwnLines(@TempDir Path root) {
    BuildFacts.write(
        root,
        ".github/workflows/release.yml",
        """
            name: release
            on:
              push:
                tags: ["v*"]
            env:
              IMAGE: ghcr.io/acme/orders
            jobs:
              image:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - uses: docker/build-push-action@v6
                    with:
                      context: services/orders
                      file: services/orders/Dockerfile.release
                      push: true
                      tags: |
                        ${{ env.IMAGE }}:latest
                        ${{ env.IMAGE }}:${{ github.ref_name }}
                  - uses: docker/build-push-action@v5
                    with:
                      tags: acme/site:edge, acme/site:main
            """,
        "services/orders/Dockerfile.release",
        "FROM eclipse-temurin:21\n",
        "Dockerfile",
        "FROM nginx\n");
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD ghcr.io/acme/orders:latest .github/workflows/release.yml:18 services/orders/Dockerfile.release services/orders",
            "PUSH ghcr.io/acme/orders:latest .github/workflows/release.yml:18 services/orders/Dockerfile.release services/orders",
            "BUILD ghcr.io/acme/orders:${{ github.ref_name }} .github/workflows/release.yml:19 services/orders/Dockerfile.release services/orders",
            "PUSH ghcr.io/acme/orders:${{ github.ref_name }} .github/workflows/release.yml:19 services/orders/Dockerfile.release services/orders",
            "BUILD acme/site:edge .github/workflows/release.yml:22 Dockerfile .",
            "BUILD acme/site:main .github/workflows/release.yml:22 Dockerfile .");
  }

  @Test
  void runStepsAreShellWithEnvAndWorkingDirectory(@TempDir Path root) {
    BuildFacts.write(
        root,
        ".github/workflows/e2e.yaml",
        """
            on: pull_request
            jobs:
              e2e:
                runs-on: ubuntu-latest
                env:
                  CLUSTER: e2e
                  TAG: ${{ github.sha }}
                defaults:
                  run:
                    working-directory: services
                steps:
                  - uses: actions/checkout@v4
                  - name: Build images
                    run: |
                      for svc in cart payments; do
                        docker build -t "$svc:ci" "$svc"
                      done
                      docker build -t "gateway:$TAG" gateway
                  - name: Load into kind
                    working-directory: .
                    run: kind load docker-image cart:ci payments:ci --name "$CLUSTER"
                  - run: Write-Host "docker build -t nope ."
                    shell: pwsh
            """,
        "services/cart/Dockerfile",
        "FROM node:20\n",
        "services/payments/Dockerfile",
        "FROM node:20\n",
        "services/gateway/Dockerfile",
        "FROM nginx\n");
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD cart:ci .github/workflows/e2e.yaml:16 services/cart/Dockerfile services/cart",
            "BUILD payments:ci .github/workflows/e2e.yaml:16 services/payments/Dockerfile services/payments",
            "BUILD gateway:${{ github.sha }} .github/workflows/e2e.yaml:18 services/gateway/Dockerfile services/gateway",
            "IMPORT cart:ci .github/workflows/e2e.yaml:21 services/cart/Dockerfile services/cart",
            "IMPORT payments:ci .github/workflows/e2e.yaml:21 services/payments/Dockerfile services/payments");
  }

  @Test
  void compositeActionSteps(@TempDir Path root) {
    BuildFacts.write(
        root,
        ".github/actions/image/action.yml",
        """
        name: image
        runs:
          using: composite
          steps:
            - run: docker build -t "tools:${{ inputs.version }}" tools
              shell: bash
        """);
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD tools:${{ inputs.version }} .github/actions/image/action.yml:5 tools/Dockerfile tools");
  }
}
