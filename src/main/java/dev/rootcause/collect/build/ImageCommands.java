package dev.rootcause.collect.build;

import dev.rootcause.collect.build.ShellWalker.Arg;
import dev.rootcause.model.build.ImageBuild.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Reads one expanded command line for the images it makes: {@code docker|podman|nerdctl build, tag,
 * push}, {@code docker buildx build}, {@code buildah bud}, {@code k3d image import}, {@code kind
 * load docker-image}, {@code minikube image load|build}, {@code skopeo copy}, kaniko's {@code
 * /kaniko/executor --destination}. Knows which flags take a value, so the build context is found
 * among the arguments.
 */
final class ImageCommands {
  private ImageCommands() {}

  /**
   * An image name a command makes. {@code source} is the name it came from (for {@code docker tag}
   * and imports), so a caller can carry over the Dockerfile of an earlier build.
   */
  record Fact(
      String name, Kind kind, WorkDir.BuildPaths paths, String target, int line, String source) {}

  private static final Set<String> BUILD_VALUE_FLAGS =
      Set.of(
          "-t",
          "--tag",
          "-f",
          "--file",
          "--target",
          "--build-arg",
          "--label",
          "--platform",
          "--cache-from",
          "--cache-to",
          "-o",
          "--output",
          "--secret",
          "--ssh",
          "--network",
          "--add-host",
          "--progress",
          "--iidfile",
          "--metadata-file",
          "--builder",
          "--cgroup-parent",
          "--cpu-period",
          "--cpu-quota",
          "--cpu-shares",
          "-c",
          "--cpuset-cpus",
          "--cpuset-mems",
          "-m",
          "--memory",
          "--memory-swap",
          "--shm-size",
          "--ulimit",
          "--isolation",
          "--security-opt",
          "--allow",
          "--attest",
          "--annotation",
          "--build-context",
          "--call",
          "--no-cache-filter",
          "--sbom",
          "--provenance",
          "--format",
          "--jobs",
          "--authfile",
          "--creds",
          "--cert-dir",
          "--arch",
          "--os",
          "--variant",
          "-v",
          "--volume",
          "--env",
          "--from",
          "--manifest",
          "--logfile",
          "--timestamp",
          "--runtime",
          "--signature-policy",
          "--layer-label",
          "--cap-add",
          "--cap-drop",
          "--device",
          "--dns",
          "--dns-option",
          "--dns-search",
          "--ignorefile",
          "--ipc",
          "--pid",
          "--userns",
          "--uts",
          "--retry",
          "--retry-delay",
          "--build-opt",
          "--build-env",
          "-p",
          "--profile",
          "--node",
          "-n",
          "--namespace");
  private static final Set<String> CLI_GLOBAL_VALUE_FLAGS =
      Set.of(
          "-H",
          "--host",
          "-c",
          "--context",
          "--config",
          "-l",
          "--log-level",
          "--tlscacert",
          "--tlscert",
          "--tlskey",
          "-n",
          "--namespace",
          "-a",
          "--address",
          "--snapshotter",
          "--connection",
          "--url",
          "--root",
          "--runroot",
          "--storage-driver",
          "--identity",
          "--cgroup-manager",
          "-p",
          "--profile",
          "--builder");
  private static final Set<String> IMPORT_VALUE_FLAGS =
      Set.of(
          "-c",
          "--cluster",
          "-m",
          "--mode",
          "--name",
          "-n",
          "--nodes",
          "-p",
          "--profile",
          "--node");
  private static final Set<String> WRAPPER_VALUE_FLAGS = Set.of("-u", "-g", "-C", "-h", "-p", "-U");

  /** The image facts of one command; empty for any command that makes no image. */
  static List<Fact> read(
      List<Arg> argv, WorkDir cwd, boolean minikubeDockerEnv, Predicate<String> exists) {
    List<Arg> args = unwrap(argv);
    if (args.isEmpty()) {
      return List.of();
    }
    String tool = baseName(args.get(0).text());
    List<Arg> rest = args.subList(1, args.size());
    return switch (tool) {
      case "docker", "podman", "nerdctl" -> containerCli(rest, cwd, minikubeDockerEnv, exists);
      case "buildah" -> buildah(rest, cwd, exists);
      case "k3d" -> k3d(rest);
      case "kind" -> kind(rest);
      case "minikube" -> minikube(rest, cwd, exists);
      case "skopeo" -> skopeo(rest);
      case "executor" -> kaniko(rest, cwd, exists);
      default -> List.of();
    };
  }

