package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;
import java.util.List;

/**
 * A package manager installing something in a {@code RUN}: {@code manager} as invoked ({@code
 * apt-get}, {@code apk}, {@code pip}, {@code npm}, {@code go}), the named {@code packages}, and for
 * an install driven by a project's manifests ({@code npm ci}, {@code pip install -r
 * requirements.txt}, {@code go mod download}) the {@code manifests} it reads and the {@code
 * command} in short.
 */
public record PackageInstall(
    String manager,
    String command,
    List<String> packages,
    List<String> manifests,
    SourceLocation location)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public PackageInstall {
    packages = List.copyOf(packages);
    manifests = List.copyOf(manifests);
  }

  /** Whether it installs a project's dependencies from manifests the build context holds. */
  public boolean fromManifests() {
    return !manifests.isEmpty();
  }
}
