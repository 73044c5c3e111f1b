package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.go.GoExtractor;
import dev.rootcause.collect.code.java.JavaExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A file cut off mid-edit still parses (tree-sitter recovers), so the extractors meet every kind of
 * half-built tree: they must answer with facts, never an exception.
 */
class TruncatedSourceTest {

  @Test
  void goExtractorSurvivesEveryCutOfTheSeedService() {
    everyCut(new GoExtractor(), "/code/go/seed001/main.go", "main.go");
    everyCut(new GoExtractor(), "/code/go/worker/main.go", "main.go");
  }

  @Test
  void javaExtractorSurvivesEveryCutOfTheControllers() {
    everyCut(
        new JavaExtractor(),
        "/code/java/spring/src/main/java/com/shop/OrderController.java",
        "src/main/java/com/shop/OrderController.java");
    everyCut(
        new JavaExtractor(),
        "/code/java/jdk/src/main/java/demo/Main.java",
        "src/main/java/demo/Main.java");
  }

  private static void everyCut(LanguageExtractor extractor, String resource, String path) {
    String text = read(resource);
    SourceFile file = new SourceFile(Path.of(path), path, FileKind.of(path), text.length());
    for (int end = 0; end <= text.length(); end += 7) {
      String cut = text.substring(0, end);
      assertThatCode(() -> assertThat(extractor.extract(file, cut)).isNotNull())
          .as("%s cut at %d", resource, end)
          .doesNotThrowAnyException();
    }
  }

  private static String read(String resource) {
    try (InputStream in = TruncatedSourceTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
