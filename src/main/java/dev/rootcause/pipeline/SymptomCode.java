package dev.rootcause.pipeline;

import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerSpec;
import dev.rootcause.model.cluster.PodDetail;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.SourceFrame;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.k8s.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The repository's code behind a runtime symptom's container: the Dockerfile and application its
 * image is built from (the container the repository declares, else the image the cluster runs,
 * through the builds that produce it), and the repository file a stack frame of its log names.
 */
final class SymptomCode {
  private final SystemModel repository;
  private final ClusterState cluster;
  private final Set<String> files;

  /** {@code files}: the repository's files, relative to its root. */
  SymptomCode(SystemModel repository, ClusterState cluster, Set<String> files) {
    this.repository = repository;
    this.cluster = cluster;
    this.files = files;
  }

  /** The image's link to the repository's Dockerfile and builds, if it has one. */
  Optional<ImageSource> image(ClusterLocation at, String container) {
    return container(at, container).flatMap(repository::imageSource);
  }

  /** The application the container runs, if the repository builds it. */
  Optional<AppFacts> app(ClusterLocation at, String container) {
    return container(at, container).flatMap(repository::appOf);
  }

  /** The repository's container: the one the repository declares, else the cluster's image. */
  private Optional<Container> container(ClusterLocation at, String name) {
    if (name == null) {
      return Optional.empty();
    }
    Optional<Container> declared =
        repository
            .workload(at.kind(), at.namespace(), at.name())
            .or(() -> repository.workload(at.kind(), null, at.name()))
            .stream()
            .flatMap(w -> w.containers().stream())
            .filter(c -> c.name().equals(name))
            .findFirst();
    return declared.isPresent() ? declared : running(at, name);
  }

  /** The container as the cluster runs it: its name and image are what link it to a build. */
  private Optional<Container> running(ClusterLocation at, String name) {
    if (cluster == null) {
      return Optional.empty();
    }
    for (PodState pod : cluster.pods()) {
      ClusterLocation owner = cluster.fixTarget(pod, null);
      PodDetail detail = cluster.detail(pod);
      ContainerSpec spec = detail == null ? null : detail.container(name);
      if (spec != null
          && spec.image() != null
          && owner.kind().equals(at.kind())
          && owner.name().equals(at.name())
          && Objects.equals(owner.namespace(), at.namespace())) {
        ImageRef image = ImageRef.parse(spec.image(), null);
        return Optional.of(
            new Container(
                name,
                image,
                spec.pullPolicy(),
                List.of(),
                List.of(),
                List.of(),
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of(),
                false,
                null));
      }
    }
    return Optional.empty();
  }

  /**
   * The repository file a frame names: through the COPY lines of the image's Dockerfile when the
   * frame's path lies under one's destination, else the file whose path ends like the frame's with
   * the longest run of folders, when only one does (within the image's application when known).
   * Null when none, or when two files tie and nothing decides between them.
   */
  String file(SourceFrame frame, ClusterLocation at, String container) {
    Optional<ImageSource> image = image(at, container);
    if (frame.path().startsWith("/") && image.isPresent() && image.get().dockerfile() != null) {
      String copied = copied(frame.path(), image.get());
      if (copied != null) {
        return copied;
      }
    }
    Optional<AppFacts> app = app(at, container);
    if (app.isPresent()) {
      String root = app.get().root();
      String within = bySuffix(frame.path(), f -> root.isEmpty() || f.startsWith(root + "/"));
      if (within != null) {
        return within;
      }
    }
    return bySuffix(frame.path(), f -> true);
  }

  /** The file a COPY of the final stage (or its parents) put at {@code path}, if in the tree. */
  private String copied(String path, ImageSource image) {
    Dockerfile dockerfile = image.dockerfile();
    String context =
        image.builds().stream()
            .map(ImageBuild::context)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(dockerfile.directory());
    Optional<Stage> last = dockerfile.finalStage();
    if (last.isEmpty()) {
      return null;
    }
    List<Stage> lineage = new ArrayList<>(dockerfile.lineage(last.get()));
    java.util.Collections.reverse(lineage);
    for (Stage stage : lineage) {
      for (Stage.Copy copy : stage.copies().reversed()) {
        String dest = copy.destinationPath();
        if (copy.from() != null || dest == null || !ContainerPaths.within(path, dest)) {
          continue;
        }
        String rest = path.equals(dest) ? "" : path.substring(dest.length() + 1);
        for (String source : copy.sources()) {
          for (String candidate : candidates(context, source, rest)) {
            if (files.contains(candidate)) {
              return candidate;
            }
          }
        }
      }
    }
    return null;
  }

