package dev.rootcause.collect.store;

import dev.rootcause.model.incident.IncidentSeverity;
import java.util.List;

/**
 * The child JVM of {@link StoreContract}: opens incidents as fast as it can and prints each id only
 * after the store acknowledged it, until it is killed.
 */
public final class StoreWriterChild {
  private StoreWriterChild() {}

  public static void main(String[] args) throws Exception {
    try (IncidentStore store = IncidentStore.open(args[0])) {
      for (long i = 0; ; i++) {
        String id =
            store.create(
                "burst " + i, IncidentSeverity.SEV3, List.of("checkout"), 1_750_000_000L + i, 0);
        System.out.println(id);
        System.out.flush();
      }
    }
  }
}
