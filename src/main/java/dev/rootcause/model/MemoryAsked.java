package dev.rootcause.model;

import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StartScript;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    List<String> words = new ArrayList<>(container.command());
    words.addAll(container.args());
    for (EnvVar env : container.env()) {
      if (env.value() != null) {
        words.add(env.value().reveal());
      }
    }
    if (image != null) {
      image
          .env()
          .forEach(
              (name, value) -> {
                if (container.envVar(name).isEmpty()) {
                  words.add(value);
                }
              });
      if (container.command().isEmpty()) {
        for (Stage.Command c : java.util.Arrays.asList(image.entrypoint(), image.cmd())) {
          if (c != null) {
            words.addAll(c.argv());
          }
        }
        if (container.args().isEmpty()) {
          scripts.forEach(s -> words.add(s.command()));
        }
      }
    }
    return largest(words);
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
