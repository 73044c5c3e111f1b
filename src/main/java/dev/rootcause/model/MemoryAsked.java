package dev.rootcause.model;

import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StartScript;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory a container's own command or options ask for ({@code -Xmx768m}, {@code
 * --max-old-space-size=1024}, {@code stress --vm 2 --vm-bytes 300M}, {@code redis-server
 * --maxmemory 512mb}), as written and in bytes: a limit below it kills the process however the
 * runtime is tuned. Env values count too ({@code JAVA_OPTS}, {@code JAVA_TOOL_OPTIONS}, {@code
 * NODE_OPTIONS}).
 */
public record MemoryAsked(String flag, long bytes) implements java.io.Serializable {
  private static final Pattern ASKS =
      Pattern.compile(
          "-Xmx(\\d+)([kKmMgG]?)\\b|--max-old-space-size[ =](\\d+)|--vm-bytes[ =](\\d+)([kKmMgGbB]?)"
              + "|--maxmemory[ =](\\d+)([kKmMgG]?)[bB]?\\b");

  /** Env vars the runtime reads itself, whatever the command line says. */
  private static final Set<String> READ_BY_THE_RUNTIME =
      Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS", "NODE_OPTIONS");

  private static final Set<String> LAUNCHERS = Set.of("java", "node");

  // stress starts --vm N workers, each allocating --vm-bytes.
  private static final Pattern WORKERS = Pattern.compile("--vm[ =](\\d+)\\b");

  /** The largest size the command, args or literal env values (JAVA_OPTS, NODE_OPTIONS) ask for. */
  public static Optional<MemoryAsked> of(Container container) {
    return of(container, null);
  }

  /**
   * The same, with what the image's final stage adds: its {@code ENV} values the container does not
   * override ({@code ENV JAVA_OPTS="-Xmx768m"}) and its ENTRYPOINT and CMD when the container does
   * not replace them.
   */
  public static Optional<MemoryAsked> of(Container container, Stage image) {
    return of(container, image, List.of());
  }

  /**
   * The same, with the package.json scripts the image's start command runs ({@code npm start} runs
   * {@code node --max-old-space-size=4096 server.js}) when the container keeps that command.
   */
  public static Optional<MemoryAsked> of(
      Container container, Stage image, List<StartScript> scripts) {
    List<String> command = new ArrayList<>(container.command());
    if (image != null && container.command().isEmpty()) {
      if (image.entrypoint() != null) {
        command.addAll(image.entrypoint().argv());
      }
      if (image.cmd() != null && container.args().isEmpty()) {
        command.addAll(image.cmd().argv());
      }
    }
    command.addAll(container.args());
    if (image != null && container.command().isEmpty() && container.args().isEmpty()) {
      scripts.forEach(s -> command.add(s.command()));
    }
    List<String> words = new ArrayList<>(command);
    String commandText = String.join(" ", command);
    boolean launcherOnly = runsLauncherDirectly(command);
    Map<String, String> env = new LinkedHashMap<>();
    if (image != null) {
      env.putAll(image.env());
    }
    for (EnvVar var : container.env()) {
      env.remove(var.name());
      if (var.value() != null) {
        env.put(var.name(), var.value().reveal());
      }
    }
    env.forEach(
        (name, value) -> {
          if (!launcherOnly || READ_BY_THE_RUNTIME.contains(name) || expands(commandText, name)) {
            words.add(value);
          }
        });
    return largest(words);
  }

  /**
   * Whether the command is {@code java ...} or {@code node ...} itself (or run by {@code sh -c}),
   * so that an env var reaches it only by being expanded in that command or read by the runtime; a
   * start script or an unknown command may read any env var, so those all count.
   */
  private static boolean runsLauncherDirectly(List<String> command) {
    if (command.isEmpty()) {
      return false;
    }
    List<String> argv = command;
    String first = basename(argv.get(0));
    if ((first.equals("sh") || first.equals("bash"))
        && argv.size() >= 3
        && argv.get(1).equals("-c")) {
      List<String> script = List.of(argv.get(2).strip().split("\\s+"));
      argv = script.get(0).equals("exec") ? script.subList(1, script.size()) : script;
      first = argv.isEmpty() ? "" : basename(argv.get(0));
    }
    return LAUNCHERS.contains(first);
  }

  private static String basename(String word) {
    return word.substring(word.lastIndexOf('/') + 1);
  }

  private static boolean expands(String commandText, String name) {
    return commandText.contains("${" + name + "}")
        || commandText.contains("${" + name + ":")
        || Pattern.compile("\\$" + Pattern.quote(name) + "(?![A-Za-z0-9_])")
            .matcher(commandText)
            .find();
  }

  /**
   * The ENV, ENTRYPOINT or CMD line of the image that holds {@code flag}, if it is written there.
   */
  public static Optional<dev.rootcause.model.SourceLocation> writtenIn(Stage image, String flag) {
    if (image == null) {
      return Optional.empty();
    }
    return image.instructions().stream()
        .filter(
            i -> Set.of("ENV", "ENTRYPOINT", "CMD").contains(i.keyword().toUpperCase(Locale.ROOT)))
        .filter(i -> i.arguments().contains(flag))
        .map(Stage.Instruction::location)
        .findFirst();
  }

  private static Optional<MemoryAsked> largest(List<String> words) {
    MemoryAsked largest = null;
    String text = String.join(" ", words);
    Matcher w = WORKERS.matcher(text);
    int workers = w.find() ? Math.max(1, Integer.parseInt(w.group(1))) : 1;
    Matcher m = ASKS.matcher(text);
    while (m.find()) {
      long bytes;
      String flag = m.group();
      if (m.group(3) != null) {
        bytes = Long.parseLong(m.group(3)) << 20;
      } else if (m.group(1) != null) {
        bytes = scaled(Long.parseLong(m.group(1)), m.group(2));
      } else if (m.group(4) != null) {
        bytes = scaled(Long.parseLong(m.group(4)), m.group(5)) * workers;
        flag = workers > 1 ? "--vm " + workers + " " + flag : flag;
      } else {
        bytes = scaled(Long.parseLong(m.group(6)), m.group(7));
      }
      if (largest == null || bytes > largest.bytes()) {
        largest = new MemoryAsked(flag, bytes);
      }
    }
    return Optional.ofNullable(largest);
  }

  private static long scaled(long n, String unit) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "k" -> n << 10;
      case "m" -> n << 20;
      case "g" -> n << 30;
      default -> n;
    };
  }
}
