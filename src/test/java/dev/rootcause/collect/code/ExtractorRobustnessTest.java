package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Half-written, truncated and scrambled source must never crash an extractor: every fixture source
 * file is cut at many points and has lines dropped, and each variant is extracted.
 */
class ExtractorRobustnessTest {

  @Test
  void truncatedAndScrambledSourcesNeverThrow() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/rules"))) {
      sources = files.filter(p -> p.toString().matches(".*\\.(py|js|ts)$")).sorted().toList();
    }
    Random random = new Random(42); // fixed: a failure must be reproducible
    int variants = 0;
    for (Path source : sources) {
      String text = Files.readString(source);
      String name = source.getFileName().toString();
      int step = Math.max(1, text.length() / 25);
      for (int cut = 0; cut <= text.length(); cut += step) {
        check(name, text.substring(0, cut));
        variants++;
      }
      String[] lines = text.split("\n");
      for (int round = 0; round < 10; round++) {
        StringBuilder scrambled = new StringBuilder();
        for (String line : lines) {
          if (random.nextInt(5) != 0) {
            scrambled.append(line).append('\n');
          }
        }
        check(name, scrambled.toString());
        variants++;
      }
    }
    assertThat(variants).isGreaterThan(1000);
  }

  private static void check(String name, String text) {
    assertThatCode(() -> assertThat(Extract.read(name, text).facts()).isNotNull())
        .as(name + ":\n" + text)
        .doesNotThrowAnyException();
  }
}