  /** {@code COPY src/ /app/} puts {@code src/x.py} at {@code /app/x.py}; a file source as named. */
  private static List<String> candidates(String context, String source, String rest) {
    String src = normalize(join(context, source));
    List<String> out = new ArrayList<>();
    if (!rest.isEmpty()) {
      out.add(normalize(join(src, rest)));
    }
    if (rest.isEmpty() || rest.equals(ContainerPaths.fileName(source))) {
      out.add(src);
    }
    return out;
  }

  private static String join(String a, String b) {
    return a == null || a.isEmpty() || a.equals(".") ? b : a + "/" + b;
  }

  /** A repository-relative path without {@code ./} or {@code ..} segments. */
  private static String normalize(String path) {
    String resolved = ContainerPaths.resolve("/", path);
    return resolved == null ? path : resolved.substring(1);
  }

  private String bySuffix(String path, java.util.function.Predicate<String> allowed) {
    String[] parts = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    for (int k = parts.length; k >= 1; k--) {
      String suffix = String.join("/", List.of(parts).subList(parts.length - k, parts.length));
      List<String> matches =
          files.stream()
              .filter(allowed)
              .filter(f -> f.equals(suffix) || f.endsWith("/" + suffix))
              .limit(2)
              .toList();
      if (matches.size() == 1) {
        return matches.get(0);
      }
      if (matches.size() > 1) {
        return null; // two files end alike and nothing longer tells them apart
      }
    }
    return null;
  }

  /**
   * The handler a static finding's line lies in, when the code's facts tell: the hazard on that
   * line serves a route whose handler is declared in the same file at or above it, the nearest
   * such. Null when unknown (a helper no route names, a finding that is not a hazard).
   */
  String function(SourceLocation at) {
    for (AppFacts app : repository.apps()) {
      for (Hazard h : app.hazards()) {
        SourceLocation l = h.location();
        if (l == null
            || !l.path().equals(at.path())
            || l.line() != at.line()
            || h.route() == null) {
          continue;
        }
        AppFacts.Route nearest = null;
        for (AppFacts.Route r : app.routes()) {
          SourceLocation rl = r.location();
          if (r.handler() != null
              && rl != null
              && rl.path().equals(at.path())
              && rl.line() <= at.line()
              && serves(h.route(), r)
              && (nearest == null || rl.line() > nearest.location().line())) {
            nearest = r;
          }
        }
        if (nearest != null) {
          return nearest.handler();
        }
      }
    }
    return null;
  }

  /** Whether a hazard's route ({@code GET /}, {@code GET, POST /your-url}) is the route's. */
  private static boolean serves(String hazardRoute, AppFacts.Route route) {
    return route.path() != null
        && (hazardRoute.equals(route.path()) || hazardRoute.endsWith(" " + route.path()));
  }

  /** Every file the repository's facts name: its apps' code and Dockerfiles. */
  static Set<String> knownFiles(SystemModel repository) {
    Set<String> paths = new java.util.HashSet<>();
    for (AppFacts app : repository.apps()) {
      app.hazards().forEach(h -> add(paths, h.location()));
      app.routes().forEach(r -> add(paths, r.location()));
      app.envReads().forEach(e -> add(paths, e.location()));
      app.listens().forEach(l -> add(paths, l.location()));
      app.outboundCalls().forEach(o -> add(paths, o.location()));
    }
    repository.dockerfiles().forEach(d -> paths.add(d.path()));
    for (Workload w : repository.workloads()) {
      add(paths, w.meta().location());
    }
    return paths;
  }

  private static void add(Set<String> paths, SourceLocation at) {
    if (at != null) {
      paths.add(at.path());
    }
  }
}
