package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitLabCiCollectorTest {

  @Test
  void dockerAndKanikoJobs(@TempDir Path root) {
    BuildFacts.write(
        root,
        ".gitlab-ci.yml",
        """
            stages: [build]
            variables:
              APP: billing
              VERSION: "2.3.1"

            default:
              before_script:
                - echo "building $APP"

            build-api:
              stage: build
              image: docker:24
              services: [docker:24-dind]
              variables:
                DOCKER_TLS_CERTDIR: "/certs"
              script:
                - docker build -t "$APP-api:$VERSION" -f api/Dockerfile api
                - |
                  docker tag "$APP-api:$VERSION" "$CI_REGISTRY_IMAGE/api:$VERSION"
                  docker push "$CI_REGISTRY_IMAGE/api:$VERSION"

            build-worker:
              stage: build
              image:
                name: gcr.io/kaniko-project/executor:v1.23.0-debug
                entrypoint: [""]
              script:
                - /kaniko/executor
                  --context "${CI_PROJECT_DIR}/worker"
                  --dockerfile "Dockerfile"
                  --destination "registry.gitlab.com/acme/billing/worker:${VERSION}"
            """,
        "api/Dockerfile",
        "FROM golang:1.22\n",
        "worker/Dockerfile",
        "FROM python:3.12\n");
    // A plain scalar spread over lines is one line to YAML: its facts point at its first line.
    assertThat(BuildFacts.of(root))
        .containsExactly(
            "BUILD billing-api:2.3.1 .gitlab-ci.yml:17 api/Dockerfile api",
            "TAG $CI_REGISTRY_IMAGE/api:2.3.1 .gitlab-ci.yml:19 api/Dockerfile api",
            "PUSH $CI_REGISTRY_IMAGE/api:2.3.1 .gitlab-ci.yml:20 api/Dockerfile api",
            "BUILD registry.gitlab.com/acme/billing/worker:2.3.1 .gitlab-ci.yml:28 worker/Dockerfile worker",
            "PUSH registry.gitlab.com/acme/billing/worker:2.3.1 .gitlab-ci.yml:28 worker/Dockerfile worker");
  }
}
