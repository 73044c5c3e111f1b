package dev.rootcause.collect.pipeline;

import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.pipeline.ContainerRun;
import dev.rootcause.model.pipeline.ContainerRun.PublishedPort;
import dev.rootcause.model.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code docker run} in a step's command line into a {@link ContainerRun}: its published
 * ports, its {@code -e} values and its image. Flags are told apart by Docker's own list of those
 * that take no value; a command it cannot follow (an unquoted variable for the image, a port range)
 * gives what it could read, or nothing.
 */
final class DockerRuns {
  private static final Set<String> CLIS = Set.of("docker", "podman", "nerdctl");
  private static final Set<String> NO_VALUE =
      Set.of(
          "--rm",
          "-d",
          "--detach",
          "-i",
          "--interactive",
          "-t",
          "--tty",
          "--init",
          "--privileged",
          "--read-only",
          "-P",
          "--publish-all",
          "--sig-proxy",
          "--no-healthcheck",
          "--oom-kill-disable",
          "-q",
          "--quiet");

  /** Short flags that take a value, as the last letter of a cluster ({@code -dp 80:80}). */
  private static final String SHORT_WITH_VALUE = "peEvwumlhac";

  private DockerRuns() {}

  /** Every container run in the stages' steps, in order. */
  static List<ContainerRun> in(List<Pipeline.Stage> stages) {
    List<ContainerRun> runs = new ArrayList<>();
    for (Pipeline.Stage stage : stages) {
      for (Pipeline.Step step : stage.steps()) {
        read(step).ifPresent(runs::add);
      }
    }
    return runs;
  }

  static Optional<ContainerRun> read(Pipeline.Step step) {
    List<String> words = words(step.command());
    int at = -1;
    for (int i = 0; i + 1 < words.size(); i++) {
      if (CLIS.contains(words.get(i))
          && (words.get(i + 1).equals("run")
              || words.get(i + 1).equals("container")
                  && i + 2 < words.size()
                  && words.get(i + 2).equals("run"))) {
        at = i + (words.get(i + 1).equals("run") ? 2 : 3);
        break;
      }
    }
    if (at < 0) {
      return Optional.empty();
    }
    List<PublishedPort> ports = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    boolean envFromFile = false;
    boolean hostNetwork = false;
    for (int i = at; i < words.size(); i++) {
      String w = words.get(i);
      if (!w.startsWith("-") || w.equals("-")) {
        if (isCommandEnd(w)) {
          return Optional.empty();
        }
        ImageRef image = ImageRef.parse(w, step.location());
        return Optional.of(
            new ContainerRun(image, ports, env, envFromFile, hostNetwork, step.location()));
      }
      String flag = w;
      String value = null;
      int eq = w.indexOf('=');
      if (w.startsWith("--") && eq > 0) {
        flag = w.substring(0, eq);
        value = w.substring(eq + 1);
      } else if (!w.startsWith("--") && w.length() > 2) {
        char last = w.charAt(w.length() - 1);
        boolean cluster = w.substring(1).chars().allMatch(Character::isLetter);
        if (!cluster) {
          flag = w.substring(0, 2); // -p8080:80
          value = w.substring(2);
        } else if (SHORT_WITH_VALUE.indexOf(last) >= 0) {
          flag = "-" + last;
        } else {
          continue;
        }
      }
      if (value == null && !NO_VALUE.contains(flag)) {
        if (i + 1 >= words.size()) {
          return Optional.empty();
        }
        value = words.get(++i);
      }
      switch (flag) {
        case "-p", "--publish" -> publish(value).ifPresent(ports::add);
        case "-e", "--env" -> {
          int sep = value.indexOf('=');
          if (sep > 0) {
            env.put(value.substring(0, sep), value.substring(sep + 1));
          } else {
            envFromFile = true;
          }
        }
        case "--env-file" -> envFromFile = true;
        case "--network", "--net" -> hostNetwork = value.equals("host");
        default -> {}
      }
    }
    return Optional.empty();
  }

  private static boolean isCommandEnd(String w) {
    return w.equals("&&") || w.equals("||") || w.equals(";") || w.equals("|");
  }

  /** {@code [ip:]host:container[/proto]} or {@code container}; ranges and variables are unread. */
  static Optional<PublishedPort> publish(String value) {
    String spec = value;
    int slash = spec.indexOf('/');
    if (slash >= 0) {
      spec = spec.substring(0, slash);
    }
    String[] parts = spec.split(":");
    try {
      int container = Integer.parseInt(parts[parts.length - 1]);
      int host =
          parts.length == 1 || parts[parts.length - 2].isEmpty()
              ? 0
              : Integer.parseInt(parts[parts.length - 2]);
      return Optional.of(new PublishedPort(host, container, value));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Whitespace-separated words, with quotes removed; {@code ;} and {@code &&} kept as words. */
  static List<String> words(String command) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          cur.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c) || c == ';') {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        if (c == ';') {
          out.add(";");
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
