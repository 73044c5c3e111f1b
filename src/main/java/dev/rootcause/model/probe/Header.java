package dev.rootcause.model.probe;

import java.util.Locale;
import java.util.Set;

/** One request header a probe sends; {@link #display()} masks values that carry credentials. */
public record Header(String name, String value) implements java.io.Serializable {
  private static final Set<String> SENSITIVE =
      Set.of(
          "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "api-key");

  public boolean isSensitive() {
    String n = name.toLowerCase(Locale.ROOT);
    return SENSITIVE.contains(n)
        || n.contains("token")
        || n.contains("secret")
        || n.contains("password")
        || n.contains("auth");
  }

  /** {@code Name: value}, or {@code Name: <redacted>} when the value may be a credential. */
  public String display() {
    return name + ": " + (isSensitive() ? "<redacted>" : value);
  }
}
