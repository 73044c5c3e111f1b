package dev.rootcause.model.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The outcome of one probe run: the plan and what each URL did. */
public record ProbeResult(
    ProbePlan plan, Instant startedAt, Duration elapsed, List<EndpointResult> endpoints)
    implements java.io.Serializable {

  public ProbeResult {
    endpoints = List.copyOf(endpoints);
  }

  public long requests() {
    return endpoints.stream().mapToLong(EndpointResult::requests).sum();
  }

  public long failed() {
    return endpoints.stream().mapToLong(EndpointResult::failed).sum();
  }
}
