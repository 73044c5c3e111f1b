package dev.rootcause.collect.code.java;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.LanguageExtractor;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.collect.syntax.Grammar;
import dev.rootcause.collect.syntax.SyntaxTree;
import dev.rootcause.model.app.AppFacts;
import java.util.List;
import java.util.Set;

/**
 * Reads Java sources (Spring MVC controllers, the JDK's {@code HttpServer}, env reads, outbound
 * HTTP clients, handler hazards) and, through {@link SpringConfig}, Spring Boot's {@code
 * application*.properties} and {@code application*.yml} and the Actuator endpoints a build file
 * brings. Test sources are skipped: they serve no production traffic.
 */
public final class JavaExtractor implements LanguageExtractor {

  @Override
  public Set<FileKind> kinds() {
    return Set.of(FileKind.JAVA, FileKind.SPRING_CONFIG, FileKind.JVM_BUILD);
  }

  @Override
  public SourceFacts extract(SourceFile file, String text) {
    if (isTestSource(file.path())) {
      return empty(file.path(), null);
    }
    if (file.kind() == FileKind.SPRING_CONFIG) {
      return SpringConfig.read(file.path(), text);
    }
    if (file.kind() == FileKind.JVM_BUILD) {
      return SpringConfig.buildFile(file.path(), text);
    }
    SyntaxTree tree = SyntaxTree.parse(Grammar.JAVA, text);
    return tree == null ? null : new JavaFile(file.path(), tree).read();
  }

  private static boolean isTestSource(String path) {
    return path.startsWith("src/test/") || path.contains("/src/test/");
  }

  private static SourceFacts empty(String path, String framework) {
    return new SourceFacts(
        path,
        AppFacts.Language.JAVA,
        framework,
        false,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
