package dev.rootcause.collect.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.incident.IncidentSeverity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite store: the contract, durability pragmas, and refusing what it cannot open. */
class IncidentStoreTest extends StoreContract {
  @TempDir Path dir;

  @Override
  String url() {
    return "jdbc:sqlite:" + dir.resolve("rootcause.db");
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
  void aFileThatIsNotADatabaseIsRefusedAndLeftUntouched() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(
        notes, "on-call handover: checkout was flaky overnight, nothing paged\n".repeat(40));
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
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement()) {
      s.executeUpdate(
          "INSERT INTO flyway_schema_history (installed_rank, version, description,"
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
