package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;
import java.util.Locale;

/**
 * An image reference as Docker parses it: {@code [registry/]repository[:tag][@digest]}. {@code
 * registry} is null when none is written (Docker Hub, or a locally imported image).
 */
public record ImageRef(
    String raw,
    String registry,
    String repository,
    String tag,
    String digest,
    SourceLocation location)
    implements java.io.Serializable {

  /** Parses a reference; never throws: whatever cannot be split stays in {@code repository}. */
  public static ImageRef parse(String raw, SourceLocation location) {
    String rest = raw.trim();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String registry = null;
    int slash = rest.indexOf('/');
    if (slash > 0) {
      String first = rest.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        registry = first;
        rest = rest.substring(slash + 1);
      }
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon > 0 && colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new ImageRef(raw, registry, rest.toLowerCase(Locale.ROOT), tag, digest, location);
  }

  /** The tag Docker uses: the one written, or {@code latest}. */
  public String effectiveTag() {
    return tag == null ? "latest" : tag;
  }

  /** {@code repository:tag} without registry, the name a local build or import produces. */
  public String nameAndTag() {
    return repository + ":" + effectiveTag();
  }

  /** Docker Hub official images are {@code library/x}; {@code nginx} and that are the same. */
  public String normalizedRepository() {
    return repository.startsWith("library/") ? repository.substring(8) : repository;
  }

  /**
   * Whether the reference contains unexpanded templating ({@code ${TAG}}, {@code {{ }}}, {@code
   * $VAR}).
   */
  public boolean isTemplated() {
    return raw.contains("$") || raw.contains("{{");
  }

  @Override
  public String toString() {
    return raw;
  }
}
