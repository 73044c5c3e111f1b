package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The start-up lines servers print about their port, as the frameworks word them. */
class ListenLinesTest {
  @ParameterizedTest(name = "{1} <- {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "2025/11/27 09:12:33 listening on :8080|8080",
        "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)|8000",
        " * Running on http://127.0.0.1:5000|5000",
        "[2025-02-11 10:00:01 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)|8000",
        "o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port(s): 8080 (http) with"
            + " context path ''|8080",
        "o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8081 (http)|8081",
        "Netty started on port 9090|9090",
        "Server running at http://localhost:3000/|3000",
        "App listening on port 3000!|3000",
        "      Now listening on: http://[::]:80|80",
        "⇨ http server started on [::]:1323|1323",
        "{\"level\":30,\"msg\":\"Server listening at http://0.0.0.0:3001\"}|3001",
        "Starting server on :9000|9000",
        "gRPC server listening at [::]:50051|50051",
      })
  void aServerSaysWhereItListens(String line, int port) {
    assertThat(ListenLines.port(line)).isEqualTo(port);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Started OrdersApplication in 3.214 seconds (process running for 3.8)",
        "Job started at 9:30:12 by cron",
        "Connecting to database at postgres:5432",
        "10.244.0.1 - - [14/Mar/2025 14:05:55] \"GET /healthz HTTP/1.1\" 200 -",
        " * Running on all addresses (0.0.0.0)",
        "retrying upstream 127.0.0.1:8080 in 2s",
      })
  void otherLinesStateNoListenPort(String line) {
    assertThat(ListenLines.port(line)).isEqualTo(-1);
  }

  @org.junit.jupiter.api.Test
  void theFirstStatingLineOfALogIsTheOneQuoted() {
    ContainerLog log =
        new ContainerLog(
            "default",
            "go-app-7b9d8c6f5d-k8v2p",
            "go-app",
            List.of(
                new LogLine(null, "2025/11/27 09:12:33 config loaded"),
                new LogLine(null, "2025/11/27 09:12:33 listening on :8080"),
                new LogLine(null, "2025/11/27 09:12:40 Serving on port 9999")),
            "kubectl logs go-app-7b9d8c6f5d-k8v2p -c go-app");

    ListenLines.Stated stated = ListenLines.stated(log);

    assertThat(stated.port()).isEqualTo(8080);
    assertThat(stated.line().text()).endsWith("listening on :8080");
  }
}
