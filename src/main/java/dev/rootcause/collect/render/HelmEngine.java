package dev.rootcause.collect.render;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.List;

/**
 * Helm itself, in-process (helm-java bundles the Helm library as a native library for linux-amd64):
 * one render at a time, as the library keeps global state. When the native library cannot load
 * (another platform, a JVM without native access), says why once, and charts are then noted as not
 * rendered rather than guessed at.
 */
final class HelmEngine {
  /** Set to {@code true} to run without Helm (as on a platform helm-java does not ship). */
  static final String DISABLED_PROPERTY = "rootcause.helm.disabled";

  private static String unavailable;
  private static boolean probed;

  private HelmEngine() {}

  /** What a render gave: the text, or Helm's message. */
  record Result(String output, String error) {}

  /** Why Helm cannot run here, or null when it can. */
  static synchronized String unavailable() {
    if (Boolean.getBoolean(DISABLED_PROPERTY)) {
      return "Helm is turned off (-D" + DISABLED_PROPERTY + "=true)";
    }
    if (!probed) {
      probed = true;
      try {
        Helm.version().call();
      } catch (LinkageError | RuntimeException e) {
        unavailable =
            "Helm's native library could not be loaded ("
                + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))
                + ")";
      }
    }
    return unavailable;
  }

  /** {@code helm template RELEASE CHART -f VALUES...}. */
  static synchronized Result template(Path chart, String release, List<Path> valuesFiles) {
    try {
      TemplateCommand command = new Helm(chart).template().withName(release);
      for (Path values : valuesFiles) {
        command = command.withValuesFile(values);
      }
      return new Result(command.call(), null);
    } catch (RuntimeException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Result(
          null, message.replace("\n\nUse --debug flag to render out invalid YAML", "").strip());
    }
  }

  static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
