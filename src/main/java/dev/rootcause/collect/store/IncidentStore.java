package dev.rootcause.collect.store;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.RootCause;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The incident store over JDBC: every write is one transaction, committed before it returns, so
 * what a command reports as written is on disk.
 */
public final class IncidentStore implements AutoCloseable {
  private static final String UNIQUE_VIOLATION = "23505";
  private static final int MAX_ATTEMPTS = 20;

  private final Connection connection;
  private final String url;

  private IncidentStore(Connection connection, String url) {
    this.connection = connection;
    this.url = url;
  }

  /** Opens (creating and migrating when needed) the store at a JDBC URL. */
  public static IncidentStore open(String url) throws StoreException {
    return open(url, false);
  }

  /**
   * Opens the store for a reader that keeps the connection between reads (the incident room): it
   * holds no lock while idle, so writers from this or another process are never blocked by it.
   */
  public static IncidentStore openReader(String url) throws StoreException {
    return open(url, true);
  }

  private static IncidentStore open(String url, boolean reader) throws StoreException {
    IncidentStore store = new IncidentStore(StoreConnection.open(url, reader), url);
    try {
      store.connection.setAutoCommit(false);
    } catch (SQLException e) {
      throw store.failed(e);
    }
    return store;
  }

  public String url() {
    return url;
  }

  /** Creates an incident and its "opened" entry; returns the new id, {@code INC-YYYY-NNN}. */
  public String create(
      String title, IncidentSeverity severity, List<String> services, long at, long impactStart)
      throws StoreException {
    int year = Instant.ofEpochSecond(at).atZone(ZoneOffset.UTC).getYear();
    return transaction(
        () -> {
          if (url.startsWith("jdbc:postgresql:")) {
            // Read committed lets two writers read the same next number; this lock conflicts
            // only with itself, so creators queue and readers go on.
            update("LOCK TABLE incident IN SHARE ROW EXCLUSIVE MODE");
          }
          int seq = 1 + intQuery("SELECT COALESCE(MAX(seq), 0) FROM incident WHERE year = ?", year);
          String id = String.format("INC-%d-%03d", year, seq);
          update(
              "INSERT INTO incident (id, year, seq, title, severity, status, opened_at, impact_start)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
              id,
              year,
              seq,
              title,
              severity.name(),
              Status.INVESTIGATING.name(),
              at,
              impactStart);
          for (int i = 0; i < services.size(); i++) {
            update(
                "INSERT INTO incident_service (incident_id, ord, service) VALUES (?, ?, ?)",
                id,
                i,
                services.get(i));
          }
          insertEntry(
              id,
              new TimelineEntry(
                  at,
                  TimelineEntry.Kind.OPENED,
                  Status.INVESTIGATING,
                  "Incident opened (" + severity.name() + "): " + title));
          return id;
        });
  }

  /** Adds a timeline entry; a status entry also moves the incident to that status. */
  public void append(String id, TimelineEntry entry) throws StoreException {
    transaction(
        () -> {
          insertEntry(id, entry);
          if (entry.kind() == TimelineEntry.Kind.STATUS) {
            update("UPDATE incident SET status = ? WHERE id = ?", entry.status().name(), id);
          }
          return null;
        });
  }

  /** Sets the explicit impact window (0 leaves a bound to the timeline). */
  public void impact(String id, long start, long end) throws StoreException {
    impact(id, start, end, null);
  }

  /** Sets the explicit impact window and writes the entry that says so, in one transaction. */
  public void impact(String id, long start, long end, TimelineEntry entry) throws StoreException {
    transaction(
        () -> {
          update(
              "UPDATE incident SET impact_start = ?, impact_end = ? WHERE id = ?", start, end, id);
          if (entry != null) {
            insertEntry(id, entry);
          }
          return null;
        });
  }

  /** Attaches findings as evidence, with the timeline entry that says so, in one transaction. */
  public void attach(String id, List<RootCause> causes, TimelineEntry entry) throws StoreException {
    evidence(id, causes, List.of(), List.of(entry));
  }

