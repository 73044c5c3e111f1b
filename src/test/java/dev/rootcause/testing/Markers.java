package dev.rootcause.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code expect:} markers from fixture files. A marker is a comment line ({@code #} or {@code
 * //}) naming a rule, optionally with text the message must contain; it points at the next line
 * that is not itself a marker:
 *
 * <pre>
 * # expect: k8s/probe-port-not-exposed "port 8080"
 *             port: 8080
 * </pre>
 */
public final class Markers {
  private static final Pattern MARKER =
      Pattern.compile(
          "^\\s*(?:#|//)\\s*expect:\\s*([a-z0-9]+/[a-z0-9-]+)(?:\\s+\"([^\"]*)\")?\\s*$");

  private Markers() {}

  /** One expected finding: rule, file (relative to the case root), line, and a message fragment. */
  public record Expected(String ruleId, String path, int line, String contains) {
    public String key() {
      return ruleId + " " + path + ":" + line;
    }
  }

  public static List<Expected> read(Path root) {
    List<Expected> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        List<String> lines;
        try {
          lines = Files.readAllLines(file);
        } catch (IOException | UncheckedIOException e) {
          continue; // binary or non-UTF-8 fixtures carry no markers
        } catch (RuntimeException e) {
          continue;
        }
        String rel = root.relativize(file).toString().replace('\\', '/');
        List<String[]> pending = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = MARKER.matcher(lines.get(i));
          if (m.matches()) {
            pending.add(new String[] {m.group(1), m.group(2)});
            continue;
          }
          for (String[] p : pending) {
            out.add(new Expected(p[0], rel, i + 1, p[1]));
          }
          pending.clear();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
