package dev.rootcause.serve;

import dev.rootcause.model.ScanResult;
import dev.rootcause.pipeline.Incidents;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.pipeline.Scanner;
import dev.rootcause.report.JsonRenderer;
import dev.rootcause.report.Notices;
import dev.rootcause.serve.Views.RunTarget;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runs the operator allowed with {@code --allow-run}: a page may scan exactly these folders and
 * attach the findings to an incident; it names a run by its index, never by a path, so no request
 * can reach a folder the operator did not list.
 */
final class Runs {
  private static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  private final List<Path> allowed;

  Runs(List<Path> allowed) {
    this.allowed = List.copyOf(allowed);
  }

  List<RunTarget> targets() {
    List<RunTarget> out = new ArrayList<>();
    for (int i = 0; i < allowed.size(); i++) {
      out.add(new RunTarget(i, "scan", allowed.get(i).toString()));
    }
    return out;
  }

  /**
   * Scans the allowed folder at {@code index} and attaches its findings to the incident the way
   * {@code incident attach --scan-json} does; returns what to tell the person who asked.
   */
  String scan(Incidents incidents, String id, String index) throws InputException {
    Path root = target(index);
    incidents.show(id);
    ScanResult result;
    try {
      result =
          new Scanner()
              .scan(root, new Scanner.Options(null, MAX_FILE_BYTES, Scanner.defaultCacheDir()));
    } catch (IOException e) {
      throw new InputException("cannot scan " + root + ": " + e.getMessage());
    }
    String nothing = Notices.nothingRead(result);
    if (nothing != null) {
      throw new InputException(nothing.replaceFirst("^rootcause: ", ""));
    }
    Path json = null;
    try {
      json = Files.createTempFile("rootcause-serve-scan-", ".json");
      try (Writer w = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
        new JsonRenderer().render(result, w);
      }
      int attached = incidents.attachScan(id, json, null, false).size();
      return "scanned " + root + ": attached " + attached + " finding(s) to " + id;
    } catch (IOException e) {
      throw new InputException("cannot keep the scan of " + root + ": " + e.getMessage());
    } finally {
      if (json != null) {
        try {
          Files.deleteIfExists(json);
        } catch (IOException ignored) {
          // a temporary file left behind in the temp folder is harmless
        }
      }
    }
  }

  private Path target(String index) throws InputException {
    try {
      int i = Integer.parseInt(index == null ? "" : index.trim());
      if (i >= 0 && i < allowed.size()) {
        return allowed.get(i);
      }
    } catch (NumberFormatException ignored) {
      // falls through to the refusal below
    }
    throw new InputException(
        allowed.isEmpty()
            ? "this server is read-only for runs (start it with --allow-run PATH to allow scans)"
            : "no such run: choose one of the folders the operator allowed");
  }
}
