package dev.rootcause.pipeline;

import dev.rootcause.collect.store.IncidentStore;
import dev.rootcause.collect.store.StoreException;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.ProbeSample;
import dev.rootcause.model.incident.Slo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * SLOs and error budgets: each resolved incident charges its user-facing downtime to every affected
 * service's budget over that service's rolling window ending now.
 */
public final class Budgets {
  private static final long DAY = 86_400;

  private final String url;
  private final Clock clock;

  public Budgets(String storeOption, Clock clock) {
    this.url = IncidentStores.url(storeOption);
    this.clock = clock;
  }

  public String storeUrl() {
    return url;
  }

  /**
   * An SLO from {@code --availability 99.9%} or {@code --allowed-downtime 20m}, over {@code
   * --window}; exactly one of the two must be given.
   */
  public static Slo slo(String service, String availability, String allowedDowntime, String window)
      throws InputException {
    return slo(service, availability, allowedDowntime, null, window);
  }

  /**
   * An SLO from exactly one of {@code --availability 99.9%}, {@code --allowed-downtime 20m} or
   * {@code --latency "p95<2s"}, over {@code --window}.
   */
  public static Slo slo(
      String service, String availability, String allowedDowntime, String latency, String window)
      throws InputException {
    long windowSeconds = IncidentTimes.seconds(window, "--window");
    int given = (availability == null ? 0 : 1) + (allowedDowntime == null ? 0 : 1);
    if (given + (latency == null ? 0 : 1) != 1) {
      throw new InputException(
          "give one of --availability (99.9%), --allowed-downtime (20m) or --latency (\"p95<2s\")");
    }
    if (latency != null) {
      return LatencyObjective.parse(service, latency, windowSeconds, window);
    }
    if (allowedDowntime != null) {
      long budget = IncidentTimes.seconds(allowedDowntime, "--allowed-downtime");
      if (budget >= windowSeconds) {
        throw new InputException(
            "--allowed-downtime " + allowedDowntime + " is not shorter than --window " + window);
      }
      return new Slo(service, windowSeconds, budget, allowedDowntime + " downtime over " + window);
    }
    double target = percent(availability);
    long budget = Math.round(windowSeconds * (100 - target) / 100);
    return new Slo(
        service,
        windowSeconds,
        budget,
        String.format(Locale.ROOT, "%s availability over %s", availability.trim(), window),
        Slo.Kind.AVAILABILITY,
        target / 100,
        0);
  }

