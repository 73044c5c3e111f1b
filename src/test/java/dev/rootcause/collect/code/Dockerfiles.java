package dev.rootcause.collect.code;

import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import java.util.List;
import java.util.Map;

/** Hand-built Dockerfile records: the start command and env are all the code joins need. */
final class Dockerfiles {
  private Dockerfiles() {}

  static Dockerfile of(
      String path,
      String workdir,
      Map<String, String> env,
      Stage.Command entrypoint,
      Stage.Command cmd) {
    String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    Stage stage =
        new Stage(
            0,
            null,
            "python:3.12-slim",
            SourceLocation.of(path, 1),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            env,
            workdir,
            entrypoint,
            cmd);
    return new Dockerfile(path, dir, List.of(stage), List.of());
  }

  static Dockerfile cmd(String path, String... argv) {
    return of(path, "/app", Map.of(), null, exec(path, 9, argv));
  }

  static Stage.Command exec(String path, int line, String... argv) {
    return new Stage.Command(List.of(argv), false, SourceLocation.of(path, line));
  }

  static Stage.Command shell(String path, int line, String text) {
    return new Stage.Command(List.of("/bin/sh", "-c", text), true, SourceLocation.of(path, line));
  }
}
