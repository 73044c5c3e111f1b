package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame of the application's code each runtime's stack trace names, as its log prints it. */
class StackTracesTest {

  private static List<StackTraces.Trace> read(String log) {
    return StackTraces.of(List.of(log.split("\n", -1)));
  }

  @Test
  void pythonTheInnermostFrameOfTheAppNotOfALibraryNorTheStandardLibrary() {
    List<StackTraces.Trace> traces =
        read(
            """
            [2025-06-18 15:00:28,412] ERROR in app: Exception on /your-url [POST]
            Traceback (most recent call last):
              File "/usr/local/lib/python3.11/site-packages/flask/app.py", line 1473, in wsgi_app
                response = self.full_dispatch_request()
              File "/app/application.py", line 41, in your_url
                urls = load_urls()
              File "/app/application.py", line 18, in load_urls
                return json.loads(urls_file)
              File "/usr/local/lib/python3.11/json/__init__.py", line 339, in loads
                raise TypeError(f'the JSON object must be str, bytes or bytearray, '
            TypeError: the JSON object must be str, bytes or bytearray, not TextIOWrapper
            10.0.1.15 - - [18/Jun/2025:15:00:28 +0000] "POST /your-url HTTP/1.1" 500 265""");

    assertThat(traces)
        .containsExactly(
            new StackTraces.Trace(
                "TypeError: the JSON object must be str, bytes or bytearray, not TextIOWrapper",
                new SourceFrame("/app/application.py", 18, "load_urls")));
  }

  @Test
  void nodeTheFirstFrameOutsideNodeModulesAndNodesInternals() {
    List<StackTraces.Trace> traces =
        read(
            """
            TypeError: Cannot read properties of undefined (reading 'price')
                at Object.parse (/usr/src/app/node_modules/body-parser/lib/types/json.js:89:19)
                at load (/usr/src/app/server.js:42:11)
                at async Promise.all (index 0)
                at /usr/src/app/routes/orders.js:17:5
                at Layer.handle [as handle_request] (/usr/src/app/node_modules/express/lib/router/layer.js:95:5)
                at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
            POST /orders 500 12.345 ms - 148""");

    assertThat(traces)
        .containsExactly(
            new StackTraces.Trace(
                "TypeError: Cannot read properties of undefined (reading 'price')",
                new SourceFrame("/usr/src/app/server.js", 42, "load")));
  }

  @Test
  void goThePanickingFunctionOfTheAppNotTheRuntimes() {
    List<StackTraces.Trace> traces =
        read(
            """
            panic: runtime error: invalid memory address or nil pointer dereference
            [signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6a1f3d]

            goroutine 1 [running]:
            runtime.throw({0x7b2c11, 0x2a})
            \t/usr/local/go/src/runtime/panic.go:1077 +0x5c
            main.(*Server).loadConfig(0x0)
            \t/app/main.go:57 +0x1d
            main.main()
            \t/app/main.go:21 +0x65
            exit status 2""");

    assertThat(traces)
        .containsExactly(
            new StackTraces.Trace(
                "panic: runtime error: invalid memory address or nil pointer dereference",
                new SourceFrame("/app/main.go", 57, "main.(*Server).loadConfig")));
    assertThat(traces.get(0).frame().simpleFunction()).isEqualTo("loadConfig");
  }

  @Test
  void javaTheLastCauseAndItsFirstFrameOutsideTheLibrariesAsAPathByPackage() {
    List<StackTraces.Trace> traces =
        read(
            """
            2025-06-18 15:00:28.412 ERROR 1 --- [nio-8080-exec-3] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() threw exception
            java.lang.IllegalStateException: order lookup failed
            \tat com.acme.orders.OrderController.get(OrderController.java:31)
            \tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)
            Caused by: java.lang.NullPointerException: Cannot invoke "String.length()" because "sku" is null
            \tat java.base/java.util.Objects.requireNonNull(Objects.java:233)
            \tat com.acme.orders.Orders.load(Orders.java:88)
            \tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:885)
            \t... 48 more
            2025-06-18 15:00:29.001  INFO 1 --- [nio-8080-exec-4] c.a.o.OrderController : GET /orders/7""");

    assertThat(traces)
        .containsExactly(
            new StackTraces.Trace(
                "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"sku\""
                    + " is null",
                new SourceFrame("com/acme/orders/Orders.java", 88, "Orders.load")));
  }

  @Test
  void aTraceWhoseFramesAreAllInLibrariesOrTheRuntimeHasNoFrame() {
    assertThat(
            read(
                """
                Traceback (most recent call last):
                  File "/usr/local/lib/python3.11/site-packages/gunicorn/arbiter.py", line 589, in spawn_worker
                    worker.init_process()
                OSError: [Errno 98] Address already in use"""))
        .containsExactly(new StackTraces.Trace("OSError: [Errno 98] Address already in use", null));
    assertThat(
            read(
                """
                Error: connect ECONNREFUSED 10.96.0.12:5432
                    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)
                    at Client._connect (/usr/src/app/node_modules/pg/lib/client.js:132:11)"""))
        .containsExactly(
            new StackTraces.Trace("Error: connect ECONNREFUSED 10.96.0.12:5432", null));
    assertThat(
            read(
                """
                fatal error: all goroutines are asleep - deadlock!

                goroutine 1 [chan receive]:
                net/http.(*Server).Serve(0xc000120000)
                \tnet/http/server.go:3056 +0x39a
                github.com/acme/lib.Run()
                \t/go/pkg/mod/github.com/acme/lib@v1.2.0/run.go:14 +0x22"""))
        .containsExactly(
            new StackTraces.Trace("fatal error: all goroutines are asleep - deadlock!", null));
  }

  @Test
  void indentedProseThatStartsWithAtIsNotATrace() {
    assertThat(
            read(
                """
                Scheduled maintenance window
                    at the top of every hour the cache is flushed
                GET /health 200"""))
        .isEmpty();
  }

  @Test
  void aLiveLogsTimestampsAreNotPartOfTheFramesIndentation() {
    // kubectl logs --timestamps, as the live reader asks for them: each line starts with its time.
    List<LogLine> lines =
        java.util.stream.Stream.of(
                "2025-06-18T15:00:28.412000000Z Traceback (most recent call last):",
                "2025-06-18T15:00:28.412000000Z   File \"/app/application.py\", line 18, in load_urls",
                "2025-06-18T15:00:28.412000000Z     return json.loads(urls_file)",
                "2025-06-18T15:00:28.413000000Z TypeError: the JSON object must be str, bytes or"
                    + " bytearray, not TextIOWrapper")
            .map(t -> new LogLine(java.time.Instant.parse(t.substring(0, 30)), t))
            .toList();

    List<StackTraces.Trace> traces = StackTraces.of(lines.stream().map(LogLine::body).toList());

    assertThat(traces)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.frame())
                  .isEqualTo(new SourceFrame("/app/application.py", 18, "load_urls"));
              assertThat(t.error()).startsWith("TypeError: the JSON object must be str");
            });
  }
}
