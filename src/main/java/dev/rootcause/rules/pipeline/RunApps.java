package dev.rootcause.rules.pipeline;

import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.pipeline.ContainerRun;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The application a {@code docker run} starts, through the one Dockerfile that builds its image.
 */
final class RunApps {
  private RunApps() {}

  /** The hosts a pipeline's checks reach its own runs at. */
  static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0");

  /** The app the run's image packages, with the Dockerfile that builds it. */
  record RunApp(AppFacts app, Dockerfile dockerfile) {}

  static Optional<RunApp> of(SystemModel model, ContainerRun run) {
    if (run.image().isTemplated()) {
      return Optional.empty();
    }
    List<String> paths =
        model.buildsProducing(run.image()).stream()
            .filter(b -> b.kind() == ImageBuild.Kind.BUILD && b.dockerfile() != null)
            .map(ImageBuild::dockerfile)
            .distinct()
            .toList();
    Optional<Dockerfile> dockerfile =
        paths.size() == 1 ? model.dockerfile(paths.get(0)) : Optional.empty();
    return dockerfile.flatMap(d -> model.appOf(d).map(a -> new RunApp(a, d)));
  }

  /**
   * The one port the app listens on in this run (through {@code -e}, the image ENV, the code's
   * default), or empty when it listens on several or the run's env may change it unseen.
   */
  static Optional<Integer> listenPort(RunApp app, ContainerRun run) {
    Set<Integer> ports = new HashSet<>();
    for (AppFacts.ListenPort listen : app.app().listens()) {
      ports.add(port(listen, run, app.dockerfile()));
    }
    return ports.size() != 1 || ports.contains(null)
        ? Optional.empty()
        : Optional.of(ports.iterator().next());
  }

  private static Integer port(AppFacts.ListenPort listen, ContainerRun run, Dockerfile dockerfile) {
    if (listen.envVar() == null) {
      return listen.port();
    }
    String value = run.env().get(listen.envVar());
    if (value == null && run.envFromFile()) {
      return null;
    }
    if (value == null) {
      value = dockerfile.finalStage().map(Stage::env).map(e -> e.get(listen.envVar())).orElse(null);
    }
    return value == null ? listen.port() : SystemModel.parsePort(value).orElse(null);
  }
}
