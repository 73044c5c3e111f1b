package dev.rootcause.model.probe;

import java.util.Locale;

/** Why a request got no complete HTTP response, in the words an on-call engineer searches for. */
public enum ErrorClass {
  DNS("DNS lookup failed"),
  CONNECTION_REFUSED("connection refused"),
  CONNECT_TIMEOUT("connect timed out"),
  CONNECT_FAILED("could not connect"),
  TLS("TLS handshake failed"),
  TIMEOUT("timed out waiting for the response"),
  RESET("connection reset"),
  CLOSED("closed before a complete response"),
  PROTOCOL("malformed HTTP response"),
  IO("I/O error");

  private final String description;

  ErrorClass(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  /** The stable name used in JSON: {@code connection_refused}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when no byte of HTTP ever came back because the server could not be reached. */
  public boolean isConnectLevel() {
    return this == DNS
        || this == CONNECTION_REFUSED
        || this == CONNECT_TIMEOUT
        || this == CONNECT_FAILED
        || this == TLS;
  }
}
