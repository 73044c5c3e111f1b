package dev.rootcause.collect.docker;

import dev.rootcause.model.docker.PackageInstall;
import dev.rootcause.model.docker.ShellCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recognises package managers in the commands of a {@code RUN}: system packages ({@code apt-get
 * install}, {@code apk add}, {@code yum|dnf|microdnf install}), language packages named on the
 * command line ({@code pip install flask}, {@code npm install -g pm2}, {@code go install
 * x@latest}), and installs of a project's dependencies from its manifests ({@code npm ci}, {@code
 * pip install -r requirements.txt}, {@code go mod download}), with the manifests each reads.
 */
final class PackageInstalls {
  /** Options of system package managers that take a value, so it is not read as a package. */
  private static final Set<String> VALUE_OPTIONS =
      Set.of(
          "-o",
          "-t",
          "--target-release",
          "--virtual",
          "-X",
          "--repository",
          "--repo",
          "--enablerepo",
          "--disablerepo",
          "--setopt",
          "--installroot",
          "-c",
          "--config");

  private PackageInstalls() {}

  /** The install {@code c} makes, or null when it installs nothing. */
  static PackageInstall of(ShellCommand c) {
    List<String> args = c.args();
    String sub = args.isEmpty() ? "" : args.get(0);
    List<String> operands = args.stream().skip(1).filter(a -> !a.startsWith("-")).toList();
    return switch (c.program()) {
      case "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf" -> system(c, "install", args);
      case "apk" -> system(c, "add", args);
      case "npm" -> npm(c, sub, operands, args);
      case "yarn" ->
          (sub.isEmpty() || sub.equals("install") || sub.startsWith("-"))
              ? manifests(c, "yarn install", "package.json", "yarn.lock")
              : sub.equals("add") ? named(c, operands) : null;
      case "pnpm" ->
          Set.of("install", "i").contains(sub) && operands.isEmpty()
              ? manifests(c, "pnpm install", "package.json", "pnpm-lock.yaml")
              : sub.equals("add") ? named(c, operands) : null;
      case "pip", "pip3" -> pip(c, args);
      case "python", "python3" ->
          args.size() > 2 && args.get(0).equals("-m") && args.get(1).startsWith("pip")
              ? pip(c, args.subList(2, args.size()))
              : null;
      case "poetry" ->
          sub.equals("install")
              ? manifests(c, "poetry install", "pyproject.toml", "poetry.lock")
              : null;
      case "pipenv" ->
          sub.equals("install") || sub.equals("sync")
              ? manifests(c, "pipenv " + sub, "Pipfile", "Pipfile.lock")
              : null;
      case "go" -> go(c, args);
      case "mvn", "mvnw" ->
          args.stream().anyMatch(a -> a.startsWith("dependency:"))
              ? manifests(c, "mvn dependency:go-offline", "pom.xml")
              : null;
      case "bundle" ->
          sub.equals("install") ? manifests(c, "bundle install", "Gemfile", "Gemfile.lock") : null;
      case "composer" ->
          sub.equals("install")
              ? manifests(c, "composer install", "composer.json", "composer.lock")
              : null;
      case "cargo" ->
          sub.equals("fetch") ? manifests(c, "cargo fetch", "Cargo.toml", "Cargo.lock") : null;
      case "gem" -> sub.equals("install") ? named(c, operands) : null;
      default -> null;
    };
  }

  /** {@code apt-get -y install curl}: the words after the subcommand that are not options. */
  private static PackageInstall system(ShellCommand c, String verb, List<String> args) {
    int at = -1;
    for (int i = 0; i < args.size() && at < 0; i++) {
      String a = args.get(i);
      if (a.equals(verb)) {
        at = i;
      } else if (!a.startsWith("-")) {
        return null; // another subcommand: update, upgrade, remove
      } else if (VALUE_OPTIONS.contains(a)) {
        i++;
      }
    }
    if (at < 0) {
      return null;
    }
    List<String> packages = new ArrayList<>();
    for (int i = at + 1; i < args.size(); i++) {
      String a = args.get(i);
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      } else if (!a.startsWith("-")) {
        packages.add(a);
      }
    }
    return new PackageInstall(
        c.program(), c.program() + " " + verb, packages, List.of(), c.location());
  }

  private static PackageInstall npm(
      ShellCommand c, String sub, List<String> operands, List<String> args) {
    if (sub.equals("ci") || Set.of("install", "i").contains(sub) && operands.isEmpty()) {
      return manifests(c, "npm " + sub, "package.json", "package-lock.json");
    }
    return Set.of("install", "i", "add").contains(sub) ? named(c, operands) : null;
  }

  /** {@code pip install -r requirements.txt}; {@code pip install flask} names its packages. */
  private static PackageInstall pip(ShellCommand c, List<String> args) {
    if (args.isEmpty() || !args.get(0).equals("install")) {
      return null;
    }
    List<String> packages = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      String file = null;
      if ((a.equals("-r") || a.equals("--requirement")) && i + 1 < args.size()) {
        file = args.get(i + 1);
      } else if (a.startsWith("--requirement=")) {
        file = a.substring("--requirement=".length());
      } else if (a.startsWith("-r") && a.length() > 2) {
        file = a.substring(2);
      } else if (!a.startsWith("-") && !isOptionValue(args, i)) {
        packages.add(a);
      }
      if (file != null && !file.contains("$")) {
        return new PackageInstall(
            "pip", "pip install -r " + file, List.of(), List.of(file), c.location());
      }
    }
    return packages.isEmpty() ? null : named(c, packages);
  }

  private static boolean isOptionValue(List<String> args, int i) {
    return i > 0
        && Set.of(
                "-r",
                "--requirement",
                "-c",
                "--constraint",
                "-t",
                "--target",
                "-i",
                "--index-url",
                "--extra-index-url",
                "--prefix",
                "--root",
                "-e",
                "--editable")
            .contains(args.get(i - 1));
  }

  private static PackageInstall go(ShellCommand c, List<String> args) {
    if (args.size() > 1 && args.get(0).equals("mod") && args.get(1).equals("download")) {
      return manifests(c, "go mod download", "go.mod", "go.sum");
    }
    if (!args.isEmpty() && args.get(0).equals("install")) {
      return named(c, args.stream().skip(1).filter(a -> !a.startsWith("-")).toList());
    }
    return null;
  }

  private static PackageInstall named(ShellCommand c, List<String> packages) {
    return packages.isEmpty()
        ? null
        : new PackageInstall(
            c.program(), c.program() + " install", packages, List.of(), c.location());
  }

  private static PackageInstall manifests(ShellCommand c, String command, String... manifests) {
    return new PackageInstall(c.program(), command, List.of(), List.of(manifests), c.location());
  }
}
