package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.cluster.LogCause.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Causes and levels read from the shapes other teams' logs take: JSON records (pino, bunyan, zap,
 * logrus, logstash-logback, structlog) whose message and error fields carry the cause, the start-up
 * failures of Spring, Quarkus, uvicorn, Celery, Go and Rust, and the platform errors of runc. The
 * blind set (BlindDiagnoseTest) shows them in whole cluster states; each here in a second style.
 */
class StructuredLogCausesTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // JSON: the cause is in the error object or field, escaped; the message alone says less.
        "{\"level\":50,\"time\":1,\"err\":{\"type\":\"Error\",\"message\":\"connect ECONNREFUSED"
            + " 10.0.0.5:6379\"},\"msg\":\"cache down, exiting\"}|CONNECTION_REFUSED|10.0.0.5:6379",
        "{\"level\":\"fatal\",\"msg\":\"missing env DB_URL\"}|MISSING_ENV|DB_URL",
        "{\"event\": \"db failed\", \"error\": \"could not translate host name \\\"pg-main\\\" to"
            + " address\", \"level\": \"error\"}|HOST_NOT_FOUND|pg-main",
        "{\"@timestamp\":\"t\",\"level\":\"ERROR\",\"message\":\"boom\",\"stack_trace\":\"x\\n"
            + "Caused by: java.net.UnknownHostException: mysql\\n\\tat a.b\"}|HOST_NOT_FOUND|mysql",
        "time=\"2025-06-03T14:00:00Z\" level=fatal msg=\"dial tcp: lookup nats on"
            + " 10.96.0.10:53: no such host\"|HOST_NOT_FOUND|nats",
        // Start-up failures of frameworks, each in a second framework's words.
        "Caused by: java.lang.IllegalArgumentException: Could not resolve placeholder"
            + " 'JWT_SECRET' in value \"${JWT_SECRET}\"|MISSING_ENV|JWT_SECRET",
        "Could not resolve placeholder 'app.payments.url' in value"
            + " \"${app.payments.url}\"|MISSING_SETTING|app.payments.url",
        "SRCFG00014: The config property quarkus.datasource.jdbc.url is required but it could not"
            + " be found in any config source|MISSING_SETTING|quarkus.datasource.jdbc.url",
        "Failed to configure a DataSource: 'url' attribute is not specified and no embedded"
            + " datasource could be configured.|MISSING_SETTING|spring.datasource.url",
        "Web server failed to start. Port 9090 was already in use.|ADDRESS_IN_USE|9090",
        "ERROR:    Error loading ASGI app. Could not import module \"app.main\".|MODULE_NOT_FOUND"
            + "|app.main",
        "Error: Invalid value for '-A' / '--app': Unable to load celery application. The module"
            + " tasks was not found.|MODULE_NOT_FOUND|tasks",
        "exec /usr/local/bin/api: exec format error|WRONG_PLATFORM|/usr/local/bin/api",
        "standard_init_linux.go:228: exec user process caused: exec format error|WRONG_PLATFORM|",
        "exec /docker-entrypoint.sh: permission denied|PERMISSION_DENIED|/docker-entrypoint.sh",
        "panic: assignment to entry in nil map|UNHANDLED_ERROR|assignment to entry in nil map",
        "thread 'main' panicked at src/main.rs:12:5:|UNHANDLED_ERROR|src/main.rs:12:5:",
        "Exception in thread \"main\" java.lang.IllegalStateException: no config|UNHANDLED_ERROR"
            + "|java.lang.IllegalStateException: no config",
      })
  void readsTheCauseInASecondStyle(String line, Kind kind, String subject) {
    LogCause cause = LogCauses.classify(line);
    assertThat(cause).as(line).isNotNull();
    assertThat(cause.kind()).isEqualTo(kind);
    assertThat(cause.subject()).isEqualTo(subject);
  }

  @Test
  void aPanicThatNamesAnUnresolvedHostIsTheHostNotTheBarePanic() {
    LogCause cause =
        LogCauses.classify("panic: dial tcp: lookup kafka on 10.96.0.10:53: no such host");
    assertThat(cause.kind()).isEqualTo(Kind.HOST_NOT_FOUND);
    assertThat(cause.subject()).isEqualTo("kafka");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // The trap: "panic" and "error" as words of a message that reports none.
        "{\"level\":30,\"msg\":\"recovered from panic in handler, request retried\"}",
        "INFO  c.a.Sync : Reconciled 1842 SKUs, error_count=0",
        "Placeholder 'DB_URL' resolved from the environment",
        "{\"level\":\"info\",\"msg\":\"this is not json\"",
      })
  void noCauseInLinesThatOnlyMentionTheWords(String line) {
    assertThat(LogCauses.classify(line)).as(line).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"level\":50,\"msg\":\"payment failed\"}",
        "{\"level\":\"error\",\"ts\":1.5,\"msg\":\"publish failed\"}",
        "{\"severity\":\"ERROR\",\"message\":\"quota exceeded\"}",
        "2025-06-03T14:18:04.530Z ERROR 1 --- [main] o.s.boot.SpringApplication : failed",
        "[2025-06-03 14:15:02 +0000] [1] [ERROR] Worker (pid:7) exited with code 3",
        "2025/06/03 14:14:12 [error] 29#29: *1041 connect() failed (111: Connection refused)",
        "E0603 14:00:00.123456       1 controller.go:114] sync failed",
        "Traceback (most recent call last):",
      })
  void errorsByTheLevelTheLineStates(String line) {
    assertThat(LogLevels.isError(line)).as(line).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // The trap: info and warn records whose message holds the word error.
        "{\"level\":30,\"msg\":\"retry succeeded after error\",\"attempt\":2}",
        "{\"level\":\"info\",\"msg\":\"reconcile finished\",\"errors\":[],\"error_count\":0}",
        "{\"level\":40,\"msg\":\"redis error, reconnecting\",\"err\":{\"type\":\"Error\"}}",
        "2025-06-03T14:15:42.310Z  WARN 1 --- [main] c.a.Client : API error on attempt 1/3",
        "[2025-06-03T14:10:01.120Z] WARN  amqp connect failed: Error: connect ECONNREFUSED",
        "INFO:     127.0.0.1:51234 - \"GET /errors HTTP/1.1\" 200 OK",
        "time=\"2025-06-03T14:00:00Z\" level=info msg=\"error budget at 99.2%\"",
        "I0603 14:00:00.123456       1 controller.go:114] retrying after error",
      })
  void notErrorsWhenTheStatedLevelIsLower(String line) {
    assertThat(LogLevels.isError(line)).as(line).isFalse();
  }
}
