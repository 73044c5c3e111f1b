package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * What one probe run measured on one URL, kept in the store: good and bad events and latency
 * percentiles over a period, recorded for a service or attached to an incident.
 *
 * @param service the service it was recorded for ({@code probe --record}), or "" for none
 * @param incidentId the incident it is evidence of, or null
 * @param at start of the run, epoch seconds
 * @param seconds length of the run in whole seconds (0 for a run within one second)
 * @param bad requests that failed: an error, or a status the probe does not count as success
 * @param slow responses slower than {@code slowMicros} (the service's latency SLO when recorded)
 * @param slowMicros the latency bound {@code slow} was counted against, or 0 when none was set
 */
public record ProbeSample(
    String service,
    String incidentId,
    long at,
    long seconds,
    String url,
    long requests,
    long bad,
    long slow,
    long slowMicros,
    long p50Micros,
    long p95Micros,
    long p99Micros,
    long maxMicros)
    implements Serializable {

  /** When the run ended: the moment its counts are known. */
  public long end() {
    return at + seconds;
  }

  /** Bad over all requests; 0 when nothing was sent. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) bad / requests;
  }

  /** The bad events of an objective: failures for availability, slow responses for latency. */
  public long badFor(Slo slo) {
    if (slo.kind() == Slo.Kind.AVAILABILITY) {
      return bad;
    }
    if (slowMicros == slo.latencyMicros()) {
      return slow;
    }
    // Counted against another bound: a conservative estimate from the percentiles.
    long bound = slo.latencyMicros();
    double share =
        maxMicros <= bound
            ? 0
            : p99Micros <= bound ? 0.01 : p95Micros <= bound ? 0.05 : p50Micros <= bound ? 0.5 : 1;
    return Math.round(requests * share);
  }
}
