package dev.rootcause.model.cluster;

import java.util.List;

/**
 * The log of one container of one pod.
 *
 * @param source where it was read: {@code kubectl logs}-style from the API, or a dump file
 */
public record ContainerLog(String namespace, String pod, String container, List<LogLine> lines,
    String source) implements java.io.Serializable {

  public ContainerLog {
    lines = List.copyOf(lines);
  }
}
