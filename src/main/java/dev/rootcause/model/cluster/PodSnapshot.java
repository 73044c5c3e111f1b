package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** The pods of a namespace as one look at the cluster (or a dump) found them, at {@code at}. */
public record PodSnapshot(Instant at, List<PodState> pods) implements Serializable {

  public PodSnapshot {
    pods = List.copyOf(pods);
  }
}
