package dev.rootcause.collect.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a burst of writes loses nothing the store acknowledged. */
class StoreKillTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("rootcause.db");
    try (IncidentStore store = IncidentStore.open(url)) {
      assertThat(store.all()).isEmpty(); // migrated before the child starts
    }
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        StoreWriterChild.class.getName(), url)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acknowledged.size() < 60 && (line = out.readLine()) != null) {
        acknowledged.add(line);
      }
      // kill -9 itself, not destroyForcibly: that would also close our end of the pipe, and the
      // ids already written to it are acknowledged writes that must be checked.
      new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // Ids printed before the kill and still in the pipe were acknowledged too.
      while ((line = out.readLine()) != null) {
        acknowledged.add(line);
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(60);

    try (IncidentStore store = IncidentStore.open(url)) {
      List<String> stored = store.all().stream().map(i -> i.id()).toList();
      assertThat(stored).containsAll(acknowledged);
      assertThat(store.find(acknowledged.get(acknowledged.size() - 1))).isPresent();
    }
  }
}
