package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.Status;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident room's reader: kept until the store changes, never stale, never in the way. */
class IncidentCacheTest {
  @TempDir Path dir;

  @Test
  void readsAgainOnlyWhenTheStoreChangedAndSeesEveryWriteOfAnotherConnection() throws Exception {
    readsAgainOnlyWhenTheStoreChanged(dir.resolve("rootcause.db").toString());
  }

  @Test
  void onPostgresTheKeptConnectionSeesEveryCommittedWriteToo() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      readsAgainOnlyWhenTheStoreChanged(postgres.getJdbcUrl("postgres", "postgres"));
    }
  }

  private static void readsAgainOnlyWhenTheStoreChanged(String store) throws Exception {
    Incidents incidents = new Incidents(store, Clock.systemUTC());
    String id =
        incidents.open(
            new Incidents.Opening(
                "checkout 502", IncidentSeverity.SEV2, List.of("checkout"), null, null),
            false);
    try (IncidentCache cache = IncidentCache.open(store, Clock.systemUTC())) {
      var first = cache.all();
      String before = cache.revision();
      // Nothing written: the same list, not a second read of every incident.
      assertThat(cache.all()).isSameAs(first);

      // Writers are not blocked by the kept connection, and each write is seen on the next read.
      incidents.note(id, "rolled back to v1.4", false, null, false);
      assertThat(cache.revision()).isNotEqualTo(before);
      assertThat(cache.show(id).timeline()).hasSize(2);

      String noted = cache.revision();
      incidents.status(id, Status.RESOLVED, "fixed", null, false);
      assertThat(cache.revision()).isNotEqualTo(noted);
      assertThat(cache.show(id).status()).isEqualTo(Status.RESOLVED);

      String resolved = cache.revision();
      incidents.impact(id, "-30m", null, false);
      assertThat(cache.revision()).isNotEqualTo(resolved);
    }
  }

  @Test
  void anUnknownIncidentIsTheSameOneLineErrorAsShow() throws Exception {
    String store = dir.resolve("rootcause.db").toString();
    try (IncidentCache cache = IncidentCache.open(store, Clock.systemUTC())) {
      assertThatThrownBy(() -> cache.show("INC-2026-999"))
          .isInstanceOf(InputException.class)
          .hasMessageStartingWith("no incident INC-2026-999 in ");
    }
  }
}
