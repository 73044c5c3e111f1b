package dev.rootcause.collect.pipeline;

import dev.rootcause.model.pipeline.HttpCheck;
import dev.rootcause.model.pipeline.Pipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the URL of each checking {@code curl}/{@code wget} step into an {@link HttpCheck}. URLs
 * built from variables ({@code $BASE_URL/health}) are left out: their host and port are unknown.
 */
final class HttpChecks {
  private HttpChecks() {}

  static List<HttpCheck> in(List<Pipeline.Stage> stages) {
    List<HttpCheck> checks = new ArrayList<>();
    for (Pipeline.Stage stage : stages) {
      for (Pipeline.Step step : stage.steps()) {
        if (step.kind() == Pipeline.StepKind.VERIFY) {
          read(step).ifPresent(checks::add);
        }
      }
    }
    return checks;
  }

  private static Optional<HttpCheck> read(Pipeline.Step step) {
    List<String> words = DockerRuns.words(step.command());
    boolean client = false;
    for (String w : words) {
      if (w.equals("curl") || w.equals("wget")) {
        client = true;
      } else if (client && (w.startsWith("http://") || w.startsWith("https://"))) {
        return parse(w, step);
      }
    }
    return Optional.empty();
  }

  private static Optional<HttpCheck> parse(String url, Pipeline.Step step) {
    if (url.contains("$") || url.contains("{")) {
      return Optional.empty();
    }
    return HttpUrl.parse(url)
        .map(
            u -> {
              String path = u.path() == null ? "/" : u.path();
              for (char c : new char[] {'?', '#'}) {
                int at = path.indexOf(c);
                if (at >= 0) {
                  path = path.substring(0, at);
                }
              }
              return new HttpCheck(u.host(), u.port(), path, step.location());
            });
  }
}
