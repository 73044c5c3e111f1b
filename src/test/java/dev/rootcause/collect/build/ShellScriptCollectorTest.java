package dev.rootcause.collect.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellScriptCollectorTest {

  @Test
  void cloudMartScriptBuildsAndImportsSixServicesButNeverV2() {
    var builds = BuildFacts.of(Path.of("examples/cloudmart"));
    assertThat(builds)
        .hasSize(12)
        .contains(
            "BUILD gateway:latest services/build-and-import.sh:13 services/gateway/Dockerfile services/gateway",
            "BUILD notification-service:latest services/build-and-import.sh:13 "
                + "services/notification-service/Dockerfile services/notification-service",
            "IMPORT notification-service:latest services/build-and-import.sh:18 "
                + "services/notification-service/Dockerfile services/notification-service");
    assertThat(builds).noneMatch(b -> b.contains("v2.0"));
  }

  @Test
  void kindLoadWithEnvironmentDefault() {
    assertThat(BuildFacts.of(Path.of("examples/go-service")))
        .containsExactly(
            "BUILD go-app:1.3.0 build.sh:5 Dockerfile .",
            "IMPORT go-app:1.3.0 build.sh:6 Dockerfile .");
  }

  @Test
  void scriptsWithoutImageToolsAreNotParsedAndBadOnesOnlyNoted(@TempDir Path root) {
    BuildFacts.write(
        root,
        "scripts/test.sh",
        "#!/bin/sh\npytest -q\n",
        "scripts/release.sh",
        "#!/bin/bash\ndocker build -t \"api:$(cat VERSION)\" ..\nif then fi (((\n",
        "Dockerfile",
        "FROM alpine\n");
    var collected = BuildFacts.collect(root);
    assertThat(collected.model().imageBuilds())
        .extracting(BuildFacts::describe)
        .containsExactly("BUILD api:$(cat VERSION) scripts/release.sh:2 Dockerfile .");
    assertThat(collected.problems())
        .allMatch(p -> p.kind() == dev.rootcause.model.CollectionProblem.Kind.NOTE)
        .extracting(p -> p.location().path())
        .containsOnly("scripts/release.sh");
  }
}
