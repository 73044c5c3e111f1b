package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI runners and containers often have no LANG: the JVM then encodes file names as ASCII, and a
 * repository with a non-ASCII folder name must still be scanned, not crash. A child JVM is started
 * with the locale cleared, because the file-name encoding is fixed when a JVM starts.
 */
class PosixLocaleTest {
  @TempDir Path dir;

  @Test
  void nonAsciiFolderNamesAreScannedWhenTheLocaleIsNotUtf8() throws Exception {
    assumeTrue(
        Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"))
            .newEncoder()
            .canEncode("ü"),
        "this JVM itself cannot create a non-ASCII file name");
    Path folder = Files.createDirectories(dir.resolve("déploiement/überall"));
    Files.writeString(
        folder.resolve("checkout.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: checkout
          namespace: shop
        spec:
          selector:
            matchLabels:
              app: checkout-api
          template:
            metadata:
              labels:
                app: checkout-api
            spec:
              containers:
                - name: checkout
                  image: registry.example.com/shop/checkout:3.1.0
                  ports:
                    - containerPort: 8080
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: checkout
          namespace: shop
        spec:
          selector:
            app: checkout
          ports:
            - port: 80
              targetPort: 8080
        """);
    // Ignore globs are matched against every walked path: where the non-ASCII name used to crash.
    Files.writeString(dir.resolve(".rootcause.yaml"), "ignorePaths: [\"vendor/**\"]\n");

    ProcessBuilder child =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "dev.rootcause.cli.Main",
            "scan",
            dir.toString(),
            "--format",
            "json",
            "--fail-on",
            "none");
    Map<String, String> env = child.environment();
    env.keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
    env.put("LC_ALL", "C");
    Path err = dir.resolve("stderr.txt");
    Process process = child.redirectError(err.toFile()).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(Files.readString(err)).doesNotContain("internal error");
    assertThat(process.exitValue()).isZero();
    JsonNode report = new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    assertThat(report.path("summary").path("filesScanned").asInt()).isEqualTo(1);
    assertThat(ruleIds(report)).contains("k8s/service-selects-nothing");
  }

  private static List<String> ruleIds(JsonNode report) {
    return report.path("findings").findValuesAsText("ruleId");
  }
}
