package dev.rootcause.model;

import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory a container's own command or options ask for ({@code -Xmx768m}, {@code
 * --max-old-space-size=1024}, {@code stress --vm-bytes 300M}), as written and in bytes: a limit
 * below it kills the process however the runtime is tuned.
 */
public record MemoryAsked(String flag, long bytes) implements java.io.Serializable {
  private static final Pattern ASKS =
      Pattern.compile(
          "-Xmx(\\d+)([kKmMgG]?)\\b|--max-old-space-size=(\\d+)|--vm-bytes[ =](\\d+)([kKmMgGbB]?)");

  /** The largest size the command, args or literal env values (JAVA_OPTS, NODE_OPTIONS) ask for. */
  public static Optional<MemoryAsked> of(Container container) {
    List<String> words = new ArrayList<>(container.command());
    words.addAll(container.args());
    for (EnvVar env : container.env()) {
      if (env.value() != null) {
        words.add(env.value().reveal());
      }
    }
    MemoryAsked largest = null;
    Matcher m = ASKS.matcher(String.join(" ", words));
    while (m.find()) {
      long bytes =
          m.group(3) != null
              ? Long.parseLong(m.group(3)) << 20
              : m.group(1) != null
                  ? scaled(Long.parseLong(m.group(1)), m.group(2))
                  : scaled(Long.parseLong(m.group(4)), m.group(5));
      if (largest == null || bytes > largest.bytes()) {
        largest = new MemoryAsked(m.group(), bytes);
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
