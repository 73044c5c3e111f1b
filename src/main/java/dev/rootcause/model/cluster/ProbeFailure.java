package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A probe failure read from the kubelet's {@code Unhealthy} event: which probe, and whether the
 * port refused the connection, the path answered an HTTP error, or the handler timed out.
 *
 * @param probe {@code Liveness}, {@code Readiness} or {@code Startup}
 * @param port the port the probe dialled, or null when the message does not say
 * @param status the HTTP status answered, or 0
 */
public record ProbeFailure(String probe, Kind kind, String port, int status)
    implements Serializable {
  private static final Pattern PROBE =
      Pattern.compile("^(Liveness|Readiness|Startup) probe failed: (.*)$", Pattern.DOTALL);
  private static final Pattern REFUSED =
      Pattern.compile("dial tcp [^ ]*:(\\d+): connect: connection refused");
  private static final Pattern STATUS =
      Pattern.compile("HTTP probe failed with statuscode: (\\d{3})");
  private static final Pattern TIMEOUT =
      Pattern.compile(
          "(?i)context deadline exceeded|Client\\.Timeout exceeded|i/o timeout|timed out");
  private static final Pattern ANY_PORT = Pattern.compile(":(\\d+)[/: ]");

  /** What the probe met. */
  public enum Kind {
    CONNECTION_REFUSED,
    HTTP_ERROR,
    TIMEOUT,
    OTHER
  }

  static ProbeFailure of(String reason, String message) {
    if (!"Unhealthy".equals(reason) || message == null) {
      return null;
    }
    Matcher m = PROBE.matcher(message.strip());
    if (!m.matches()) {
      return null;
    }
    String probe = m.group(1);
    String detail = m.group(2);
    Matcher refused = REFUSED.matcher(detail);
    if (refused.find()) {
      return new ProbeFailure(probe, Kind.CONNECTION_REFUSED, refused.group(1), 0);
    }
    Matcher status = STATUS.matcher(detail);
    if (status.find()) {
      return new ProbeFailure(probe, Kind.HTTP_ERROR, null, Integer.parseInt(status.group(1)));
    }
    Matcher port = ANY_PORT.matcher(detail);
    String dialled = port.find() ? port.group(1) : null;
    return new ProbeFailure(
        probe, TIMEOUT.matcher(detail).find() ? Kind.TIMEOUT : Kind.OTHER, dialled, 0);
  }
}
