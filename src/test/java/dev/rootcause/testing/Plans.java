package dev.rootcause.testing;

import dev.rootcause.model.probe.Header;
import dev.rootcause.model.probe.LoadModel;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.StatusPolicy;
import java.time.Duration;
import java.util.List;

/** Probe plans for tests, with the CLI's defaults. */
public final class Plans {
  private Plans() {}

  public static ProbePlan closed(List<String> urls, int concurrency, long requests) {
    return new ProbePlan(
        urls,
        "GET",
        List.of(new Header("User-Agent", "rootcause-test")),
        null,
        LoadModel.CLOSED,
        concurrency,
        requests,
        null,
        0,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        2,
        5,
        true,
        false,
        StatusPolicy.defaults());
  }

  public static ProbePlan withTimeout(ProbePlan p, Duration requestTimeout) {
    return new ProbePlan(
        p.urls(),
        p.method(),
        p.headers(),
        p.body(),
        p.model(),
        p.concurrency(),
        p.requests(),
        p.duration(),
        p.rate(),
        p.connectTimeout(),
        requestTimeout,
        p.threads(),
        p.failureSamples(),
        p.keepLatencies(),
        p.insecure(),
        p.okStatus());
  }

  public static ProbePlan open(List<String> urls, int concurrency, long requests, double rate) {
    return new ProbePlan(
        urls,
        "GET",
        List.of(),
        null,
        LoadModel.OPEN,
        concurrency,
        requests,
        null,
        rate,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        1,
        5,
        true,
        false,
        StatusPolicy.defaults());
  }

  public static ProbePlan post(String url, String contentType, byte[] body, long requests) {
    return new ProbePlan(
        List.of(url),
        "POST",
        List.of(new Header("Content-Type", contentType)),
        body,
        LoadModel.CLOSED,
        1,
        requests,
        null,
        0,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        1,
        5,
        false,
        false,
        StatusPolicy.defaults());
  }

  public static ProbePlan insecure(ProbePlan p, boolean insecure) {
    return new ProbePlan(
        p.urls(),
        p.method(),
        p.headers(),
        p.body(),
        p.model(),
        p.concurrency(),
        p.requests(),
        p.duration(),
        p.rate(),
        p.connectTimeout(),
        p.requestTimeout(),
        p.threads(),
        p.failureSamples(),
        p.keepLatencies(),
        insecure,
        p.okStatus());
  }
}
