package dev.rootcause.collect.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rootcause.collect.RepoWalker;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.model.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The built-in kustomize subset builds what {@code kubectl kustomize} builds (compared object by
 * object where kubectl is installed), and every value keeps the line of the file that set it.
 */
class KustomizationsTest {
  private static final Path FIXTURES = Path.of("src/test/resources/kustomize");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "src/test/resources/kustomize/full-overlay|overlay",
        "examples/inventory-kustomize|deploy/overlays/production",
        "examples/inventory-kustomize|deploy/overlays/staging"
      })
  void buildsWhatKubectlKustomizeBuilds(String spec) throws Exception {
    String[] parts = spec.split("\\|");
    Path root = Path.of(parts[0]);
    assumeTrue(kubectlAvailable(), "kubectl is not on the PATH: nothing to compare with");

    Map<String, Object> ours = new TreeMap<>();
    for (YamlDocument d : build(root, parts[1] + "/kustomization.yaml").documents()) {
      Object plain = plain(d.root());
      ours.put(key(plain), plain);
    }
    Map<String, Object> theirs = new TreeMap<>();
    for (Object doc :
        new Load(LoadSettings.builder().build())
            .loadAllFromString(kubectl(root.resolve(parts[1])))) {
      if (doc != null) {
        Object plain = normalize(doc);
        theirs.put(key(plain), plain);
      }
    }

    assertThat(ours.keySet()).isEqualTo(theirs.keySet());
    for (String k : ours.keySet()) {
      assertThat(difference(ours.get(k), theirs.get(k), k)).as("first difference").isNull();
    }
  }

  /** The first path at which two plain trees differ, with both values; null when equal. */
  private static String difference(Object a, Object b, String path) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      for (Object k :
          new java.util.TreeSet<>(
              java.util.stream.Stream.concat(ma.keySet().stream(), mb.keySet().stream())
                  .map(String::valueOf)
                  .toList())) {
        String d = difference(ma.get(k), mb.get(k), path + "." + k);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
      for (int i = 0; i < la.size(); i++) {
        String d = difference(la.get(i), lb.get(i), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return java.util.Objects.equals(a, b) ? null : path + ": built-in " + a + ", kubectl " + b;
  }

  @Test
  void eachValuePointsAtTheFileAndLineThatSetIt() throws IOException {
    RenderedSource built = build(FIXTURES.resolve("full-overlay"), "overlay/kustomization.yaml");
    YamlNode.Mapping deployment =
        built.documents().stream()
            .map(d -> (YamlNode.Mapping) d.root())
            .filter(m -> "Deployment".equals(m.string("kind")))
            .findFirst()
            .orElseThrow();
    YamlNode.Mapping web =
        deployment.path("spec", "template", "spec").orElseThrow().maps("containers").get(0);

    assertThat(deployment.location())
        .as("the object is the base's")
        .isEqualTo(at("base/app.yaml", 8, 1));
    assertThat(web.scalar("image").orElseThrow().location().path())
        .as("images: newTag")
        .isEqualTo("overlay/kustomization.yaml");
    assertThat(web.path("resources", "limits").orElseThrow().locationOf("memory"))
        .as("the strategic-merge patch")
        .isEqualTo(at("overlay/resources.yaml", 12, 15));
    assertThat(web.maps("ports").get(0).locationOf("containerPort"))
        .as("the JSON 6902 patch file's value")
        .isEqualTo(at("overlay/probe.yaml", 9, 10));
    assertThat(
            deployment.path("metadata").orElseThrow().scalar("namespace").orElseThrow().location())
        .as("namespace:")
        .isEqualTo(at("overlay/kustomization.yaml", 1, 1));
  }

  @Test
  void aMissingResourceAndAPatchWithoutTargetFailTheBuild() throws IOException {
    Path root = Files.createTempDirectory("kz");
    Files.createDirectories(root.resolve("prod"));
    Files.writeString(
        root.resolve("prod/kustomization.yaml"),
        "resources:\n  - ../base\n  - ingress.yaml\n",
        StandardCharsets.UTF_8);

    RenderedSource built = build(root, "prod/kustomization.yaml");

    assertThat(built.failures())
        .extracting(f -> f.location().line() + " " + f.message())
        .containsExactly(
            "2 accumulating resources: '../base': no such file or directory",
            "3 accumulating resources: 'ingress.yaml': no such file or directory");
  }

  private static SourceLocation at(String path, int line, int column) {
    return new SourceLocation(path, line, column);
  }

  private static RenderedSource build(Path root, String kustomization) throws IOException {
    List<SourceFile> files = RepoWalker.walk(root, List.of()).files();
    return new Kustomizations(files).build(kustomization);
  }

  private static boolean kubectlAvailable() {
    try {
      Process p =
          new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String kubectl(Path dir) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("kubectl kustomize %s", dir).isZero();
    return out;
  }

  @SuppressWarnings("unchecked")
  private static String key(Object plain) {
    Map<String, Object> m = (Map<String, Object>) plain;
    Map<String, Object> meta = (Map<String, Object>) m.getOrDefault("metadata", Map.of());
    return m.get("kind") + "/" + meta.get("namespace") + "/" + meta.get("name");
  }

  private static Object plain(YamlNode node) {
    return switch (node) {
      case YamlNode.Scalar s -> s.value();
      case YamlNode.Sequence q -> {
        List<Object> items = new ArrayList<>();
        q.items().forEach(i -> items.add(plain(i)));
        yield items;
      }
      case YamlNode.Mapping m -> {
        Map<String, Object> out = new TreeMap<>();
        m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
        yield out;
      }
    };
  }

  private static Object normalize(Object loaded) {
    if (loaded instanceof Map<?, ?> m) {
      Map<String, Object> out = new TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
      return out;
    }
    if (loaded instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(i -> out.add(normalize(i)));
      return out;
    }
    return loaded == null ? null : String.valueOf(loaded);
  }
}