  /**
   * Drops {@code sudo}, {@code env A=b}, {@code time} and the like in front of the real command.
   */
  private static List<Arg> unwrap(List<Arg> argv) {
    int i = 0;
    while (i < argv.size()) {
      String word = baseName(argv.get(i).text());
      if (!Set.of("sudo", "command", "exec", "time", "nohup", "env", "doas").contains(word)) {
        break;
      }
      i++;
      while (i < argv.size()) {
        String a = argv.get(i).text();
        if (a.startsWith("-")) {
          i += WRAPPER_VALUE_FLAGS.contains(a) && !word.equals("env") ? 2 : 1;
        } else if (word.equals("env") && a.contains("=")) {
          i++;
        } else {
          break;
        }
      }
    }
    return argv.subList(Math.min(i, argv.size()), argv.size());
  }

  private static List<Fact> containerCli(
      List<Arg> args, WorkDir cwd, boolean minikubeDockerEnv, Predicate<String> exists) {
    int i = skipOptions(args, 0, CLI_GLOBAL_VALUE_FLAGS);
    String sub = word(args, i);
    if (sub.equals("image") || sub.equals("builder")) {
      i = skipOptions(args, i + 1, Set.of());
      sub = word(args, i);
    } else if (sub.equals("buildx")) {
      i = skipOptions(args, i + 1, CLI_GLOBAL_VALUE_FLAGS);
      sub = word(args, i);
      if (sub.equals("b")) {
        sub = "build";
      }
    }
    List<Arg> rest = args.subList(Math.min(i + 1, args.size()), args.size());
    return switch (sub) {
      case "build" -> build(rest, cwd, exists, minikubeDockerEnv);
      case "tag" -> tag(rest, minikubeDockerEnv);
      case "push" -> names(rest, Kind.PUSH, Set.of("--platform"));
      default -> List.of();
    };
  }

  private static List<Fact> buildah(List<Arg> args, WorkDir cwd, Predicate<String> exists) {
    int i = skipOptions(args, 0, CLI_GLOBAL_VALUE_FLAGS);
    String sub = word(args, i);
    List<Arg> rest = args.subList(Math.min(i + 1, args.size()), args.size());
    return switch (sub) {
      case "bud", "build", "build-using-dockerfile" -> build(rest, cwd, exists, false);
      case "tag" -> tag(rest, false);
      case "push" -> {
        List<Arg> positional =
            positionals(
                rest,
                Set.of(
                    "--authfile",
                    "--creds",
                    "--cert-dir",
                    "--format",
                    "-f",
                    "--digestfile",
                    "--sign-by",
                    "--retry",
                    "--retry-delay"));
        yield positional.isEmpty()
            ? List.of()
            : List.of(fact(positional.get(0), Kind.PUSH, positional.get(0).text()));
      }
      default -> List.of();
    };
  }

  private static List<Fact> k3d(List<Arg> args) {
    String sub = word(args, 0);
    String verb = word(args, 1);
    if ((sub.equals("image") || sub.equals("images"))
        && (verb.equals("import") || verb.equals("load"))) {
      return names(args.subList(2, args.size()), Kind.IMPORT, IMPORT_VALUE_FLAGS);
    }
    return List.of();
  }

  private static List<Fact> kind(List<Arg> args) {
    if (word(args, 0).equals("load") && word(args, 1).equals("docker-image")) {
      return names(args.subList(2, args.size()), Kind.IMPORT, IMPORT_VALUE_FLAGS);
    }
    return List.of();
  }

