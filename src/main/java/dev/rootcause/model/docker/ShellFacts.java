package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the shell of one {@code RUN} does, read once at collection: its simple commands, the paths
 * it puts in place, the packages it installs and the users it creates. {@code unknownEffect} is
 * where a command changes the filesystem in a way rootcause does not follow (a build script, a path
 * held in an unknown variable); null when every effect is known. Shell that could not be read at
 * all has no commands and an {@code unknownEffect}, so rules stay silent about it. {@code assigned}
 * holds the variables the text sets with a literal value, for its commands or for the rest of the
 * RUN ({@code CGO_ENABLED=0 go build}, {@code export GOOS=linux}).
 */
public record ShellFacts(
    List<ShellCommand> commands,
    List<PathEntry> paths,
    List<PackageInstall> installs,
    List<UserAccount> accounts,
    SourceLocation unknownEffect,
    Map<String, String> assigned)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ShellFacts {
    commands = List.copyOf(commands);
    paths = List.copyOf(paths);
    installs = List.copyOf(installs);
    accounts = List.copyOf(accounts);
    assigned = Map.copyOf(assigned);
  }

  public ShellFacts(
      List<ShellCommand> commands,
      List<PathEntry> paths,
      List<PackageInstall> installs,
      List<UserAccount> accounts,
      SourceLocation unknownEffect) {
    this(commands, paths, installs, accounts, unknownEffect, Map.of());
  }

  /** Shell that was not read: nothing is known of what it does. */
  public static ShellFacts unread(SourceLocation location) {
    return new ShellFacts(List.of(), List.of(), List.of(), List.of(), location);
  }

  /** Whether every effect on the filesystem is known. */
  public boolean knowable() {
    return unknownEffect == null;
  }

  /** Whether a command runs {@code program} (by file name: {@code /usr/sbin/gosu} is gosu). */
  public boolean runs(String program) {
    return commands.stream().anyMatch(c -> c.program().equals(program));
  }

  /** Whether a package manager of {@code managers} installs anything. */
  public boolean installsWith(String... managers) {
    return installs.stream().anyMatch(i -> List.of(managers).contains(i.manager()));
  }

  /** Whether a named package is installed whose name contains {@code fragment}. */
  public boolean installsPackage(String fragment) {
    return installs.stream()
        .flatMap(i -> i.packages().stream())
        .anyMatch(p -> p.contains(fragment));
  }
}
