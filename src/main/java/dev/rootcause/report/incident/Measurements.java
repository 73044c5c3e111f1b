package dev.rootcause.report.incident;

import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Postmortem;
import dev.rootcause.model.incident.ProbeSample;
import java.util.List;

/**
 * What probe runs measured over a stretch of an incident, summed: requests, failures and the worst
 * run's latency.
 */
record Measurements(int runs, long requests, long bad, long p95Micros, long maxMicros) {

  double errorRate() {
    return requests == 0 ? 0 : (double) bad / requests;
  }

  /** The runs that ended during the impact (up to now while it lasts). */
  static Measurements during(Postmortem p) {
    Incident i = p.incident();
    long to = i.impactTo() == 0 ? Long.MAX_VALUE : i.impactTo();
    return of(p.samples().stream().filter(s -> s.end() > i.impactFrom() && s.at() < to).toList());
  }

  /** The runs that started after the impact ended: how the fix was measured. */
  static Measurements after(Postmortem p) {
    Incident i = p.incident();
    long to = i.impactTo();
    return to == 0 ? of(List.of()) : of(p.samples().stream().filter(s -> s.at() >= to).toList());
  }

  static Measurements of(List<ProbeSample> runs) {
    return new Measurements(
        runs.size(),
        runs.stream().mapToLong(ProbeSample::requests).sum(),
        runs.stream().mapToLong(ProbeSample::bad).sum(),
        runs.stream().mapToLong(ProbeSample::p95Micros).max().orElse(0),
        runs.stream().mapToLong(ProbeSample::maxMicros).max().orElse(0));
  }
}
