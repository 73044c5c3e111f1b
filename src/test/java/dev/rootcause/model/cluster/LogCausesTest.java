package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.cluster.LogCause.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The start-up failures read from log lines as Node.js, Python, Go, the JVM and shells write them.
 */
class LogCausesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "FATAL: DB_NAME environment variable is required|MISSING_ENV|DB_NAME",
        "Error: Missing required env var: \"STRIPE_KEY\"|MISSING_ENV|STRIPE_KEY",
        "KeyError: 'DATABASE_URL'|MISSING_ENV|DATABASE_URL",
        "Error: Cannot find module 'express'|MODULE_NOT_FOUND|express",
        "ModuleNotFoundError: No module named 'psycopg2'|MODULE_NOT_FOUND|psycopg2",
        "Error: ENOENT: no such file or directory, open '/app/config.json'|FILE_NOT_FOUND|/app/config.json",
        "PermissionError: [Errno 13] Permission denied: '/data/db.sqlite'|PERMISSION_DENIED|/data/db.sqlite",
        "Error: listen EADDRINUSE: address already in use :::3000|ADDRESS_IN_USE|:::3000",
        "Error: connect ECONNREFUSED 10.43.112.9:5432|CONNECTION_REFUSED|10.43.112.9:5432",
        "Error: getaddrinfo ENOTFOUND database|HOST_NOT_FOUND|database",
        "dial tcp: lookup redis on 10.43.0.10:53: no such host|HOST_NOT_FOUND|redis",
        "exec /app/start.sh: no such file or directory|EXECUTABLE_NOT_FOUND|/app/start.sh",
        "exec: \"gunicorn\": executable file not found in $PATH|EXECUTABLE_NOT_FOUND|gunicorn",
      })
  void readsTheCauseAndWhatItNames(String line, Kind kind, String subject) {
    LogCause cause = LogCauses.classify(line);
    assertThat(cause).isNotNull();
    assertThat(cause.kind()).isEqualTo(kind);
    assertThat(cause.subject()).isEqualTo(subject);
  }

  @Test
  void ordinaryLinesProveNothing() {
    assertThat(LogCauses.classify("2025-02-11T17:29:41.101Z info order created id=ord-1020"))
        .isNull();
    assertThat(LogCauses.classify("GET /health 200 1ms")).isNull();
    assertThat(LogCauses.classify("x".repeat(10_000) + " ECONNREFUSED")).isNull();
  }

  @Test
  void aLogLineCarriesItsCause() {
    assertThat(new LogLine(null, "Error: getaddrinfo ENOTFOUND database").cause())
        .isEqualTo(new LogCause(Kind.HOST_NOT_FOUND, "database"));
  }
}
