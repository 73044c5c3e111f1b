package dev.rootcause.model.cluster;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.Confidence;
import dev.rootcause.model.Evidence;
import dev.rootcause.model.ListenPort;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the port a server says it listens on from its start-up line, in the words frameworks print:
 * Go's {@code listening on :8080}, uvicorn's and Flask's {@code running on http://0.0.0.0:8000},
 * gunicorn's {@code Listening at:}, Spring's {@code Tomcat started on port(s): 8080}, Node's {@code
 * Server running at http://localhost:3000/}, ASP.NET's {@code Now listening on: http://[::]:80}.
 * The log is the cluster's own proof of where the app listens when no repository is read.
 */
public final class ListenLines {
  /** What a server's own start-up line holds: the port, and the line, to quote. */
  public record Stated(int port, LogLine line) {}

  // A verb a server uses of itself, then where: a host:port, a URL, or "port N".
  private static final Pattern STATED =
      Pattern.compile(
          "(?i)\\b(?:listening|listens|running|serving|started|starting (?:http )?server|server"
              + " (?:is )?(?:listening|running|started))\\b[^\\n]{0,24}?\\b(?:on|at)\\b:?\\s*"
              + "(?:port(?:\\(s\\))?:?\\s*(\\d{2,5})\\b"
              + "|(?:https?://)?(\\[[0-9a-f:]*]|[\\w.-]*)?:(\\d{2,5})(?![:\\d]))");

  private static final List<String> HINTS =
      List.of("listen", "running", "serving", "started", "starting");

  private ListenLines() {}

  /** The port one line says its server listens on, or -1. */
  public static int port(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (HINTS.stream().noneMatch(lower::contains)) {
      return -1; // most lines are requests served: no pattern run on them
    }
    Matcher m = STATED.matcher(text);
    if (!m.find()) {
      return -1;
    }
    if (m.group(1) == null && m.group(2) != null && isTime(m.group(2))) {
      return -1; // "started at 9:30": an hour, not a host
    }
    int port = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
    return port > 0 && port <= 65_535 ? port : -1;
  }

  private static boolean isTime(String host) {
    return !host.isEmpty() && host.length() <= 2 && host.chars().allMatch(Character::isDigit);
  }

  /**
   * The port the pods of an object say their container listens on, from the first start-up line
   * found among them, as evidence at that log; empty when none says (or the model holds no
   * cluster). Several pods that disagree say nothing certain: empty.
   *
   * @param namespace null matches any (a repository manifest without one)
   */
  public static Optional<ListenPort> seen(
      ClusterState cluster, String kind, String namespace, String name, String container) {
    if (cluster == null) {
      return Optional.empty();
    }
    ListenPort found = null;
    for (PodGroup group : cluster.podGroups()) {
      ClusterLocation owner = group.owner();
      if (!owner.kind().equals(kind)
          || !owner.name().equals(name)
          || (namespace != null && !namespace.equals(owner.namespace()))) {
        continue;
      }
      for (PodState pod : group.pods()) {
        ContainerLog log = cluster.log(pod, container);
        Stated stated = stated(log);
        if (stated == null) {
          continue;
        }
        if (found != null && found.port() != stated.port()) {
          return Optional.empty();
        }
        if (found == null) {
          found =
              new ListenPort(
                  stated.port(),
                  Confidence.CERTAIN,
                  List.of(
                      new Evidence(
                          cluster.logLocation(log),
                          "the app's log says it listens on "
                              + stated.port()
                              + ": \""
                              + stated.line().text().strip()
                              + "\"")));
        }
      }
    }
    return Optional.ofNullable(found);
  }

  /** The first line of the log that states a listen port, or null. */
  public static Stated stated(ContainerLog log) {
    if (log == null) {
      return null;
    }
    for (LogLine line : log.lines()) {
      int port = port(line.text());
      if (port > 0) {
        return new Stated(port, line);
      }
    }
    return null;
  }
}