  private static List<Fact> minikube(List<Arg> args, WorkDir cwd, Predicate<String> exists) {
    int i = skipOptions(args, 0, CLI_GLOBAL_VALUE_FLAGS);
    if (!word(args, i).equals("image")) {
      return List.of();
    }
    i = skipOptions(args, i + 1, CLI_GLOBAL_VALUE_FLAGS);
    String verb = word(args, i);
    List<Arg> rest = args.subList(Math.min(i + 1, args.size()), args.size());
    return switch (verb) {
      case "load" -> names(rest, Kind.IMPORT, IMPORT_VALUE_FLAGS);
      // Builds straight into the cluster's runtime: built and imported at once.
      case "build" -> build(rest, cwd, exists, true);
      case "tag" -> tag(rest, true).stream().filter(f -> f.kind() == Kind.IMPORT).toList();
      case "push" -> names(rest, Kind.PUSH, IMPORT_VALUE_FLAGS);
      default -> List.of();
    };
  }

  /** {@code skopeo copy docker-daemon:app:1 docker://registry/app:1} pushes the destination. */
  private static List<Fact> skopeo(List<Arg> args) {
    if (!word(args, 0).equals("copy")) {
      return List.of();
    }
    List<Arg> positional =
        positionals(
            args.subList(1, args.size()),
            Set.of(
                "--src-creds",
                "--dest-creds",
                "--authfile",
                "--src-authfile",
                "--dest-authfile",
                "--format",
                "-f",
                "--src-cert-dir",
                "--dest-cert-dir",
                "--override-os",
                "--override-arch",
                "--retry-times"));
    if (positional.size() == 2 && positional.get(1).text().startsWith("docker://")) {
      Arg dest = positional.get(1);
      String name = dest.text().substring("docker://".length());
      String source = positional.get(0).text().replaceFirst("^(docker-daemon|docker):(//)?", "");
      return List.of(new Fact(name, Kind.PUSH, null, null, dest.line(), source));
    }
    return List.of();
  }