  /**
   * Writes what one command measured or found, in one transaction: findings and timeline entries of
   * incident {@code id} (null for none), and probe samples (each names its own service and
   * incident).
   */
  public void evidence(
      String id, List<RootCause> causes, List<ProbeSample> samples, List<TimelineEntry> entries)
      throws StoreException {
    transaction(
        () -> {
          if (id != null && !causes.isEmpty()) {
            int next = intQuery("SELECT COUNT(*) FROM root_cause WHERE incident_id = ?", id);
            for (RootCause c : causes) {
              update(
                  "INSERT INTO root_cause (incident_id, ord, rule_id, severity, layer, path, line,"
                      + " message, fix, subject, symptom, objects, found_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  id,
                  next++,
                  c.ruleId(),
                  c.severity(),
                  c.layer(),
                  c.path(),
                  c.line(),
                  c.message(),
                  c.fix(),
                  c.subject(),
                  c.symptom(),
                  String.join("\n", c.objects()),
                  c.foundAt());
            }
          }
          for (ProbeSample p : samples) {
            update(
                "INSERT INTO probe_sample (service, incident_id, at, seconds, url, requests, bad,"
                    + " slow, slow_micros, p50_micros, p95_micros, p99_micros, max_micros)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.service(),
                p.incidentId(),
                p.at(),
                p.seconds(),
                p.url(),
                p.requests(),
                p.bad(),
                p.slow(),
                p.slowMicros(),
                p.p50Micros(),
                p.p95Micros(),
                p.p99Micros(),
                p.maxMicros());
          }
          if (id != null) {
            for (TimelineEntry e : entries) {
              insertEntry(id, e);
            }
          }
          return null;
        });
  }

