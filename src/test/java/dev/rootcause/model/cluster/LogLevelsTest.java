package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as an error line: levels, exceptions, panics and klog errors, not counts of zero. */
class LogLevelsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-02-11T17:00:00Z ERROR boom",
        "2025-02-11T17:29:27.002118934Z error POST /orders failed: Error: connect ECONNREFUSED"
            + " 10.43.112.9:8080",
        "{\"time\":\"2025-02-11T17:29:12Z\",\"level\":\"error\",\"msg\":\"charge failed\"}",
        "time=2025-02-11T17:29:40Z level=error msg=\"retry budget exhausted\"",
        "level: fatal cannot open /data/db",
        "E0211 17:29:31.118204       1 proxy.go:412] failed to connect to instance",
        "Traceback (most recent call last):",
        "panic: runtime error: invalid memory address or nil pointer dereference",
        "java.lang.IllegalStateException: pool exhausted; Exception in thread \"main\"",
        "[CRITICAL] worker timeout (pid:7)"
      })
  void errorLines(String line) {
    assertThat(LogLevels.isError(line)).as(line).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2025-02-11T17:29:20.410512345Z info order-service listening on port 3002",
        "2025-02-11T17:29:00.001Z info batch settled: 120 orders, 0 errors",
        "2025-02-11T17:29:30.001Z info GET /healthz 200 1ms: no errors",
        "{\"msg\":\"sync done\",\"errors\":0}",
        "stats errors=0 retries=2",
        "I0211 17:29:31.118204       1 proxy.go:90] listening on 127.0.0.1:3307",
        "ready"
      })
  void notErrorLines(String line) {
    assertThat(LogLevels.isError(line)).as(line).isFalse();
  }
}
