package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * What a log line says went wrong at start-up, as a fact: a missing env var named {@code DB_NAME},
 * a host that did not resolve, a port already in use. Read once from the line by {@link LogCauses};
 * rules word their findings from it.
 *
 * @param subject what the line names: the variable, module, path, address or host; null if none
 */
public record LogCause(Kind kind, String subject) implements Serializable {

  /** The kinds of start-up failure a log line can prove. */
  public enum Kind {
    MISSING_ENV("a required environment variable is not set"),
    MISSING_SETTING("a required setting is not configured"),
    MODULE_NOT_FOUND("a module or package is not installed in the image"),
    FILE_NOT_FOUND("a file it needs is not in the container"),
    PERMISSION_DENIED("permission denied"),
    ADDRESS_IN_USE("the address it listens on is already in use"),
    CONNECTION_REFUSED("a dependency refused the connection"),
    HOST_NOT_FOUND("a dependency's host name does not resolve"),
    CONNECTION_TIMEOUT("a connection to a dependency timed out"),
    EXECUTABLE_NOT_FOUND("the entrypoint is not in the image"),
    WRONG_PLATFORM("the image is built for another CPU architecture than the node's"),
    UNHANDLED_ERROR("an error nothing handled ended the process");

    private final String meaning;

    Kind(String meaning) {
      this.meaning = meaning;
    }

    /** The cause in words an on-call engineer reads: {@code a required ... is not set}. */
    public String meaning() {
      return meaning;
    }
  }
}
