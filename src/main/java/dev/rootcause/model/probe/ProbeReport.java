package dev.rootcause.model.probe;

import java.time.Duration;
import java.util.List;

/**
 * A probe run judged: what each URL did, the kind of failure it shows, and the SLO criteria when
 * an SLO was given.
 *
 * @param slo the objective checked, or null when none was given
 * @param criteria one per SLO term per URL; empty without an SLO
 */
public record ProbeReport(ProbeResult result, List<Diagnosis> diagnoses, Slo slo,
    List<Criterion> criteria) implements java.io.Serializable {

  public ProbeReport {
    diagnoses = List.copyOf(diagnoses);
    criteria = List.copyOf(criteria);
  }

  /** Judges a result: a diagnosis per URL, and the SLO's criteria when there is one. */
  public static ProbeReport judge(ProbeResult result, Slo slo, Duration slowThreshold) {
    List<Diagnosis> diagnoses = result.endpoints().stream()
        .map(e -> Diagnosis.of(e, result.plan().okStatus(), slowThreshold)).toList();
    List<Criterion> criteria = slo == null ? List.of() : slo.evaluate(result);
    return new ProbeReport(result, diagnoses, slo, criteria);
  }

  /** True when every criterion passed (and trivially without an SLO). */
  public boolean passed() {
    return criteria.stream().allMatch(Criterion::passed);
  }
}
