package dev.rootcause.collect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.ScanResult;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.testing.Cli;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cache of per-file facts: a second scan parses only what changed, and never says anything a
 * cold scan would not.
 */
class FactsCacheTest {
  @TempDir Path cacheDir;
  @TempDir Path work;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cloudmart",
        "go-service",
        "sre-assessment",
        "url-shortener",
        "flask-random-500",
        "healthy-shop"
      })
  void aWarmScanSaysExactlyWhatAColdOneSays(String example) throws Exception {
    Path root = Path.of("examples", example);
    ScanResult cold = scan(root, null);
    ScanResult first = scan(root, cacheDir);
    ScanResult warm = scan(root, cacheDir);

    assertThat(first.cache().problem()).isNull();
    assertThat(first.cache().filesFromCache()).isZero();
    assertThat(warm.cache().filesFromCache()).isEqualTo(warm.inventory().filesScanned());
    assertThat(warm.findings()).isEqualTo(cold.findings());
    assertThat(warm.problems()).isEqualTo(cold.problems());
    assertThat(warm.suppressed()).isEqualTo(cold.suppressed());
    assertThat(warm.inventory()).isEqualTo(cold.inventory());
  }

  @Test
  void anEditedFileIsParsedAgainAndOnlyIt() throws Exception {
    Path root = copy("sre-assessment");
    ScanResult before = scan(root, cacheDir);
    assertThat(ruleIds(before)).contains("cross/port-mismatch");
    scan(root, cacheDir);

    Path dockerfile = root.resolve("Dockerfile");
    Files.writeString(dockerfile, Files.readString(dockerfile).replace("EXPOSE 80", "EXPOSE 8080"));
    ScanResult after = scan(root, cacheDir);

    assertThat(after.cache().filesFromCache()).isEqualTo(after.inventory().filesScanned() - 1);
    assertThat(after.findings()).isEqualTo(scan(root, null).findings());
    assertThat(after.findings()).isNotEqualTo(before.findings());
  }

  @Test
  void editingOnlyAComposeEnvFileIsJudgedOnTheNextWarmScan() throws Exception {
    Path root = work.resolve("compose-env");
    Files.createDirectories(root.resolve("config"));
    Files.writeString(
        root.resolve("compose.yaml"),
        """
        services:
          quotes:
            image: ghcr.io/acme/quotes:${QUOTES_TAG}
            env_file:
              - config/quotes.env
        """);
    Path envFile = root.resolve("config/quotes.env");
    Files.writeString(envFile, "CACHE_TTL_SECONDS=30\nERROR_RATE=0\n");
    Files.writeString(root.resolve(".env"), "QUOTES_TAG=2.1.0\n");
    assertThat(ruleIds(scan(root, cacheDir))).doesNotContain("k8s/fault-injection-enabled");
    assertThat(scan(root, cacheDir).cache().filesFromCache()).isPositive();

    Files.writeString(envFile, "CACHE_TTL_SECONDS=30\nERROR_RATE=0.2\n");
    ScanResult after = scan(root, cacheDir);

    assertThat(ruleIds(after)).contains("k8s/fault-injection-enabled");
    assertThat(after.findings()).isEqualTo(scan(root, null).findings());
  }

  @Test
  void aDockerfileAddedBesideAnUnchangedComposeFileIsSeenOnTheNextWarmScan() throws Exception {
    Path root = work.resolve("compose-build");
    Files.createDirectories(root.resolve("api"));
    Files.writeString(
        root.resolve("docker-compose.yml"),
        """
        services:
          api:
            build: ./api
            ports:
              - "8080:8080"
        """);
    assertThat(ruleIds(scan(root, cacheDir))).contains("pipeline/compose-build-without-dockerfile");

    Files.writeString(
        root.resolve("api/Dockerfile"),
        "FROM python:3.12-slim\nCMD [\"python\", \"-m\", \"http.server\", \"8080\"]\n");
    ScanResult after = scan(root, cacheDir);

    assertThat(ruleIds(after)).doesNotContain("pipeline/compose-build-without-dockerfile");
    assertThat(after.findings()).isEqualTo(scan(root, null).findings());
  }

  @Test
  void aDeletedFileLeavesNoFactsBehind() throws Exception {
    Path root = copy("cloudmart");
    scan(root, cacheDir);
    Files.delete(root.resolve("k8s/07-notification-service.yaml"));

    ScanResult after = scan(root, cacheDir);

    assertThat(after.findings()).isEqualTo(scan(root, null).findings());
    assertThat(after.findings()).noneMatch(f -> f.primary().display().contains("07-notification"));
  }

  @Test
  void aCorruptOrTruncatedPackMakesAColdScanNotAWrongOne() throws Exception {
    Path root = Path.of("examples", "cloudmart");
    ScanResult cold = scan(root, null);
    scan(root, cacheDir);
    Path pack = onlyPack();
    byte[] bytes = Files.readAllBytes(pack);
    Files.write(pack, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    ScanResult truncated = scan(root, cacheDir);
    Files.writeString(onlyPack(), "not a pack at all");
    ScanResult garbage = scan(root, cacheDir);
    ScanResult healed = scan(root, cacheDir);

    assertThat(truncated.cache().filesFromCache()).isZero();
    assertThat(garbage.cache().filesFromCache()).isZero();
    assertThat(truncated.findings()).isEqualTo(cold.findings());
    assertThat(garbage.findings()).isEqualTo(cold.findings());
    assertThat(healed.cache().filesFromCache()).isEqualTo(healed.inventory().filesScanned());
  }

  @Test
  void concurrentScansShareOneCacheSafely() throws Exception {
    Path root = Path.of("examples", "cloudmart");
    List<Finding> expected = scan(root, null).findings();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ScanResult>> runs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        runs.add(pool.submit(() -> scan(root, cacheDir)));
      }
      for (Future<ScanResult> run : runs) {
        assertThat(run.get().findings()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
    ScanResult after = scan(root, cacheDir);
    assertThat(after.cache().filesFromCache()).isEqualTo(after.inventory().filesScanned());
    try (Stream<Path> left = Files.list(cacheDir)) {
      assertThat(left).allMatch(p -> p.getFileName().toString().endsWith(".pack"));
    }
  }

  @Test
  void aComposeEnvFileOverTheSizeLimitStillLetsTheComposeFileComeFromTheCache() throws Exception {
    Path root = work.resolve("compose-big-env");
    Files.createDirectories(root);
    Files.writeString(
        root.resolve("compose.yaml"),
        """
        services:
          quotes:
            image: ghcr.io/acme/quotes:2.1.0
            env_file: generated.env
        """);
    // A generated env file far over the 256 KiB read limit: not read, and not a reason to miss.
    Files.writeString(root.resolve("generated.env"), "# padding\n".repeat(40_000));
    ScanResult first = scan(root, cacheDir);

    ScanResult warm = scan(root, cacheDir);

    assertThat(warm.cache().filesFromCache())
        .isEqualTo(first.inventory().filesScanned())
        .isPositive();
    assertThat(warm.findings()).isEqualTo(first.findings());
  }

  @Test
  void anUnwritableCacheCostsTimeNotTheReport() throws Exception {
    Path notADir = Files.writeString(work.resolve("cache-is-a-file"), "x");
    Path root = Path.of("examples", "go-service");

    ScanResult result = scan(root, notADir);

    assertThat(result.findings()).isEqualTo(scan(root, null).findings());
    assertThat(result.cache().problem()).startsWith("facts cache not written to " + notADir);
  }

  @Test
  void noCacheNeitherReadsNorWritesIt() throws Exception {
    Path root = copy("flask-random-500");
    Path cache = Path.of(System.getProperty("rootcause.cache.dir"));
    List<Path> before = packs(cache);

    Cli.Run run = Cli.run("scan", root.toString(), "--no-cache", "--verbose");

    assertThat(packs(cache)).isEqualTo(before);
    assertThat(run.err()).doesNotContain("rootcause: cache:");
    Cli.Run cached = Cli.run("scan", root.toString(), "--verbose");
    assertThat(cached.err()).contains("rootcause: cache: 0 of ");
    assertThat(Cli.run("scan", root.toString(), "--verbose").err())
        .containsPattern("rootcause: cache: (\\d+) of \\1 files unchanged since the last scan");
  }

  private static List<Path> packs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private Path onlyPack() throws IOException {
    List<Path> packs = packs(cacheDir);
    assertThat(packs).hasSize(1);
    return packs.get(0);
  }

  private static ScanResult scan(Path root, Path cache) throws Exception {
    return new Scanner().scan(root, new Scanner.Options(null, TextFiles.DEFAULT_MAX_BYTES, cache));
  }

  private static List<String> ruleIds(ScanResult r) {
    return r.findings().stream().map(Finding::ruleId).toList();
  }

  private Path copy(String example) throws IOException {
    Path from = Path.of("examples", example);
    Path to = work.resolve(example);
    try (Stream<Path> all = Files.walk(from)) {
      all.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
    return to;
  }
}
