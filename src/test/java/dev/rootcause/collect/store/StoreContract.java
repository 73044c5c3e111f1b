package dev.rootcause.collect.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every backend of the store must do, run on SQLite and on PostgreSQL: keep an incident whole,
 * give concurrent writers distinct ids, and lose nothing acknowledged when the writer is killed.
 */
abstract class StoreContract {
  static final long T0 = 1_749_738_000L; // 2025-06-12T14:20:00Z

  /** A JDBC URL of an empty store. */
  abstract String url();

  @Test
  void anIncidentComesBackWithItsServicesTimelineAndEvidenceInOrder() throws Exception {
    try (IncidentStore store = IncidentStore.open(url())) {
      String id =
          store.create(
              "url-shortener returns 500",
              IncidentSeverity.SEV2,
              List.of("url-shortener", "nike-api"),
              T0,
              T0 - 120);
      store.append(id, new TimelineEntry(T0 + 60, TimelineEntry.Kind.NOTE, null, "500 on GET /"));
      store.attach(
          id,
          List.of(
              new RootCause(
                  "app/json-loads-on-file",
                  "high",
                  "app",
                  "application.py",
                  18,
                  "json.loads on a file",
                  "Use json.load(f).")),
          new TimelineEntry(T0 + 90, TimelineEntry.Kind.EVIDENCE, null, "scan attached"));
      store.append(
          id,
          new TimelineEntry(
              T0 + 240, TimelineEntry.Kind.STATUS, Status.RESOLVED, "Status: resolved"));

      Incident i = store.find(id).orElseThrow();
      assertThat(id).isEqualTo("INC-2025-001");
      assertThat(i.services()).containsExactly("url-shortener", "nike-api");
      assertThat(i.status()).isEqualTo(Status.RESOLVED);
      assertThat(i.timeline())
          .extracting(TimelineEntry::kind)
          .containsExactly(
              TimelineEntry.Kind.OPENED,
              TimelineEntry.Kind.NOTE,
              TimelineEntry.Kind.EVIDENCE,
              TimelineEntry.Kind.STATUS);
      assertThat(i.rootCauses())
          .singleElement()
          .extracting(RootCause::where)
          .isEqualTo("application.py:18");
      assertThat(i.downtimeSeconds()).isEqualTo(360);
      assertThat(store.create("next", IncidentSeverity.SEV4, List.of("a"), T0 + 999, 0))
          .isEqualTo("INC-2025-002");
    }
  }

  @Test
  void twoWritersAtOnceQueueOnTheLockAndEveryIdIsDistinct() throws Exception {
    try (IncidentStore unused = IncidentStore.open(url())) {
      // migrate once, as the first command on a machine does
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      writers.add(
          pool.submit(
              () -> {
                try (IncidentStore store = IncidentStore.open(url())) {
                  for (int n = 0; n < 40; n++) {
                    ids.add(store.create("w" + n, IncidentSeverity.SEV3, List.of("a"), T0 + n, 0));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : writers) {
      f.get();
    }
    pool.shutdown();
    assertThat(ids).hasSize(80).doesNotHaveDuplicates();
    try (IncidentStore store = IncidentStore.open(url())) {
      assertThat(store.all()).hasSize(80);
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillMinusNine() throws Exception {
    String url = url();
    try (IncidentStore store = IncidentStore.open(url)) {
      assertThat(store.all()).isEmpty(); // migrated before the child starts
    }
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StoreWriterChild.class.getName(),
                url)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    List<String> acknowledged = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
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