  /**
   * {@code /kaniko/executor --context dir --dockerfile file --destination name}: builds and pushes
   * each destination unless {@code --no-push}. The Dockerfile is relative to the context.
   */
  private static List<Fact> kaniko(List<Arg> args, WorkDir cwd, Predicate<String> exists) {
    List<Arg> destinations = new ArrayList<>();
    String context = null;
    String dockerfile = null;
    String target = null;
    boolean push = true;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).text();
      int eq = a.indexOf('=');
      String flag = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
      Arg value =
          a.startsWith("--") && eq > 0
              ? new Arg(a.substring(eq + 1), args.get(i).line())
              : Set.of("-d", "--destination", "-c", "--context", "-f", "--dockerfile", "--target")
                          .contains(a)
                      && i + 1 < args.size()
                  ? args.get(++i)
                  : null;
      switch (flag) {
        case "-d", "--destination" -> {
          if (value != null) {
            destinations.add(value);
          }
        }
        case "-c", "--context" ->
            context = value == null ? null : value.text().replaceFirst("^dir://", "");
        case "-f", "--dockerfile" -> dockerfile = value == null ? null : value.text();
        case "--target" -> target = value == null ? null : value.text();
        case "--no-push" -> push = value == null || !value.text().equalsIgnoreCase("false");
        default -> {}
      }
    }
    if (context == null) {
      context = ".";
    }
    if (dockerfile != null
        && !dockerfile.isEmpty()
        && !dockerfile.startsWith("/")
        && dockerfile.charAt(0) != WorkDir.SCRIPT_DIR_MARK
        && dockerfile.charAt(0) != WorkDir.ROOT_MARK) {
      dockerfile = context + "/" + dockerfile;
    }
    WorkDir.BuildPaths paths = cwd.resolveBuild(context, dockerfile, exists);
    List<Fact> out = new ArrayList<>();
    for (Arg d : destinations) {
      out.add(new Fact(d.text(), Kind.BUILD, paths, target, d.line(), d.text()));
      if (push) {
        out.add(new Fact(d.text(), Kind.PUSH, paths, target, d.line(), d.text()));
      }
    }
    return out;
  }

  private static List<Fact> build(
      List<Arg> args, WorkDir cwd, Predicate<String> exists, boolean alsoImport) {
    List<Arg> tags = new ArrayList<>();
    String file = null;
    String target = null;
    boolean push = false;
    List<Arg> positional = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).text();
      if (a.equals("--")) {
        positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("-") || a.equals("-")) {
        positional.add(args.get(i));
        continue;
      }
      String flag = a;
      Arg value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        flag = a.substring(0, eq);
        value = new Arg(a.substring(eq + 1), args.get(i).line());
      } else if (!a.startsWith("--")
          && a.length() > 2
          && (a.startsWith("-t") || a.startsWith("-f"))) {
        flag = a.substring(0, 2);
        value = new Arg(a.substring(2), args.get(i).line());
      } else if (BUILD_VALUE_FLAGS.contains(a) && i + 1 < args.size()) {
        value = args.get(++i);
      }
      switch (flag) {
        case "-t", "--tag" -> {
          if (value != null) {
            tags.add(value);
          }
        }
        case "-f", "--file" -> file = value == null ? null : value.text();
        case "--target" -> target = value == null ? null : value.text();
        case "--push" -> push = value == null || !value.text().equalsIgnoreCase("false");
        case "-o", "--output" -> push |= value != null && pushesToRegistry(value.text());
        default -> {}
      }
    }
    if (tags.isEmpty()) {
      return List.of();
    }
    WorkDir.BuildPaths paths =
        positional.isEmpty()
            ? WorkDir.BuildPaths.UNKNOWN
            : cwd.resolveBuild(positional.get(0).text(), file, exists);
    String stage =
        target == null || target.contains("$") ? target : target.toLowerCase(Locale.ROOT);
    List<Fact> out = new ArrayList<>();
    for (Arg tag : tags) {
      out.add(new Fact(tag.text(), Kind.BUILD, paths, stage, tag.line(), tag.text()));
      if (push) {
        out.add(new Fact(tag.text(), Kind.PUSH, paths, stage, tag.line(), tag.text()));
      }
      if (alsoImport) {
        out.add(new Fact(tag.text(), Kind.IMPORT, paths, stage, tag.line(), tag.text()));
      }
    }
    return out;
  }

  private static boolean pushesToRegistry(String output) {
    String o = output.toLowerCase(Locale.ROOT).replace(" ", "");
    return o.contains("type=registry") || o.contains("push=true");
  }

  /** {@code docker tag SRC DST}; inside minikube's runtime the new name is in the cluster too. */
  private static List<Fact> tag(List<Arg> args, boolean alsoImport) {
    List<Arg> positional = positionals(args, Set.of());
    if (positional.size() < 2) {
      return List.of();
    }
    String source = positional.get(0).text();
    List<Fact> out = new ArrayList<>();
    for (Arg dest : positional.subList(1, positional.size())) {
      out.add(new Fact(dest.text(), Kind.TAG, null, null, dest.line(), source));
      if (alsoImport) {
        out.add(new Fact(dest.text(), Kind.IMPORT, null, null, dest.line(), source));
      }
    }
    return out;
  }

  /** One fact per image named among the positional words (tarballs are not image names). */
  private static List<Fact> names(List<Arg> args, Kind kind, Set<String> valueFlags) {
    List<Fact> out = new ArrayList<>();
    for (Arg a : positionals(args, valueFlags)) {
      String lower = a.text().toLowerCase(Locale.ROOT);
      if (lower.endsWith(".tar")
          || lower.endsWith(".tar.gz")
          || lower.endsWith(".tgz")
          || lower.isEmpty()) {
        continue;
      }
      out.add(fact(a, kind, a.text()));
    }
    return out;
  }

  private static Fact fact(Arg name, Kind kind, String source) {
    return new Fact(name.text(), kind, null, null, name.line(), source);
  }

  private static List<Arg> positionals(List<Arg> args, Set<String> valueFlags) {
    List<Arg> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i).text();
      if (a.equals("--")) {
        out.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (a.startsWith("-") && a.length() > 1) {
        if (valueFlags.contains(a)) {
          i++;
        }
        continue;
      }
      out.add(args.get(i));
    }
    return out;
  }

  private static int skipOptions(List<Arg> args, int from, Set<String> valueFlags) {
    int i = from;
    while (i < args.size() && args.get(i).text().startsWith("-")) {
      String a = args.get(i).text();
      i += valueFlags.contains(a) ? 2 : 1;
    }
    return i;
  }

  private static String word(List<Arg> args, int i) {
    return i >= 0 && i < args.size() ? args.get(i).text() : "";
  }

  private static String baseName(String command) {
    int slash = command.lastIndexOf('/');
    return slash < 0 ? command : command.substring(slash + 1);
  }
}
