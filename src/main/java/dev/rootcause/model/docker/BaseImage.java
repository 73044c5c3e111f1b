package dev.rootcause.model.docker;

import dev.rootcause.model.k8s.ImageRef;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What rootcause knows of a base image without pulling it: the official Docker Hub images, scratch,
 * distroless. Everything else (a company base, a vendor image) is unknown, and rules stay silent
 * about what it contains.
 */
public record BaseImage(String raw, String registry, String repository, String tag)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Official images whose filesystem is a plain distribution plus a runtime under FHS folders. */
  private static final Set<String> FHS_LAYOUT =
      Set.of(
          "alpine",
          "busybox",
          "debian",
          "ubuntu",
          "golang",
          "python",
          "node",
          "ruby",
          "rust",
          "openjdk",
          "eclipse-temurin",
          "amazoncorretto",
          "nginx",
          "php",
          "maven",
          "gradle",
          "gcc");

  private static final Pattern VERSION = Pattern.compile("^(\\d{1,6})(?:\\.(\\d{1,6}))?");
  private static final Pattern JDK_IN_TAG =
      Pattern.compile("(?:temurin-|jdk-?)(\\d{1,2})(?:\\D|$)");
  private static final Pattern LEADING_VERSION = Pattern.compile("^(\\d{1,2})(?:\\D|$)");
  private static final Pattern DEBIAN_SUFFIX =
      Pattern.compile("^(.*)-(bookworm|bullseye|buster|trixie)$");

  public static BaseImage of(String image) {
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

  public boolean isScratch() {
    return registry == null && repository.equals("scratch");
  }

  /** An unresolved {@code FROM $BASE}, or a missing image name. */
  public boolean isUnknown() {
    return raw.isEmpty() || raw.contains("$");
  }

  /** A Docker Hub official image ({@code python}, {@code library/node}). */
  public boolean isOfficial() {
    return registry == null && !repository.contains("/") && !isScratch() && !isUnknown();
  }

  public boolean isDistroless() {
    return repository.startsWith("distroless/")
        && (registry == null || registry.equals("gcr.io") || registry.endsWith(".gcr.io"));
  }

  /** Whether the image has {@code /bin/sh} (distroless has none except its debug variants). */
  public boolean hasShell() {
    return !isScratch() && !(isDistroless() && (tag == null || !tag.contains("debug")));
  }

  /** Whether rootcause knows which folders the image fills, so others are empty until copied to. */
  public boolean knownLayout() {
    return isScratch() || isDistroless() || isOfficial() && FHS_LAYOUT.contains(repository);
  }

  /** Whether processes run as root unless a USER says otherwise; false when unknown. */
  public boolean rootByDefault() {
    if (isDistroless()) {
      return tag == null || !tag.contains("nonroot");
    }
    return isScratch() || isOfficial();
  }

  /**
   * The interpreter a distroless runtime image's own {@code ENTRYPOINT} starts ({@code node},
   * {@code python3}, {@code java} with {@code -jar}), so a {@code CMD} holds only its arguments;
   * null for other images.
   */
  public String entrypointInterpreter() {
    if (!isDistroless()) {
      return null;
    }
    String name = repository.substring("distroless/".length());
    if (name.startsWith("nodejs")) {
      return "node";
    }
    if (name.startsWith("python3")) {
      return "python3";
    }
    return name.startsWith("java") ? "java" : null;
  }

  /**
   * The {@code major.minor} of the Python the image runs: the official image's tag, or the Debian
   * release's Python in distroless {@code python3}; null when unknown.
   */
  public String pythonVersion() {
    if (is("python")) {
      int[] v = version();
      return v == null || v[1] < 0 ? null : v[0] + "." + v[1];
    }
    if (isDistroless() && repository.startsWith("distroless/python3")) {
      return repository.endsWith("debian12")
          ? "3.11"
          : repository.endsWith("debian11") ? "3.9" : null;
    }
    return null;
  }

  /**
   * Whether the image has no glibc dynamic loader, so a binary linked against glibc cannot start:
   * scratch, distroless {@code static}, and musl-based alpine images.
   */
  public boolean lacksGlibc() {
    if (isScratch() || isDistroless() && repository.startsWith("distroless/static")) {
      return true;
    }
    return is("alpine") || isOfficial() && tag != null && tag.contains("alpine");
  }

  public boolean is(String officialRepository) {
    return registry == null && repository.equals(officialRepository);
  }

  /** The tag's leading {@code major[.minor]}, e.g. 3 and 6 for {@code 3.6-alpine}; null if none. */
  public int[] version() {
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

  public String display() {
    return raw;
  }

  /** The slim variant: {@code python:3.11} to {@code python:3.11-slim}; Debian suites kept. */
  public String slimVariant() {
    if (tag == null || tag.equals("latest")) {
      return repository + ":slim";
    }
    Matcher distro = DEBIAN_SUFFIX.matcher(tag);
    if (distro.matches() && !repository.equals("node")) {
      return repository + ":" + distro.group(1) + "-slim-" + distro.group(2);
    }
    return repository + ":" + tag + "-slim";
  }

  /**
   * The Java version the tag names: after {@code temurin-} or {@code jdk} in a build tool's tag
   * ({@code maven:3.9-eclipse-temurin-21}), leading in a JDK's ({@code openjdk:17-slim}); 21 when
   * none is named.
   */
  public String javaVersion() {
    Pattern pattern = is("maven") || is("gradle") ? JDK_IN_TAG : LEADING_VERSION;
    Matcher m = pattern.matcher(tag == null ? "" : tag);
    String found = "21";
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) >= 8) {
        found = m.group(1);
      }
    }
    return found;
  }
}
