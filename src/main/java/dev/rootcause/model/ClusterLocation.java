package dev.rootcause.model;

import java.io.Serializable;

/** An object in a live cluster or a cluster dump, and optionally the field that matters. */
public record ClusterLocation(
    String context, String namespace, String kind, String name, String fieldPath)
    implements Location, Serializable {

  @Override
  public String display() {
    StringBuilder sb = new StringBuilder(kind).append(' ');
    if (namespace != null && !namespace.isEmpty()) {
      sb.append(namespace).append('/');
    }
    sb.append(name);
    if (fieldPath != null && !fieldPath.isEmpty()) {
      sb.append(' ').append(fieldPath);
    }
    return sb.toString();
  }
}
