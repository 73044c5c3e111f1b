package dev.rootcause.rules.docker;

import dev.rootcause.model.k8s.ImageRef;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rootcause knows of a base image without pulling it: the official Docker Hub images, scratch,
 * distroless. Everything else (a company base, a vendor image) is unknown, and rules stay silent
 * about what it contains.
 */
record BaseImage(String raw, String registry, String repository, String tag) {
  /** Official images whose filesystem is a plain distribution plus a runtime under FHS folders. */
  private static final Set<String> FHS_LAYOUT =
      Set.of("alpine", "busybox", "debian", "ubuntu", "golang", "python", "node", "ruby", "rust",
          "openjdk", "eclipse-temurin", "amazoncorretto", "nginx", "php", "maven", "gradle", "gcc");
  private static final Pattern VERSION = Pattern.compile("^(\\d{1,6})(?:\\.(\\d{1,6}))?");

  static BaseImage of(String image) {
    String text = image == null ? "" : image.strip();
    ImageRef ref = ImageRef.parse(text, null);
    String registry = ref.registry();
    String repo = ref.normalizedRepository();
    if ("docker.io".equals(registry) || "index.docker.io".equals(registry)) {
      registry = null;
    }
    String tag = ref.tag() == null ? null : ref.tag().toLowerCase(Locale.ROOT);
    return new BaseImage(text, registry, repo, tag);
  }

  boolean isScratch() {
    return registry == null && repository.equals("scratch");
  }

  /** An unresolved {@code FROM $BASE}, or a missing image name. */
  boolean isUnknown() {
    return raw.isEmpty() || raw.contains("$");
  }

  /** A Docker Hub official image ({@code python}, {@code library/node}). */
  boolean isOfficial() {
    return registry == null && !repository.contains("/") && !isScratch() && !isUnknown();
  }

  boolean isDistroless() {
    return repository.startsWith("distroless/")
        && (registry == null || registry.equals("gcr.io") || registry.endsWith(".gcr.io"));
  }

  /** Whether the image has {@code /bin/sh} (distroless has none except its debug variants). */
  boolean hasShell() {
    return !isScratch() && !(isDistroless() && (tag == null || !tag.contains("debug")));
  }

  /** Whether rootcause knows which folders the image fills, so others are empty until copied to. */
  boolean knownLayout() {
    return isScratch() || isDistroless() || isOfficial() && FHS_LAYOUT.contains(repository);
  }

  /** Whether processes run as root unless a USER says otherwise; false when unknown. */
  boolean rootByDefault() {
    if (isDistroless()) {
      return tag == null || !tag.contains("nonroot");
    }
    return isScratch() || isOfficial();
  }

  boolean is(String officialRepository) {
    return registry == null && repository.equals(officialRepository);
  }

  /** The tag's leading {@code major[.minor]}, e.g. 3 and 6 for {@code 3.6-alpine}; null if none. */
  int[] version() {
    if (tag == null) {
      return null;
    }
    Matcher m = VERSION.matcher(tag);
    if (!m.find()) {
      return null;
    }
    int minor = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
    return new int[] {Integer.parseInt(m.group(1)), minor};
  }

  String display() {
    return raw;
  }
}
