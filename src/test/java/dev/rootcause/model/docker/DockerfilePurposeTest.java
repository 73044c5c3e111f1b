package dev.rootcause.model.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which Dockerfiles are for development, so that size and hardening rules leave them be. */
class DockerfilePurposeTest {

  private static boolean dev(String path) {
    return new Dockerfile(path, "", List.of(), List.of()).isForDevelopment();
  }

  @Test
  void devContainersAndDevNamesAreForDevelopment() {
    assertThat(dev(".devcontainer/Dockerfile")).isTrue();
    assertThat(dev("services/api/.devcontainer/Dockerfile")).isTrue();
    assertThat(dev("Dockerfile.dev")).isTrue();
    assertThat(dev("api/Dockerfile.Debug")).isTrue();
    assertThat(dev("test.Dockerfile")).isTrue();
    assertThat(dev("api.local.dockerfile")).isTrue();
  }

  @Test
  void productionNamesAreNot() {
    assertThat(dev("Dockerfile")).isFalse();
    assertThat(dev("Dockerfile.prod")).isFalse();
    assertThat(dev("api.Dockerfile")).isFalse();
    assertThat(dev("ci.api.Dockerfile")).as("ci only as the whole name").isFalse();
    assertThat(dev("devtools/Dockerfile")).isFalse();
  }
}