  private static double percent(String text) throws InputException {
    String t = text.trim();
    try {
      double v = Double.parseDouble(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
      if (v > 0 && v < 100) {
        return v;
      }
    } catch (NumberFormatException ignored) {
      // falls through to the message below
    }
    throw new InputException(
        "--availability: '" + text + "' is not a percentage between 0 and 100 (try 99.9%)");
  }

  public void set(Slo slo, boolean dryRun) throws InputException {
    if (!dryRun) {
      IncidentStores.with(
          url,
          s -> {
            s.putSlo(slo);
            return null;
          });
    }
  }

  /** Every SLO's budget, or one service's; a service without an SLO is an input error. */
  public List<Budget> budgets(String service) throws InputException {
    return IncidentStores.with(
        url,
        s -> {
          List<Slo> slos =
              s.slos().stream()
                  .filter(o -> service == null || o.service().equals(service))
                  .toList();
          if (service != null && slos.isEmpty()) {
            throw new InputException(
                "no SLO for "
                    + service
                    + " (set one: rootcause slo set "
                    + service
                    + " --availability 99.9% --window 30d)");
          }
          return compute(s, slos, s.all(), clock.instant().getEpochSecond());
        });
  }

  /** The budgets of {@code slos} at {@code now}, with what probes measured read from the store. */
  static List<Budget> compute(IncidentStore s, List<Slo> slos, List<Incident> incidents, long now)
      throws StoreException {
    List<Budget> out = new ArrayList<>();
    for (Slo o : slos) {
      out.add(compute(o, incidents, samples(s, o, incidents, now), now));
    }
    return out;
  }

  /**
   * What probes measured for an SLO's service over its window: runs recorded for the service, and
   * runs attached to its incidents.
   */
  static List<ProbeSample> samples(IncidentStore store, Slo slo, List<Incident> incidents, long now)
      throws StoreException {
    long from = now - slo.windowSeconds();
    List<ProbeSample> all = new ArrayList<>(store.samples(slo.service(), null, from, now));
    for (Incident i : incidents) {
      if (i.services().contains(slo.service())
          && (i.impactTo() == 0 || i.impactTo() >= from)
          && i.impactFrom() <= now) {
        // A run recorded for the service and attached to the incident is one run, counted once.
        store.samples(null, i.id(), from, now).stream()
            .filter(p -> !p.service().equals(slo.service()))
            .forEach(all::add);
      }
    }
    List<ProbeSample> sorted = new ArrayList<>(all);
    sorted.sort(Comparator.comparingLong(ProbeSample::end));
    return sorted;
  }

  /** The budget of one SLO at {@code now} with no probe recorded. */
  public static Budget compute(Slo slo, List<Incident> incidents, long now) {
    return compute(slo, incidents, List.of(), now);
  }

  /**
   * The budget of one SLO at {@code now}: a pure function, so the arithmetic is testable. Each
   * resolved incident charges its impact window, or, when probes measured it, the window times
   * their bad-event share; the burn-rate alerts are replayed over the samples.
   */
  public static Budget compute(
      Slo slo, List<Incident> incidents, List<ProbeSample> samples, long now) {
    long windowStart = now - slo.windowSeconds();
    long consumed = 0;
    long lastDay = 0;
    List<Charge> charges = new ArrayList<>();
    for (Incident i : incidents) {
      long end = i.impactTo();
      if (!i.services().contains(slo.service())
          || i.downtimeSeconds() == 0
          || end <= windowStart
          || i.impactFrom() > now) {
        continue;
      }
      long from = Math.max(i.impactFrom(), windowStart);
      long to = Math.min(end, now);
      Charge c = charge(slo, i, to - from, measured(slo, i, samples));
      long dayFrom = Math.max(i.impactFrom(), now - DAY);
      long inLastDay = Math.max(0, to - dayFrom);
      consumed += c.downtimeSeconds();
      lastDay += to - from == 0 ? 0 : c.downtimeSeconds() * inLastDay / (to - from);
      charges.add(c);
    }
    double dailyAllowance = (double) slo.budgetSeconds() * DAY / slo.windowSeconds();
    double burn = dailyAllowance == 0 ? 0 : lastDay / dailyAllowance;
    List<ProbeSample> inWindow = BurnRates.within(samples, windowStart, now);
    return new Budget(
        slo,
        consumed,
        burn,
        charges,
        BurnRates.replay(slo, inWindow),
        inWindow.stream().mapToLong(ProbeSample::requests).sum());
  }

  /** The runs of an incident: attached to it or recorded for the service, within its impact. */
  static List<ProbeSample> measured(Slo slo, Incident i, List<ProbeSample> samples) {
    long to = i.impactTo() == 0 ? Long.MAX_VALUE : i.impactTo();
    return samples.stream()
        .filter(
            p ->
                (i.id().equals(p.incidentId()) || slo.service().equals(p.service()))
                    && p.end() > i.impactFrom()
                    && p.at() < to)
        .toList();
  }

  /** What one incident took from one SLO's budget, flagged above the workbook's 20%. */
  static Charge charge(Slo slo, Incident i, long downtime) {
    return charge(slo, i, downtime, List.of());
  }

  /**
   * The charge of an incident: its impact, scaled by the bad share probes measured during it when
   * they did; flagged above the workbook's 20%.
   */
  static Charge charge(Slo slo, Incident i, long impact, List<ProbeSample> measured) {
    long requests = measured.stream().mapToLong(ProbeSample::requests).sum();
    long bad = measured.stream().mapToLong(p -> p.badFor(slo)).sum();
    long downtime = requests == 0 ? impact : Math.round((double) impact * bad / requests);
    double share = slo.budgetSeconds() == 0 ? 1.0 : (double) downtime / slo.budgetSeconds();
    return new Charge(
        i.id(),
        i.title(),
        downtime,
        share,
        share > Charge.POSTMORTEM_SHARE,
        i.impactTo(),
        requests,
        bad);
  }
}
