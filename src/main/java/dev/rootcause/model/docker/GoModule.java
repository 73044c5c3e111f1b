package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;

/**
 * A {@code go.mod} in the scanned tree: its folder (relative to the scan root, empty at the top)
 * and the Go version its {@code go} directive requires, which the toolchain building it must meet.
 * {@code location} is the directive's line.
 */
public record GoModule(String directory, String goVersion, SourceLocation location)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Whether a Go toolchain of {@code major.minor} is older than the directive; false when either is
   * unknown.
   */
  public boolean newerThan(int[] toolchain) {
    int[] required = majorMinor(goVersion);
    if (toolchain == null || toolchain[1] < 0 || required == null) {
      return false;
    }
    return required[0] > toolchain[0] || required[0] == toolchain[0] && required[1] > toolchain[1];
  }

  /** The release the directive names, without a patch: {@code 1.22} for {@code go 1.22.3}. */
  public String minimumRelease() {
    int[] v = majorMinor(goVersion);
    return v == null ? goVersion : v[0] + "." + v[1];
  }

  /** The {@code major.minor} of {@code 1.22} or {@code 1.22.3}, null when it is neither. */
  private static int[] majorMinor(String version) {
    String[] parts = version.split("\\.", -1);
    if (parts.length < 2) {
      return null;
    }
    try {
      return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
