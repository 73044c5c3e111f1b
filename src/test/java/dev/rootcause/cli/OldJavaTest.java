package dev.rootcause.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first run on a machine whose java is too old: {@code bin/rootcause} and {@code ./mvnw} say so
 * in one line and exit 2 (usage), not with a class-version stack trace or Maven's "release version
 * 21 not supported".
 */
class OldJavaTest {
  @TempDir Path dir;

  /** A JDK folder as the installers lay it out: a release file and a bin/java. */
  private Path jdk(String name, String version) throws IOException {
    Path home = dir.resolve(name);
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(
        home.resolve("release"),
        "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"" + version + "\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho \"openjdk version \\\"" + version + "\\\"\" >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.copy(java, home.resolve("bin/javac"));
    return home;
  }

  private record Run(int exit, String err) {}

  private static Run run(Path javaHome, String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile());
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), err);
  }

  @Test
  void binRootcauseNamesTheOldJavaAndWhatToDoInOneLine() throws Exception {
    Path old = jdk("jdk-17", "17.0.10");
    Run run = run(old, "sh", "bin/rootcause", "--version");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err())
        .startsWith(
            "rootcause: needs Java 21 or newer, but "
                + old
                + "/bin/java is Java 17: set JAVA_HOME to a JDK 21+");
  }

  @Test
  void theOldVersionSchemeIsReadToo() throws Exception {
    Run run = run(jdk("jdk-8", "1.8.0_392"), "sh", "bin/rootcause", "--version");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("is Java 8: set JAVA_HOME to a JDK 21+");
  }

  @Test
  void theMavenWrapperStopsBeforeMavenStarts() throws Exception {
    Run run = run(jdk("jdk-17", "17.0.10"), "sh", "mvnw", "-o", "-q", "validate");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err())
        .startsWith("./mvnw: needs Java 21 or newer, but ")
        .doesNotContain("release version")
        .doesNotContain("[ERROR]");
  }

  @Test
  void aRecentJdkPassesTheWrapperCheck() throws Exception {
    Run run = run(Path.of(System.getProperty("java.home")), "sh", "mvnw", "-o", "-q", "--version");
    assertThat(run.exit()).isZero();
    assertThat(run.err()).doesNotContain("needs Java");
  }
}
