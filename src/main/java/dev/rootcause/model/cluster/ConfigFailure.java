package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the kubelet could not build a container's configuration ({@code CreateContainerConfigError}),
 * read from the status message: a ConfigMap or Secret that does not exist, a key missing from one,
 * or {@code runAsNonRoot} against an image that runs as root.
 *
 * @param object {@code ConfigMap} or {@code Secret}; null for a non-root failure
 * @param name the ConfigMap or Secret named; null for a non-root failure
 * @param key the key missing from it; null unless {@link Kind#KEY_MISSING}
 */
public record ConfigFailure(Kind kind, String object, String name, String key)
    implements Serializable {
  private static final Pattern MISSING =
      Pattern.compile("(configmap|secret) \"([^\"]+)\" not found", Pattern.CASE_INSENSITIVE);
  private static final Pattern KEY =
      Pattern.compile("couldn't find key (\\S+) in (ConfigMap|Secret) (?:[\\w.-]+/)?([\\w.-]+)");

  /** What is missing. */
  public enum Kind {
    OBJECT_MISSING,
    KEY_MISSING,
    RUNS_AS_ROOT,
    OTHER
  }

  /** The failure a waiting container's reason and message tell, or null for none. */
  public static ConfigFailure of(String reason, String message) {
    if (!"CreateContainerConfigError".equals(reason)) {
      return null;
    }
    String text = message == null ? "" : message;
    Matcher key = KEY.matcher(text);
    if (key.find()) {
      return new ConfigFailure(Kind.KEY_MISSING, key.group(2), key.group(3), key.group(1));
    }
    Matcher missing = MISSING.matcher(text);
    if (missing.find()) {
      String kind = missing.group(1).equalsIgnoreCase("secret") ? "Secret" : "ConfigMap";
      return new ConfigFailure(Kind.OBJECT_MISSING, kind, missing.group(2), null);
    }
    if (text.contains("runAsNonRoot")) {
      return new ConfigFailure(Kind.RUNS_AS_ROOT, null, null, null);
    }
    return new ConfigFailure(Kind.OTHER, null, null, null);
  }
}
