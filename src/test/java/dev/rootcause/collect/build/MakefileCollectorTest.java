package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MakefileCollectorTest {

  @Test
  void seedZeroMakefileBuildsSreCandidate() {
    assertThat(BuildFacts.of(Path.of("examples/sre-assessment")))
        .containsExactly("BUILD sre-candidate:latest Makefile:7 Dockerfile .");
  }

  @Test
  void registryVariablesBuildAndPush() {
    assertThat(BuildFacts.of(Path.of("examples/healthy-shop")))
        .containsExactly(
            "BUILD registry.example.com/shop/catalog:1.8.0 Makefile:6 catalog/Dockerfile catalog",
            "BUILD registry.example.com/shop/checkout:1.8.0 Makefile:7 checkout/Dockerfile checkout",
            "PUSH registry.example.com/shop/catalog:1.8.0 Makefile:8 catalog/Dockerfile catalog",
            "PUSH registry.example.com/shop/checkout:1.8.0 Makefile:9 checkout/Dockerfile checkout");
  }

  @Test
  void variablesAreExpandedWithTheirFinalValues(@TempDir Path root) {
    BuildFacts.write(
        root,
        "deploy/Makefile",
        """
            # Images for the local kind cluster.
            SERVICES := api worker
            REGISTRY ?= ghcr.io/acme
            GIT_SHA = $(shell git rev-parse --short HEAD)
            CLUSTER = dev

            .PHONY: images load
            images:
            \t@for s in $(SERVICES); do \\
            \t  docker build -t $$s:$(TAG) ../services/$$s; \\
            \tdone
            \tdocker build -t $(REGISTRY)/web:$(GIT_SHA) ../web

            load: images
            \t-kind load docker-image api:$(TAG) --name $(CLUSTER)

            TAG := 0.3.0
            """,
        "services/api/Dockerfile",
        "FROM alpine\n",
        "services/worker/Dockerfile",
        "FROM alpine\n");
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD api:0.3.0 deploy/Makefile:10 services/api/Dockerfile services/api",
            "BUILD worker:0.3.0 deploy/Makefile:10 services/worker/Dockerfile services/worker",
            "BUILD ghcr.io/acme/web:$(shell git rev-parse --short HEAD) deploy/Makefile:12 web/Dockerfile web",
            "IMPORT api:0.3.0 deploy/Makefile:15 services/api/Dockerfile services/api");
  }

  @Test
  void conditionalValuesThatDifferAreUnknown(@TempDir Path root) {
    BuildFacts.write(
        root,
        "Makefile",
        """
        ifeq ($(ENV),prod)
        TAG = stable
        else
        TAG = dev
        endif
        NAME = shop

        build:
        \tdocker build -t $(NAME):$(TAG) .
        """);
    assertThat(BuildFacts.of(root)).containsExactly("BUILD shop:$(TAG) Makefile:9 Dockerfile .");
  }

  @Test
  void oneShellKeepsTheWorkingFolderAcrossLines(@TempDir Path root) {
    BuildFacts.write(
        root,
        "Makefile",
        """
            .ONESHELL:
            export IMAGE = frontend

            image:
            \tcd web
            \t# the folder holds its own Dockerfile
            \tdocker build -t "$$IMAGE:latest" .
            """,
        "web/Dockerfile",
        "FROM node:20\n");
    assertThat(BuildFacts.of(root))
        .containsExactly("BUILD frontend:latest Makefile:7 web/Dockerfile web");
  }
}
