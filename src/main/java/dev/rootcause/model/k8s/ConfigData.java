package dev.rootcause.model.k8s;

import dev.rootcause.model.Sensitive;
import dev.rootcause.model.SourceLocation;
import java.util.Map;

/**
 * A ConfigMap or Secret: its keys, where each is written, and the values (Sensitive, as Secret data
 * and many ConfigMap values are credentials).
 */
public record ConfigData(ObjectMeta meta, boolean secret, Map<String, Entry> entries)
    implements java.io.Serializable {

  public ConfigData {
    entries = Map.copyOf(entries);
  }

  /** One key; {@code value} is decoded for Secret {@code data} when it is valid base64. */
  public record Entry(String key, Sensitive value, SourceLocation location)
      implements java.io.Serializable {}
}
