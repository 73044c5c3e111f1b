package dev.rootcause.pipeline;

import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Charge;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.Slo;
import java.time.Clock;
import java.util.ArrayList;
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
    long windowSeconds = IncidentTimes.seconds(window, "--window");
    if ((availability == null) == (allowedDowntime == null)) {
      throw new InputException("give either --availability (99.9%) or --allowed-downtime (20m)");
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
        String.format(Locale.ROOT, "%s availability over %s", availability.trim(), window));
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
          List<Incident> incidents = s.all();
          long now = clock.instant().getEpochSecond();
          return slos.stream().map(o -> compute(o, incidents, now)).toList();
        });
  }

  /** The budget of one SLO at {@code now}: a pure function, so the arithmetic is testable. */
  public static Budget compute(Slo slo, List<Incident> incidents, long now) {
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
      long down = Math.min(end, now) - Math.max(i.impactFrom(), windowStart);
      consumed += down;
      lastDay += Math.max(0, Math.min(end, now) - Math.max(i.impactFrom(), now - DAY));
      charges.add(charge(slo, i, down));
    }
    double dailyAllowance = (double) slo.budgetSeconds() * DAY / slo.windowSeconds();
    double burn = dailyAllowance == 0 ? 0 : lastDay / dailyAllowance;
    return new Budget(slo, consumed, burn, charges);
  }

  /** What one incident took from one SLO's budget, flagged above the workbook's 20%. */
  static Charge charge(Slo slo, Incident i, long downtime) {
    double share = slo.budgetSeconds() == 0 ? 1.0 : (double) downtime / slo.budgetSeconds();
    return new Charge(i.id(), i.title(), downtime, share, share > Charge.POSTMORTEM_SHARE);
  }
}
