package dev.rootcause.collect.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.sqlite.SQLiteConfig;

/**
 * Opens the store: refuses a file that is not a database or a schema newer than this build before
 * writing anything, then applies the migrations and sets the durability pragmas.
 */
final class StoreConnection {
  /** How long a writer waits for another process's write transaction before giving up. */
  static final int BUSY_TIMEOUT_MILLIS = 10_000;

  private StoreConnection() {}

  static Connection open(String url) throws StoreException {
    return open(url, false);
  }

  /**
   * Opens the store; a {@code reader} connection that is kept open between reads begins its SQLite
   * transactions DEFERRED, so while idle it holds no lock and never blocks a writer.
   */
  static Connection open(String url, boolean reader) throws StoreException {
    boolean sqlite = url.startsWith("jdbc:sqlite:");
    if (sqlite) {
      Path file = Path.of(url.substring("jdbc:sqlite:".length()));
      checkSqliteFile(url, file);
    }
    Flyway flyway =
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load();
    refuseNewerSchema(url, flyway);
    try {
      MigrateResult unused = flyway.migrate();
      return sqlite ? sqlite(url, reader) : DriverManager.getConnection(url);
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("cannot open the incident store " + url + ": " + firstLine(e), e);
    }
  }

  /**
   * WAL with synchronous=FULL: a commit returns only after its WAL frame is fsynced, so an
   * acknowledged write survives kill -9 and a power cut; NORMAL would survive kill -9 but may lose
   * the last commits on power loss. IMMEDIATE transactions take the write lock up front, so two
   * writers queue on the busy timeout instead of failing on a lock upgrade.
   */
  private static Connection sqlite(String url, boolean reader) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
    config.setTransactionMode(
        reader ? SQLiteConfig.TransactionMode.DEFERRED : SQLiteConfig.TransactionMode.IMMEDIATE);
    config.enforceForeignKeys(true);
    return DriverManager.getConnection(url, config.toProperties());
  }

  /** Reads the file read-only first: a stray file is refused without one byte written. */
  private static void checkSqliteFile(String url, Path file) throws StoreException {
    if (!Files.exists(file)) {
      try {
        Files.createDirectories(file.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new StoreException(
            "cannot create the directory of the incident store " + file + ": " + e.getMessage(), e);
      }
      return;
    }
    SQLiteConfig readOnly = new SQLiteConfig();
    readOnly.setReadOnly(true);
    try (Connection c = DriverManager.getConnection(url, readOnly.toProperties());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
      rs.next();
    } catch (SQLException e) {
      throw new StoreException(
          file
              + " is not a rootcause store (not an SQLite database: "
              + firstLine(e)
              + "); give another file with --store",
          e);
    }
  }

  private static void refuseNewerSchema(String url, Flyway flyway) throws StoreException {
    MigrationInfo[] all;
    try {
      all = flyway.info().all();
    } catch (RuntimeException e) {
      throw new StoreException(
          "cannot read the schema of the incident store " + url + ": " + firstLine(e), e);
    }
    for (MigrationInfo m : all) {
      if (m.getState() == MigrationState.FUTURE_SUCCESS
          || m.getState() == MigrationState.FUTURE_FAILED) {
        throw new StoreException(
            "the incident store "
                + url
                + " has schema version "
                + m.getVersion()
                + ", newer than this rootcause knows; upgrade rootcause to use it");
      }
    }
  }

  static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return (nl < 0 ? m : m.substring(0, nl)).trim();
  }
}
