package dev.rootcause.collect.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncidentStoreTest {
  private static final long T0 = 1_749_738_000L; // 2025-06-12T14:20:00Z

  @TempDir Path dir;

  private String url() {
    return "jdbc:sqlite:" + dir.resolve("rootcause.db");
  }

  @Test
  void anIncidentComesBackWithItsServicesTimelineAndEvidenceInOrder() throws Exception {
    try (IncidentStore store = IncidentStore.open(url())) {
      String id = store.create("url-shortener returns 500", IncidentSeverity.SEV2,
          List.of("url-shortener", "nike-api"), T0, T0 - 120);
      store.append(id, new TimelineEntry(T0 + 60, TimelineEntry.Kind.NOTE, null, "500 on GET /"));
      store.attach(id, List.of(new RootCause("app/json-loads-on-file", "high", "app",
          "application.py", 18, "json.loads on a file", "Use json.load(f).")),
          new TimelineEntry(T0 + 90, TimelineEntry.Kind.EVIDENCE, null, "scan attached"));
      store.append(id, new TimelineEntry(T0 + 240, TimelineEntry.Kind.STATUS, Status.RESOLVED,
          "Status: resolved"));

      Incident i = store.find(id).orElseThrow();
      assertThat(id).isEqualTo("INC-2025-001");
      assertThat(i.services()).containsExactly("url-shortener", "nike-api");
      assertThat(i.status()).isEqualTo(Status.RESOLVED);
      assertThat(i.timeline()).extracting(TimelineEntry::kind).containsExactly(
          TimelineEntry.Kind.OPENED, TimelineEntry.Kind.NOTE, TimelineEntry.Kind.EVIDENCE,
          TimelineEntry.Kind.STATUS);
      assertThat(i.rootCauses()).singleElement().extracting(RootCause::where)
          .isEqualTo("application.py:18");
      assertThat(i.downtimeSeconds()).isEqualTo(360);
      assertThat(store.create("next", IncidentSeverity.SEV4, List.of("a"), T0 + 999, 0))
          .isEqualTo("INC-2025-002");
    }
  }

  @Test
  void theFileIsInWalModeSoACommitIsDurableBeforeItReturns() throws Exception {
    try (IncidentStore store = IncidentStore.open(url())) {
      store.create("t", IncidentSeverity.SEV3, List.of("a"), T0, 0);
    }
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
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
      writers.add(pool.submit(() -> {
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
  void aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "on-call handover: checkout was flaky overnight, nothing paged\n"
        .repeat(40));
    byte[] before = Files.readAllBytes(notes);

    assertThatThrownBy(() -> IncidentStore.open("jdbc:sqlite:" + notes))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(notes + " is not a rootcause store (not an SQLite database");

    assertThat(Files.readAllBytes(notes)).isEqualTo(before);
    assertThat(dir.resolve("notes.txt-wal")).doesNotExist();
  }

  @Test
  void aSchemaNewerThanThisBuildIsRefusedAndLeftUntouched() throws Exception {
    try (IncidentStore store = IncidentStore.open(url())) {
      store.create("t", IncidentSeverity.SEV3, List.of("a"), T0, 0);
    }
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO flyway_schema_history (installed_rank, version, description,"
          + " type, script, checksum, installed_by, execution_time, success) VALUES"
          + " (99, '99', 'from the future', 'SQL', 'V99__from_the_future.sql', 0, 'test', 1, 1)");
    }
    byte[] before = Files.readAllBytes(dir.resolve("rootcause.db"));

    assertThatThrownBy(() -> IncidentStore.open(url()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("has schema version 99, newer than this rootcause knows");

    assertThat(Files.readAllBytes(dir.resolve("rootcause.db"))).isEqualTo(before);
  }

  @Test
  void theDefaultStoreIsUnderTheUsersHomeAndAPathOrUrlOverridesIt() {
    assertThat(StoreLocation.resolve(null, null, "/home/ana"))
        .isEqualTo("jdbc:sqlite:/home/ana/.local/share/rootcause/rootcause.db");
    assertThat(StoreLocation.resolve(null, "/srv/rc.db", "/home/ana"))
        .isEqualTo("jdbc:sqlite:/srv/rc.db");
    assertThat(StoreLocation.resolve("jdbc:postgresql://db/rc", "/srv/rc.db", "/home/ana"))
        .isEqualTo("jdbc:postgresql://db/rc");
  }
}
