package dev.rootcause.collect.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The same store on a real PostgreSQL server (a team's shared store), started by the test. */
class PostgresStoreTest extends StoreContract {
  private static EmbeddedPostgres postgres;
  private static int databases;
  private String url;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Override
  String url() {
    return url;
  }

  /** A fresh database per test, so each migrates from nothing. */
  @BeforeEach
  void freshDatabase() throws Exception {
    String name = "rootcause" + ++databases;
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    url = postgres.getJdbcUrl("postgres", name);
  }
}
