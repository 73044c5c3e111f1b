package dev.rootcause.model.incident;

import java.io.Serializable;
import java.util.List;

/**
 * Everything a postmortem says about one incident, computed once for every renderer.
 *
 * @param budgets the error budget of each affected service that has an SLO
 * @param charges what this incident took from each of those budgets, in the same order
 * @param detectSeconds impact start to the incident being opened
 * @param mitigateSeconds impact start to monitoring (the fix is out), or -1 if never reached
 * @param resolveSeconds impact start to resolved, or -1 while open
 * @param samples what probes measured for the incident: attached to it, or recorded for its
 *     services around its impact; oldest first
 * @param chains the root causes, each with the consequences that follow from it, in the order they
 *     were found
 * @param verifications the {@code verify} runs attached, oldest first
 */
public record Postmortem(
    Incident incident,
    List<Budget> budgets,
    List<Charge> charges,
    long detectSeconds,
    long mitigateSeconds,
    long resolveSeconds,
    List<ActionItem> actions,
    List<ProbeSample> samples,
    List<CauseChain> chains,
    List<Verification> verifications)
    implements Serializable {

  public Postmortem {
    budgets = List.copyOf(budgets);
    charges = List.copyOf(charges);
    actions = List.copyOf(actions);
    samples = List.copyOf(samples);
    chains = List.copyOf(chains);
    verifications = List.copyOf(verifications);
  }

  /** A postmortem whose causes are not grouped into chains and that holds no review. */
  public Postmortem(
      Incident incident,
      List<Budget> budgets,
      List<Charge> charges,
      long detectSeconds,
      long mitigateSeconds,
      long resolveSeconds,
      List<ActionItem> actions,
      List<ProbeSample> samples) {
    this(
        incident,
        budgets,
        charges,
        detectSeconds,
        mitigateSeconds,
        resolveSeconds,
        actions,
        samples,
        incident.rootCauses().stream().map(c -> new CauseChain(c, List.of(), false, null)).toList(),
        List.of());
  }

  /** A postmortem with no probe measurement. */
  public Postmortem(
      Incident incident,
      List<Budget> budgets,
      List<Charge> charges,
      long detectSeconds,
      long mitigateSeconds,
      long resolveSeconds,
      List<ActionItem> actions) {
    this(
        incident,
        budgets,
        charges,
        detectSeconds,
        mitigateSeconds,
        resolveSeconds,
        actions,
        List.of());
  }

  public List<TimelineEntry> lessons() {
    return incident.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.LESSON).toList();
  }
}