  /**
   * The probe samples of the service (recorded for it) or of the incident (attached to it) whose
   * runs ended in {@code [from, to]}, oldest first; either key may be null.
   */
  public List<ProbeSample> samples(String service, String incidentId, long from, long to)
      throws StoreException {
    return transaction(
        () -> {
          List<ProbeSample> out = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      "SELECT service, incident_id, at, seconds, url, requests, bad, slow,"
                          + " slow_micros, p50_micros, p95_micros, p99_micros, max_micros"
                          + " FROM probe_sample WHERE ((service <> '' AND service = ?)"
                          + " OR incident_id = ?) AND at + seconds >= ? AND at + seconds <= ?"
                          + " ORDER BY at, url",
                      service,
                      incidentId,
                      from,
                      to);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new ProbeSample(
                      rs.getString(1),
                      rs.getString(2),
                      rs.getLong(3),
                      rs.getLong(4),
                      rs.getString(5),
                      rs.getLong(6),
                      rs.getLong(7),
                      rs.getLong(8),
                      rs.getLong(9),
                      rs.getLong(10),
                      rs.getLong(11),
                      rs.getLong(12),
                      rs.getLong(13)));
            }
          }
          return out;
        });
  }

  /** Sets a service's objective of that kind, replacing the one it had. */
  public void putSlo(Slo slo) throws StoreException {
    transaction(
        () -> {
          update(
              "DELETE FROM slo_objective WHERE service = ? AND kind = ?",
              slo.service(),
              slo.kind().name());
          update(
              "INSERT INTO slo_objective (service, kind, window_seconds, budget_seconds, objective,"
                  + " target, latency_micros) VALUES (?, ?, ?, ?, ?, ?, ?)",
              slo.service(),
              slo.kind().name(),
              slo.windowSeconds(),
              slo.budgetSeconds(),
              slo.objective(),
              slo.target(),
              slo.latencyMicros());
          return null;
        });
  }

  public Optional<Incident> find(String id) throws StoreException {
    return transaction(
        () -> {
          try (PreparedStatement ps =
                  prepare(
                      "SELECT id, title, severity, status, opened_at,"
                          + " impact_start, impact_end FROM incident WHERE id = ?",
                      id);
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(incident(rs)) : Optional.<Incident>empty();
          }
        });
  }

  /** Every incident, newest first. */
  public List<Incident> all() throws StoreException {
    return transaction(
        () -> {
          List<Incident> out = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      "SELECT id, title, severity, status, opened_at,"
                          + " impact_start, impact_end FROM incident ORDER BY opened_at DESC, year DESC, seq DESC");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(incident(rs));
            }
          }
          return out;
        });
  }

  /**
   * A fingerprint that changes with every write: rows in each table, and the incidents' statuses
   * and impact bounds (the only columns a write updates in place). Readers that keep what they read
   * (the incident room) compare it to know whether to read again; one query, no row is fetched.
   */
  public String revision() throws StoreException {
    return transaction(
        () -> {
          try (PreparedStatement ps =
                  prepare(
                      "SELECT (SELECT COUNT(*) FROM incident),"
                          + " (SELECT COALESCE(SUM(impact_start), 0) FROM incident),"
                          + " (SELECT COALESCE(SUM(impact_end), 0) FROM incident),"
                          + " (SELECT COUNT(*) FROM incident WHERE status = 'RESOLVED'),"
                          + " (SELECT COUNT(*) FROM timeline_entry),"
                          + " (SELECT COUNT(*) FROM root_cause),"
                          + " (SELECT COUNT(*) FROM probe_sample),"
                          + " (SELECT COUNT(*) FROM slo_objective),"
                          + " (SELECT COALESCE(SUM(budget_seconds + window_seconds + latency_micros), 0)"
                          + " FROM slo_objective)");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            StringBuilder b = new StringBuilder();
            for (int c = 1; c <= 9; c++) {
              b.append(c == 1 ? "" : ".").append(rs.getLong(c));
            }
            return b.toString();
          }
        });
  }

  /** Every objective, by service, availability before latency. */
  public List<Slo> slos() throws StoreException {
    return transaction(
        () -> {
          List<Slo> out = new ArrayList<>();
          try (PreparedStatement ps =
                  prepare(
                      "SELECT service, window_seconds, budget_seconds, objective, kind, target,"
                          + " latency_micros FROM slo_objective ORDER BY service, kind");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(
                  new Slo(
                      rs.getString(1),
                      rs.getLong(2),
                      rs.getLong(3),
                      rs.getString(4),
                      Slo.Kind.valueOf(rs.getString(5)),
                      rs.getDouble(6),
                      rs.getLong(7)));
            }
          }
          return out;
        });
  }

  private Incident incident(ResultSet rs) throws SQLException {
    String id = rs.getString(1);
    List<String> services = new ArrayList<>();
    try (PreparedStatement ps =
            prepare("SELECT service FROM incident_service WHERE incident_id = ? ORDER BY ord", id);
        ResultSet s = ps.executeQuery()) {
      while (s.next()) {
        services.add(s.getString(1));
      }
    }
    List<TimelineEntry> timeline = new ArrayList<>();
    try (PreparedStatement ps =
            prepare(
                "SELECT at, kind, status, text FROM timeline_entry"
                    + " WHERE incident_id = ? ORDER BY at, ord",
                id);
        ResultSet t = ps.executeQuery()) {
      while (t.next()) {
        String status = t.getString(3);
        timeline.add(
            new TimelineEntry(
                t.getLong(1),
                TimelineEntry.Kind.valueOf(t.getString(2)),
                status == null ? null : Status.valueOf(status),
                t.getString(4)));
      }
    }
    List<RootCause> causes = new ArrayList<>();
    try (PreparedStatement ps =
            prepare(
                "SELECT rule_id, severity, layer, path, line, message, fix, subject, symptom,"
                    + " objects, found_at FROM root_cause WHERE incident_id = ? ORDER BY ord",
                id);
        ResultSet c = ps.executeQuery()) {
      while (c.next()) {
        causes.add(
            new RootCause(
                c.getString(1),
                c.getString(2),
                c.getString(3),
                c.getString(4),
                c.getInt(5),
                c.getString(6),
                c.getString(7),
                c.getString(8),
                c.getString(9),
                c.getString(10).isEmpty() ? List.of() : List.of(c.getString(10).split("\n")),
                c.getLong(11)));
      }
    }
    return new Incident(
        id,
        rs.getString(2),
        IncidentSeverity.valueOf(rs.getString(3)),
        Status.valueOf(rs.getString(4)),
        services,
        rs.getLong(5),
        rs.getLong(6),
        rs.getLong(7),
        timeline,
        causes);
  }

  private void insertEntry(String id, TimelineEntry e) throws SQLException {
    int ord = intQuery("SELECT COUNT(*) FROM timeline_entry WHERE incident_id = ?", id);
    update(
        "INSERT INTO timeline_entry (incident_id, ord, at, kind, status, text)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        id,
        ord,
        e.at(),
        e.kind().name(),
        e.status() == null ? null : e.status().name(),
        e.text());
  }

  /** One unit of work against the connection. */
  private interface Work<T> {
    T run() throws SQLException;
  }

  /**
   * Runs the work in one transaction. On PostgreSQL two writers can both read the same next number
   * (read committed) and the second insert then violates the key: it is retried on fresh reads.
   * SQLite never gets there: its IMMEDIATE transactions serialize writers up front.
   */
  private <T> T transaction(Work<T> work) throws StoreException {
    for (int attempt = 1; ; attempt++) {
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollback();
        if (attempt >= MAX_ATTEMPTS || !UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw failed(e);
        }
      }
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the write failed already; its own error is the one to report
    }
  }

  private StoreException failed(SQLException e) {
    return new StoreException(
        "the incident store " + url + " failed: " + StoreConnection.firstLine(e), e);
  }

  private int intQuery(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void update(String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = prepare(sql, args)) {
      ps.executeUpdate();
    }
  }

  private PreparedStatement prepare(String sql, Object... args) throws SQLException {
    PreparedStatement ps = connection.prepareStatement(sql);
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
    return ps;
  }

  @Override
  public void close() throws StoreException {
    try {
      connection.close();
    } catch (SQLException e) {
      throw failed(e);
    }
  }
}
