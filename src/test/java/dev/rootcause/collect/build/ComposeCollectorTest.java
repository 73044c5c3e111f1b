package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeCollectorTest {

  @Test
  void buildSectionsWithImageNames(@TempDir Path root) {
    BuildFacts.write(
        root,
        "deploy/docker-compose.yml",
        """
            services:
              api:
                build:
                  context: ../services/api
                  dockerfile: docker/Dockerfile.prod
                  target: runtime
                image: shop/api:${API_TAG:-1.2.0}
                ports:
                  - "8080:8080"
              web:
                build: ../web
                image: shop/web:${WEB_TAG}
              redis:
                image: redis:7
            """,
        "services/api/docker/Dockerfile.prod",
        "FROM python:3.12\n",
        "web/Dockerfile",
        "FROM node:20\n");
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD shop/api:1.2.0 deploy/docker-compose.yml:7 services/api/docker/Dockerfile.prod services/api target=runtime",
            "BUILD shop/web:${WEB_TAG} deploy/docker-compose.yml:12 web/Dockerfile web");
  }

  @Test
  void defaultNameNeedsTheProjectNameAndDotEnvFillsVariables(@TempDir Path root) {
    BuildFacts.write(
        root,
        "compose.yaml",
        """
            name: Cart
            services:
              checkout:
                build: ./checkout
              worker:
                build:
                  context: .
                  tags:
                    - "cart-worker:${VERSION}"
            """,
        ".env",
        "VERSION=4.1\n",
        "other/docker-compose.yml",
        """
            services:
              api:
                build: .
            """);
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD cart-checkout compose.yaml:4 checkout/Dockerfile checkout",
            "BUILD cart-worker compose.yaml:6 Dockerfile .",
            "BUILD cart-worker:4.1 compose.yaml:9 Dockerfile .");
  }

  @Test
  void kubernetesObjectsWithServicesKeysAreNotCompose(@TempDir Path root) {
    BuildFacts.write(
        root,
        "k8s/mesh.yaml",
        """
        apiVersion: example.com/v1
        kind: Mesh
        metadata:
          name: shop
        services:
          api:
            image: api:1
            build: yes
        """);
    assertThat(BuildFacts.of(root)).isEmpty();
  }
}
