package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Collectors never throw: every prefix of a realistic file (a file cut off mid-write) is read. */
class TruncatedInputTest {

  private static final String JENKINSFILE =
      """
      pipeline {
        environment { IMAGE = "shop-${env.BRANCH_NAME}" ; TAG = '1.0' }
        stages {
          stage('b') { steps {
            sh \"\"\"docker build -t ${IMAGE}:${TAG} -f "build/Dockerfile" . && \\\\
              docker push \\${IMAGE}:${TAG}\"\"\"
            script { def img = docker.build("acme/x:${TAG}", '--target run .'); img.push('latest') }
            dir('sub') { sh(script: 'kind load docker-image a:b --name c', label: "x") }
          } }
        }
      }
      """;

  private static final String MAKEFILE =
      """
      IMAGE ?= $(shell basename $(CURDIR))
      TAG := $(or $(VERSION),dev)
      define HELP
      docker build -t nope .
      endef
      ifeq ($(CI),true)
      TAG = ci
      endif
      build: ; @echo inline
      \tdocker build -t $(IMAGE):$(TAG) \\
      \t  --build-arg X=$${HOME} .
      \tfor s in a b; do docker tag $(IMAGE):$(TAG) $$s; done
      """;

  private static final String SCRIPT =
      """
      #!/usr/bin/env bash
      set -euo pipefail
      SVCS=(a "b c" ${EXTRA[@]:-})
      f() { local n="${1:?}"; docker build -t "${n,,}:${2:-latest}" "${3:-.}"; }
      for s in "${SVCS[@]}"; do f "$s" "$(date +%s)" "services/${s// /-}"; done
      case "$1" in up) k3d image import "${SVCS[0]}:latest" -c "${CLUSTER:=dev}";; esac
      ( cd "$(dirname "${BASH_SOURCE[0]}")/.." && docker buildx build --push -t r.io/x:$((1+2)) . ) &
      """;

  @Test
  void everyPrefixIsReadWithoutThrowing(@TempDir Path root) throws IOException {
    check(root, "Jenkinsfile", FileKind.JENKINSFILE, JENKINSFILE, new JenkinsfileImageCollector());
    check(root, "Makefile", FileKind.MAKEFILE, MAKEFILE, new MakefileCollector());
    check(root, "build.sh", FileKind.SHELL, SCRIPT, new ShellScriptCollector());
  }

  private static void check(
      Path root, String name, FileKind kind, String text, FileCollector collector)
      throws IOException {
    Path file = root.resolve(name);
    Files.writeString(file, text);
    SourceFile source = new SourceFile(file, name, kind, text.length());
    for (int end = 0; end <= text.length(); end++) {
      String prefix = text.substring(0, end);
      assertThatCode(() -> collector.collect(source, prefix, new Facts()))
          .as("%s cut at %d", name, end)
          .doesNotThrowAnyException();
    }
  }
}
