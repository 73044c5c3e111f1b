package dev.rootcause.collect.cluster;

import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.LogLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code logs.txt} of a {@code kubectl cluster-info dump}: a section per container
 * between its START and END markers, streamed, so a log of a gigabyte keeps only its end (where a
 * crash is) and never its whole text in memory.
 */
final class LogTail {
  private static final Pattern START =
      Pattern.compile("^==== START logs for container (\\S+) of pod ([^/\\s]+)/(\\S+) ====$");
  private static final Pattern END = Pattern.compile("^==== END logs for container .* ====$");

  /** Longer lines are cut: one line of a log is a message, not a payload. */
  private static final int MAX_LINE = 8_192;

  private LogTail() {}

  /**
   * A dump's logs file, each container's log bounded as {@link ClusterReader} says; with a null
   * namespace and pod, each section's own (a {@code cluster-info dump} printed to one file).
   */
  static List<ContainerLog> read(Path file, String namespace, String pod, String source)
      throws IOException {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try (Reader in = new java.io.InputStreamReader(Files.newInputStream(file), decoder)) {
      return parse(
          in, namespace, pod, source, ClusterReader.LOG_LINES, ClusterReader.LOG_BYTES, MAX_LINE);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The whole text, unbounded: what {@code verify} reads. */
  static List<ContainerLog> parse(String text, String namespace, String pod, String source) {
    return parse(
        new StringReader(text),
        namespace,
        pod,
        source,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE,
        Integer.MAX_VALUE);
  }

  private static List<ContainerLog> parse(
      Reader reader,
      String namespace,
      String pod,
      String source,
      int maxLines,
      int maxChars,
      int maxLine) {
    List<ContainerLog> out = new ArrayList<>();
    boolean fromMarkers = namespace == null && pod == null;
    String container = null;
    Deque<String> lines = new ArrayDeque<>();
    long chars = 0;
    BufferedReader in = new BufferedReader(reader, 65_536);
    String line;
    while ((line = nextLine(in, maxLine)) != null) {
      Matcher start = START.matcher(line);
      if (start.matches()) {
        container = start.group(1);
        if (fromMarkers) {
          // One file for the whole dump: each section names its pod.
          namespace = start.group(2);
          pod = start.group(3);
        }
        lines = new ArrayDeque<>();
        chars = 0;
        continue;
      }
      if (END.matcher(line).matches()) {
        if (container != null) {
          out.add(log(namespace, pod, container, lines, source));
        }
        container = null;
        continue;
      }
      if (container != null && !line.isEmpty()) {
        lines.addLast(line);
        chars += line.length();
        while (lines.size() > maxLines || chars > maxChars) {
          chars -= lines.removeFirst().length();
        }
      }
    }
    if (container != null) {
      out.add(log(namespace, pod, container, lines, source));
    }
    return out;
  }

  private static ContainerLog log(
      String namespace, String pod, String container, Deque<String> lines, String source) {
    List<LogLine> parsed = new ArrayList<>(lines.size());
    lines.forEach(l -> parsed.add(PodStates.line(l)));
    return new ContainerLog(namespace, pod, container, parsed, source);
  }

  /** The next line without its terminator, cut at {@code maxLine} characters; null at the end. */
  private static String nextLine(BufferedReader in, int maxLine) {
    try {
      StringBuilder sb = new StringBuilder();
      int c;
      boolean any = false;
      while ((c = in.read()) >= 0) {
        any = true;
        if (c == '\n') {
          break;
        }
        if (sb.length() < maxLine) {
          sb.append((char) c);
        }
      }
      if (!any) {
        return null;
      }
      int n = sb.length();
      if (n > 0 && sb.charAt(n - 1) == '\r') {
        sb.setLength(n - 1);
      }
      return sb.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
