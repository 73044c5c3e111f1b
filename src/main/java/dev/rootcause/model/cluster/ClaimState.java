package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * A PersistentVolumeClaim: whether it is bound, and to what storage class it asked.
 *
 * @param phase {@code Bound}, {@code Pending} or {@code Lost}
 * @param storageClass null when it names none (the default class)
 */
public record ClaimState(String namespace, String name, String phase, String storageClass)
    implements Serializable {

  public boolean bound() {
    return "Bound".equals(phase);
  }
}
