package dev.rootcause.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.k8s.ImageRef;
import org.junit.jupiter.api.Test;

class BuildsProducingTest {
  private static final SourceLocation AT = SourceLocation.of("build.sh", 3);

  private static SystemModel model(String... names) {
    SystemModel.Builder b = SystemModel.builder();
    for (String name : names) {
      b.imageBuild(
          new ImageBuild(ImageRef.parse(name, AT), ImageBuild.Kind.BUILD, null, null, null, AT));
    }
    return b.build();
  }

  private static boolean produced(SystemModel model, String image) {
    return !model.buildsProducing(ImageRef.parse(image, AT)).isEmpty();
  }

  @Test
  void exactNameAndTagWithDockerDefaults() {
    SystemModel m = model("web", "docker.io/library/api:1.0", "ghcr.io/acme/tool:2");
    assertThat(produced(m, "web:latest")).isTrue();
    assertThat(produced(m, "web:1.0")).isFalse();
    assertThat(produced(m, "api:1.0")).isTrue();
    assertThat(produced(m, "library/api:1.0")).isTrue();
    assertThat(produced(m, "ghcr.io/acme/tool:2")).isTrue();
    assertThat(produced(m, "acme/tool:2")).isFalse();
  }

  @Test
  void templatedNamesMatchWhatTheyCouldExpandTo() {
    SystemModel m =
        model(
            "orders:${VERSION}",
            "$REGISTRY/cart",
            "app:$(git rev-parse --short HEAD)",
            "ghcr.io/acme/portal:${{ github.sha }}");
    assertThat(produced(m, "orders:1.4.2")).isTrue();
    assertThat(produced(m, "orders")).isTrue();
    assertThat(produced(m, "payments:1.4.2")).isFalse();
    assertThat(produced(m, "registry.local:5000/cart")).isTrue();
    assertThat(produced(m, "registry.local:5000/cart:2")).isFalse();
    assertThat(produced(m, "app:3f2a1bc")).isTrue();
    assertThat(produced(m, "ghcr.io/acme/portal:abc123")).isTrue();
    assertThat(produced(m, "portal:abc123")).isFalse();
  }

  @Test
  void aWholeTemplatedNameCouldBeAnything() {
    assertThat(produced(model("$IMAGE"), "anything:v9")).isTrue();
  }
}
