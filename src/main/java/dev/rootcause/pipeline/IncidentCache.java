package dev.rootcause.pipeline;

import dev.rootcause.collect.store.IncidentStore;
import dev.rootcause.collect.store.StoreException;
import dev.rootcause.model.incident.Budget;
import dev.rootcause.model.incident.Incident;
import dev.rootcause.model.incident.ProbeSample;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The incidents as a long-running reader (the incident room) sees them: one store connection kept
 * open, and everything read kept until the store's {@link IncidentStore#revision()} changes, so a
 * page costs one small query instead of a connection, a migration check and a query per incident.
 * Writes still go through {@link Incidents}, from this process or any other; the next read sees
 * them. Budgets depend on the time as well, so they are kept for at most {@link #BUDGET_SECONDS}.
 */
public final class IncidentCache implements AutoCloseable {
  /** How stale a budget may be: it moves by seconds of downtime, not by the millisecond. */
  static final long BUDGET_SECONDS = 5;

  private final IncidentStore store;
  private final Clock clock;
  private String revision;
  private List<Incident> all = List.of();
  private Map<String, Incident> byId = Map.of();
  private final Map<String, List<ProbeSample>> samples = new LinkedHashMap<>();
  private List<Budget> budgets;
  private long budgetsAt;

  private IncidentCache(IncidentStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** Opens (and migrates) the store once; a store that cannot be read is said now. */
  public static IncidentCache open(String storeOption, Clock clock) throws InputException {
    try {
      IncidentCache cache =
          new IncidentCache(IncidentStore.openReader(IncidentStores.url(storeOption)), clock);
      cache.all();
      return cache;
    } catch (StoreException e) {
      throw new InputException(e.getMessage());
    }
  }

  /** The store's revision now: it changes whenever anything is written. */
  public synchronized String revision() throws InputException {
    fresh();
    return revision;
  }

  /** Every incident, newest first, as {@link Incidents#list} returns them. */
  public synchronized List<Incident> all() throws InputException {
    fresh();
    return all;
  }

  /** One incident, or the same one-line error {@link Incidents#show} gives. */
  public synchronized Incident show(String id) throws InputException {
    fresh();
    Incident i = byId.get(id);
    if (i == null) {
      throw IncidentStores.missing(store.url(), id);
    }
    return i;
  }

  /** What probes measured for the incident, as {@link Incidents#samples} returns it. */
  public synchronized List<ProbeSample> samples(String id) throws InputException {
    Incident i = show(id);
    List<ProbeSample> kept = samples.get(id);
    if (kept == null) {
      kept = read(s -> Postmortems.around(s, i, clock.instant().getEpochSecond()));
      samples.put(id, kept);
    }
    return kept;
  }

  /** Every SLO's budget, as {@link Budgets#budgets Budgets.budgets(null)} computes it. */
  public synchronized List<Budget> budgets() throws InputException {
    fresh();
    long now = clock.instant().getEpochSecond();
    if (budgets == null || now - budgetsAt >= BUDGET_SECONDS || now < budgetsAt) {
      List<Incident> incidents = all;
      budgets = read(s -> Budgets.compute(s, s.slos(), incidents, now));
      budgetsAt = now;
    }
    return budgets;
  }

  private void fresh() throws InputException {
    String now = read(IncidentStore::revision);
    if (now.equals(revision)) {
      return;
    }
    List<Incident> read = read(IncidentStore::all);
    Map<String, Incident> index = new LinkedHashMap<>();
    read.forEach(i -> index.put(i.id(), i));
    all = List.copyOf(read);
    byId = index;
    samples.clear();
    budgets = null;
    revision = now;
  }

  private <T> T read(IncidentStores.Work<T> work) throws InputException {
    try {
      return work.run(store);
    } catch (StoreException e) {
      throw new InputException(e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    try {
      store.close();
    } catch (StoreException ignored) {
      // closing a reader that already failed has nothing left to lose
    }
  }
}
