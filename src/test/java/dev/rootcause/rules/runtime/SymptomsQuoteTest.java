package dev.rootcause.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.cluster.LogLine;
import org.junit.jupiter.api.Test;

/** A log line as evidence quotes it: a JSON record by what it says, any other line as written. */
class SymptomsQuoteTest {

  @Test
  void aPinoRecordIsQuotedByItsMessageAndErrorNotItsEnvelope() {
    LogLine line =
        new LogLine(
            null,
            "{\"level\":50,\"time\":1739291234567,\"pid\":1,\"hostname\":\"checkout-5f7b8c9d6-h2m4p\","
                + "\"req\":{\"id\":\"7c1f\",\"method\":\"POST\",\"url\":\"/api/checkout\"},"
                + "\"err\":{\"type\":\"Error\",\"message\":\"connect ECONNREFUSED 10.96.0.12:5432\","
                + "\"stack\":\"Error: connect ECONNREFUSED 10.96.0.12:5432\\n    at TCPConnectWrap"
                + ".afterConnect [as oncomplete] (node:net:1605:16)\"},\"msg\":\"order failed\"}");

    assertThat(Symptoms.quote(line))
        .isEqualTo("\"order failed: connect ECONNREFUSED 10.96.0.12:5432\"");
  }

  @Test
  void aLogstashRecordKeepsItsRootCauseAndLeavesItsFramesOut() {
    LogLine line =
        new LogLine(
            null,
            "{\"@timestamp\":\"2025-06-03T14:18:33.241Z\",\"@version\":\"1\",\"message\":\"HikariPool-1 -"
                + " Exception during pool initialization.\",\"logger_name\":\"com.zaxxer.hikari.pool"
                + ".HikariPool\",\"level\":\"ERROR\",\"stack_trace\":\"org.postgresql.util.PSQLException:"
                + " The connection attempt failed.\\n\\tat org.postgresql.core.v3.ConnectionFactoryImpl"
                + ".openConnectionImpl(ConnectionFactoryImpl.java:354)\\n\\t... 68 common frames omitted"
                + "\\nCaused by: java.net.UnknownHostException: stock-db\\n\\tat java.base/sun.nio.ch"
                + ".NioSocketImpl.connect(NioSocketImpl.java:567)\\n\"}");

    assertThat(Symptoms.quote(line))
        .isEqualTo(
            "\"HikariPool-1 - Exception during pool initialization.: org.postgresql.util.PSQLException:"
                + " The connection attempt failed. ... Caused by: java.net.UnknownHostException:"
                + " stock-db\"");
  }

  @Test
  void aPlainLineIsQuotedAsWritten() {
    LogLine line =
        new LogLine(
            null, "2025-06-03T14:18:33Z ERROR  dial tcp 10.96.14.3:6379: connect: refused  ");

    assertThat(Symptoms.quote(line))
        .isEqualTo("\"2025-06-03T14:18:33Z ERROR  dial tcp 10.96.14.3:6379: connect: refused\"");
  }

  @Test
  void jsonThatIsNoLogRecordIsQuotedAsWritten() {
    // The trap: a metrics line in JSON has no message to quote; its fields are the evidence.
    LogLine line = new LogLine(null, "{\"requests\":1200,\"errors\":0,\"p99_ms\":41}");

    assertThat(Symptoms.quote(line))
        .isEqualTo("\"{\"requests\":1200,\"errors\":0,\"p99_ms\":41}\"");
  }
}
