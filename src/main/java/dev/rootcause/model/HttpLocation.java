package dev.rootcause.model;

import java.time.Duration;

/** An HTTP request rootcause made, and what came back. {@code status} is 0 when none did. */
public record HttpLocation(String method, String url, int status, Duration latency)
    implements Location, java.io.Serializable {

  @Override
  public String display() {
    String outcome = status == 0 ? "no response" : "HTTP " + status;
    return method + " " + url + " -> " + outcome + " in " + latency.toMillis() + " ms";
  }
}
