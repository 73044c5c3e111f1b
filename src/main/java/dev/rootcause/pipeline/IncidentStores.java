package dev.rootcause.pipeline;

import dev.rootcause.collect.store.IncidentStore;
import dev.rootcause.collect.store.StoreException;
import dev.rootcause.collect.store.StoreLocation;
import dev.rootcause.model.incident.Incident;

/** Opens the incident store for one use case and turns its failures into one-line input errors. */
final class IncidentStores {
  private IncidentStores() {}

  /** What a use case does with the open store. */
  interface Work<T> {
    T run(IncidentStore store) throws StoreException, InputException;
  }

  /** The JDBC URL of {@code --store}, {@code ROOTCAUSE_STORE} or the default file. */
  static String url(String option) {
    return StoreLocation.resolve(
        option, System.getenv("ROOTCAUSE_STORE"), System.getProperty("user.home"));
  }

  static <T> T with(String url, Work<T> work) throws InputException {
    try (IncidentStore store = IncidentStore.open(url)) {
      return work.run(store);
    } catch (StoreException e) {
      throw new InputException(e.getMessage());
    }
  }

  static Incident require(IncidentStore store, String id) throws StoreException, InputException {
    return store.find(id).orElseThrow(() -> missing(store.url(), id));
  }

  static InputException missing(String url, String id) {
    return new InputException(
        "no incident "
            + id
            + " in "
            + url
            + " (rootcause incident list shows the ids); nothing was written");
  }
}
