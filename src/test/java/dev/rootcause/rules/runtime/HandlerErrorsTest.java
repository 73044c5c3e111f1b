package dev.rootcause.rules.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.cluster.SourceFrame;
import org.junit.jupiter.api.Test;

/** Which traceback of a log is the cause of its 5xx lines. */
class HandlerErrorsTest {
  static void traceback(HandlerErrors errors, String error, String... frames) {
    errors.line("[2025-03-14 14:20:02,118] ERROR in app: Exception on / [GET]");
    errors.line("Traceback (most recent call last):");
    for (String frame : frames) {
      errors.line("  " + frame);
      errors.line("    return handler()");
    }
    errors.line(error);
  }

  @Test
  void theErrorRaisedBesideMost5xxLinesAtTheApplicationsDeepestFrame() {
    HandlerErrors errors = new HandlerErrors();
    for (int i = 0; i < 3; i++) {
      traceback(
          errors,
          "KeyError: 'sku'",
          "File \"/usr/local/lib/python3.11/site-packages/flask/app.py\", line 1469, in dispatch",
          "File \"/app/views.py\", line 40, in cart",
          "File \"/app/store.py\", line 12, in price_of",
          "File \"/usr/local/lib/python3.11/json/__init__.py\", line 339, in loads");
      errors.failed();
    }
    traceback(errors, "ValueError: bad page", "File \"/app/views.py\", line 9, in page");
    errors.failed();

    assertThat(errors.top())
        .isEqualTo(
            new HandlerErrors.Raised(
                "KeyError: 'sku'", new SourceFrame("/app/store.py", 12, "price_of")));
    assertThat(errors.topCount()).isEqualTo(3);
  }

  @Test
  void aTracebackLoggedForARequestAnswered200IsNotTheCauseOfTheNext500() {
    HandlerErrors errors = new HandlerErrors();
    // A handled exception, logged with its traceback, then the request answered 200.
    traceback(errors, "TimeoutError: cache", "File \"/app/cache.py\", line 3, in get");
    errors.answered();
    errors.failed();

    assertThat(errors.top()).isNull();
    assertThat(errors.topCount()).isZero();
  }
}
