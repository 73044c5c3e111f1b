package dev.rootcause.model.probe;

import java.time.Duration;
import java.util.List;

/**
 * A probe run judged: what each URL did, the kind of failure it shows, and the SLO criteria when an
 * SLO was given.
 *
 * @param slo the objective checked, or null when none was given
 * @param criteria one per SLO term per URL; without an SLO, the {@link #DEFAULT_CHECK} per URL
 */
public record ProbeReport(
    ProbeResult result, List<Diagnosis> diagnoses, Slo slo, List<Criterion> criteria)
    implements java.io.Serializable {

  public ProbeReport {
    diagnoses = List.copyOf(diagnoses);
    criteria = List.copyOf(criteria);
  }

  /**
   * What a probe checks when no SLO is given: a service that refuses every connection, times out,
   * fails TLS or DNS, or answers 5xx to everything is not passed as healthy.
   */
  public static final String DEFAULT_CHECK = "answered, mostly not 5xx";

  /**
   * Judges a result: a diagnosis per URL, and the SLO's criteria when there is one, the {@link
   * #DEFAULT_CHECK} otherwise.
   */
  public static ProbeReport judge(ProbeResult result, Slo slo, Duration slowThreshold) {
    List<Diagnosis> diagnoses =
        result.endpoints().stream()
            .map(e -> Diagnosis.of(e, result.plan().okStatus(), slowThreshold))
            .toList();
    List<Criterion> criteria =
        slo == null
            ? result.endpoints().stream().map(ProbeReport::answered).toList()
            : slo.evaluate(result);
    return new ProbeReport(result, diagnoses, slo, criteria);
  }

  /** Passed when more than half of the requests got an answer that was not a 5xx. */
  static Criterion answered(EndpointResult r) {
    long n = r.requests();
    long serverErrors = r.serverErrors();
    long good = r.responses() - serverErrors;
    boolean passed = good * 2 > n;
    String detail;
    if (passed) {
      detail = "";
    } else if (n == 0) {
      detail = "no request completed";
    } else if (r.responses() == 0) {
      detail =
          "no request got an HTTP response: "
              + Diagnosis.outcomes(new java.util.TreeMap<>(), r.errors());
    } else if (serverErrors * 2 >= r.responses()) {
      detail = "most answers were server errors (5xx)";
    } else {
      detail =
          "most requests got no answer: "
              + Diagnosis.outcomes(new java.util.TreeMap<>(), r.errors());
    }
    return new Criterion(
        DEFAULT_CHECK,
        r.url(),
        passed,
        r.responses() + "/" + n + " answered, " + serverErrors + " 5xx",
        detail);
  }

  /** True when every criterion passed. */
  public boolean passed() {
    return criteria.stream().allMatch(Criterion::passed);
  }
}
