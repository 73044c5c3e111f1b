package dev.rootcause.model.cluster;

import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why the kubelet could not pull an image, read from its {@code Failed} event: the tag or the
 * repository does not exist (or is private and no credentials were sent), or the registry refused
 * the credentials.
 *
 * @param image the image reference the kubelet pulled
 */
public record PullFailure(String image, Kind kind) implements Serializable {
  private static final Pattern IMAGE = Pattern.compile("Failed to pull image \"([^\"]+)\"");
  private static final Pattern NOT_FOUND =
      Pattern.compile(
          "(?i): not found|manifest unknown|manifest for \\S+ not found|repository does not exist"
              + "|name unknown");
  private static final Pattern UNAUTHORIZED =
      Pattern.compile(
          "(?i)401 unauthorized|403 forbidden|unauthorized: |authentication required"
              + "|no basic auth credentials|denied: ");

  /** What the registry answered. */
  public enum Kind {
    NOT_FOUND,
    UNAUTHORIZED,
    OTHER
  }

  static PullFailure of(String reason, String message) {
    if (!"Failed".equals(reason) || message == null) {
      return null;
    }
    Matcher image = IMAGE.matcher(message);
    if (!image.find()) {
      return null;
    }
    // Docker Hub answers "pull access denied, repository does not exist or may require
    // authorization" for both; without credentials it is a missing repository far more often.
    Kind kind =
        NOT_FOUND.matcher(message).find()
            ? Kind.NOT_FOUND
            : UNAUTHORIZED.matcher(message).find() ? Kind.UNAUTHORIZED : Kind.OTHER;
    return new PullFailure(image.group(1), kind);
  }
}
