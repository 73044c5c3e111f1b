package dev.rootcause.model.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A multi-line stack trace is one record of a log: counted once, its causes still read. */
class LogRecordsTest {
  private static final Instant T = Instant.parse("2025-06-03T14:18:33Z");

  private static ContainerLog log(List<String> lines) {
    List<LogLine> read = new ArrayList<>();
    lines.forEach(l -> read.add(new LogLine(null, l)));
    return new ContainerLog("billing", "invoices-7d9f-x2k4", "app", read, "test");
  }

  private static long errors(ContainerLog log) {
    return log.lines().stream().filter(LogLine::error).count();
  }

  /**
   * Spring Boot's console: the logger's ERROR line, the exception under it, 40 frames (the team's
   * error-handling package among them), a Caused by and its "... more".
   */
  private static List<String> springException(int n) {
    List<String> out = new ArrayList<>();
    out.add(
        "2025-06-03T14:18:3"
            + n
            + ".241Z ERROR 1 --- [nio-8080-exec-"
            + n
            + "] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet"
            + " [dispatcherServlet] threw exception");
    out.add("org.springframework.dao.DataAccessResourceFailureException: could not fetch invoice");
    for (int f = 0; f < 20; f++) {
      out.add(
          "\tat com.acme.billing.error.InvoiceErrorTranslator.translate(InvoiceErrorTranslator.java:"
              + (40 + f)
              + ")");
      out.add(
          "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:"
              + (880 + f)
              + ")");
    }
    out.add(
        "Caused by: org.postgresql.util.PSQLException: FATAL: remaining connection slots are reserved");
    out.add(
        "\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)");
    out.add("\t... 23 more");
    return out;
  }

  @Test
  void threeJavaExceptionsOfFortyFramesAreThreeErrorsNotEveryFrameThatSaysError() {
    List<String> text = new ArrayList<>();
    for (int n = 1; n <= 3; n++) {
      text.add(
          "2025-06-03T14:18:3"
              + n
              + ".100Z  INFO 1 --- [nio-8080-exec-1] c.a.b.InvoiceController : GET /invoices/"
              + n);
      text.addAll(springException(n));
    }
    long linesSayingError = text.stream().filter(LogLevels::isError).count();

    ContainerLog log = log(text);

    assertThat(linesSayingError).as("read line by line").isGreaterThan(60);
    assertThat(errors(log)).isEqualTo(3);
    assertThat(log.lines()).hasSize(text.size());
    assertThat(log.lines().stream().filter(LogLine::error).map(LogLine::text))
        .allMatch(t -> t.contains(" ERROR 1 --- "));
  }

  @Test
  void theCausedByLineIsStillReadForItsCause() {
    ContainerLog log =
        log(
            List.of(
                "2025-06-03 14:18:33.241 ERROR 1 --- [main] o.s.boot.SpringApplication : Application run failed",
                "org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'dataSource'",
                "\tat org.springframework.beans.factory.support.AbstractBeanFactory.getBean(AbstractBeanFactory.java:208)",
                "Caused by: java.net.UnknownHostException: billing-db",
                "\tat java.base/java.net.InetAddress.getAllByName0(InetAddress.java:1630)",
                "\t... 68 common frames omitted"));

    assertThat(errors(log)).isEqualTo(1);
    LogLine causedBy = log.lines().get(3);
    assertThat(causedBy.continues()).isTrue();
    assertThat(causedBy.cause())
        .isEqualTo(new LogCause(LogCause.Kind.HOST_NOT_FOUND, "billing-db"));
  }

  @Test
  void framesBehindKubectlTimestampsAreGroupedAsWithout() {
    List<LogLine> read = new ArrayList<>();
    for (String l : springException(1)) {
      read.add(new LogLine(T, "2025-06-03T14:18:33.241000000Z " + l));
    }
    ContainerLog log = new ContainerLog("billing", "invoices-1", "app", read, "live");

    assertThat(errors(log)).isEqualTo(1);
    assertThat(log.lines().stream().filter(LogLine::continues)).hasSize(read.size() - 1);
  }

  @Test
  void pythonLoggingExceptionAndItsTracebackAreOneRecord() {
    ContainerLog log =
        log(
            List.of(
                "2025-06-03 14:18:33,241 ERROR [app.jobs] export failed for account 4411",
                "Traceback (most recent call last):",
                "  File \"/app/app/jobs/export.py\", line 88, in run",
                "    rows = self.fetch(account)",
                "  File \"/app/app/jobs/export.py\", line 41, in fetch",
                "    log.error(\"fetch failed\")",
                "ValueError: account 4411 has no region",
                "2025-06-03 14:18:34,002 INFO [app.jobs] export finished for account 4412"));

    assertThat(errors(log)).isEqualTo(1);
    assertThat(log.lines().stream().map(LogLine::continues))
        .containsExactly(false, true, true, true, true, true, true, false);
  }

  @Test
  void anUncaughtTracebackAfterAnInfoLineIsAnErrorOfItsOwn() {
    ContainerLog log =
        log(
            List.of(
                "INFO:     Started server process [1]",
                "Traceback (most recent call last):",
                "  File \"/app/main.py\", line 12, in <module>",
                "    from app.settings import settings",
                "ModuleNotFoundError: No module named 'app.settings'"));

    assertThat(errors(log)).isEqualTo(1);
    assertThat(log.lines().get(1).error()).isTrue();
    assertThat(log.lines().get(4).cause().kind()).isEqualTo(LogCause.Kind.MODULE_NOT_FOUND);
    // Python names the exception last: the record is quoted by it, not by "Traceback ...".
    assertThat(log.headline(log.lines().get(1)).text())
        .isEqualTo("ModuleNotFoundError: No module named 'app.settings'");
    assertThat(log.headline(log.lines().get(0))).isSameAs(log.lines().get(0));
  }

  @Test
  void nodeChainedTracesAndTheErrorsFieldsAfterThemAreOneRecord() {
    ContainerLog log =
        log(
            List.of(
                "[2025-06-03T14:18:33.241Z] ERROR: payment capture failed",
                "Error: capture failed: upstream 502",
                "    at PaymentsClient.capture (/usr/src/app/dist/payments/client.js:88:13)",
                "    at async Promise.all (index 0)",
                "    at async CheckoutService.complete (/usr/src/app/dist/checkout/service.js:41:5) {",
                "  [cause]: Error: read ECONNRESET",
                "      at TLSWrap.onStreamRead (node:internal/stream_base_commons:217:20)",
                "  errno: -104,",
                "[2025-06-03T14:18:34.002Z] INFO: request completed"));

    assertThat(errors(log)).isEqualTo(1);
    assertThat(log.lines().get(8).continues()).isFalse();
  }

  @Test
  void groupingTwiceGivesTheSameLines() {
    ContainerLog once = log(springException(1));

    assertThat(new ContainerLog("b", "p", "c", once.lines(), "test").lines())
        .isEqualTo(once.lines());
  }

  @Test
  void indentedLinesThatFollowNoTraceAreRecordsOfTheirOwn() {
    // The trap: a logger that indents its own lines (a config dump, a multi-line message) is no
    // stack trace; each of its error lines still counts.
    ContainerLog log =
        log(
            List.of(
                "2025-06-03 14:18:33 ERROR sync: 2 batches failed",
                "    batch 17: error: connection reset by peer",
                "    batch 18: error: connection reset by peer"));

    assertThat(errors(log)).isEqualTo(3);
    assertThat(log.lines()).noneMatch(LogLine::continues);
  }
}
