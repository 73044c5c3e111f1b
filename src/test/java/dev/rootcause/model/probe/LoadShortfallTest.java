package dev.rootcause.model.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A rate the client could not send is said as the client's limit, with the arithmetic. */
class LoadShortfallTest {

  @Test
  void connectionsThatWereNotAllBusyMeanTheLoadGeneratorWasTheLimit() {
    // 1,000 connections at 800us per answer could carry 1.25M req/s: they were not the limit.
    LoadShortfall s = new LoadShortfall(5000, 1200, 38_000, 1000, 800);
    assertThat(s.connectionBound()).isFalse();
    assertThat(s.describe())
        .isEqualTo(
            "asked 5,000 req/s, sent 1,200 req/s (38000 scheduled"
                + " requests not sent): the load generator could not keep up (a limit of this machine, not"
                + " of the server)");
  }

  @Test
  void busyConnectionsSayHowManyRequestsTheyCouldCarry() {
    // 10 connections at 500ms per answer carry 20 req/s, far from 100.
    LoadShortfall s = new LoadShortfall(100, 20, 800, 10, 500_000);
    assertThat(s.connectionBound()).isTrue();
    assertThat(s.describe())
        .isEqualTo(
            "asked 100 req/s, sent 20 req/s (800 scheduled requests"
                + " not sent): 10 connections at a mean answer time of 500ms carry at most 20 req/s: raise"
                + " --concurrency, or the server is too slow for this rate");
  }
}
