package dev.rootcause.rules.cross;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.WellKnownImages;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.Names;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seeds 002 and 000: the notification Deployment pulled {@code notification-service:v2.0} while the
 * script built and imported only {@code :latest}; the SRE Deployment pulled {@code
 * sre-assessment:latest} while the Makefile built {@code sre-candidate:latest}. An image with no
 * registry that is not a public one can only come from a local build; when the repository builds
 * images but none under this name, the pull fails. It stays silent unless the repository shows how
 * its images are made (a build of the same name under another tag, or the Dockerfile the image
 * comes from), so images built by tools rootcause does not read are not reported. A registry image
 * is judged only when this repository pushes that registry and repository itself, every tag written
 * out: the tag the workload pulls is then one nobody pushes.
 */
@RuleSpec(
    id = "cross/image-not-built",
    explains = {"runtime/image-pull-back-off"},
    severity = Severity.CRITICAL,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Workload pulls an image that no build, tag or import in the repository produces",
    symptom = "ErrImagePull, then ImagePullBackOff: the pod never starts",
    fix =
        "Pull the name and tag the build produces, or make the build tag and import the name the workload pulls.")
public final class ImageNotBuilt implements ContainerRule {
  private static final int MAX_EVIDENCE = 6;

  /** Words too common in image names to say two names are meant to be the same. */
  private static final Set<String> GENERIC =
      Set.of(
          "service",
          "services",
          "svc",
          "api",
          "app",
          "apps",
          "server",
          "srv",
          "web",
          "backend",
          "frontend",
          "worker",
          "job",
          "image",
          "img",
          "docker",
          "container",
          "latest",
          "dev",
          "prod",
          "test",
          "main",
          "core",
          "base",
          "local");

  /**
   * Roles that name a separate deployable beside the main image ({@code storefront-worker} beside
   * {@code storefront}): a name that adds one is a sibling, often built elsewhere, never a
   * misspelling.
   */
  private static final Set<String> SIBLING_ROLES =
      Set.of("worker", "job", "jobs", "cron", "consumer", "scheduler", "migrate", "migrations");

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    SystemModel model = ctx.model();
    ImageRef image = container.image();
    if (image == null
        || image.isTemplated()
        || image.digest() != null
        || !model.buildsProducing(image).isEmpty()) {
      return;
    }
    List<ImageBuild> sameRegistryRepo = sameRegistryRepository(model, image);
    if (!sameRegistryRepo.isEmpty()
        && literal(sameRegistryRepo).size() == sameRegistryRepo.size()
        && sameRegistryRepo.stream().anyMatch(b -> b.kind() == ImageBuild.Kind.PUSH)) {
      // This repository pushes registry/name itself, every tag written out, and never this tag.
      report(ctx, workload, container, sameRegistryRepo, Confidence.CERTAIN);
      return;
    }
    if (!WellKnownImages.isOfficial(image)) {
      Optional<ImageBuild> renamed = nearPushedName(model, image);
      if (renamed.isPresent()) {
        report(ctx, workload, container, List.of(renamed.get()), Confidence.LIKELY);
        return;
      }
    }
    if (WellKnownImages.isPublic(image)
        || model.imageBuilds().isEmpty()
        || !model.buildsProducing(image).isEmpty()
        || isBaseImage(model, image)) {
      return;
    }
    boolean localFlow =
        model.imageBuilds().stream().anyMatch(b -> b.kind() == ImageBuild.Kind.IMPORT);
    if (image.normalizedRepository().contains("/") && !localFlow) {
      return; // org/name may be pushed to Docker Hub by a pipeline rootcause does not read
    }
    List<ImageBuild> sameName =
        literal(model.buildsOf(image.normalizedRepository())).stream()
            .filter(b -> b.image().registry() == null)
            .toList();
    if (!sameName.isEmpty()) {
      report(ctx, workload, container, sameName, Confidence.CERTAIN);
      return;
    }
    Optional<ImageSource> source =
        model
            .imageSource(container)
            .filter(
                s ->
                    s.basis() == ImageSource.Basis.FOLDER_NAME
                        || s.basis() == ImageSource.Basis.ONLY_DOCKERFILE);
    List<ImageBuild> fromDockerfile =
        source
            .map(
                s ->
                    literal(model.imageBuilds()).stream()
                        .filter(b -> s.dockerfile().path().equals(b.dockerfile()))
                        .filter(b -> b.kind() != ImageBuild.Kind.PUSH)
                        .toList())
            .orElse(List.of());
    List<ImageBuild> suggestion =
        fromDockerfile.isEmpty()
            ? closest(model, image).map(List::of).orElse(List.of())
            : fromDockerfile;
    if (suggestion.isEmpty()) {
      // Only its Dockerfile, if found, ties this image to the repository; without it the image
      // may well come from elsewhere.
      source.ifPresent(s -> notTagged(ctx, workload, container, s.dockerfile()));
      return;
    }
    report(ctx, workload, container, suggestion, Confidence.LIKELY);
  }

  private static void notTagged(
      RuleContext ctx, Workload workload, Container container, Dockerfile dockerfile) {
    ImageRef image = container.image();
    var finding =
        ctx.report(
                image.location(),
                "image "
                    + image.raw()
                    + " is built by nothing in this repository, though "
                    + dockerfile.path()
                    + " looks like its source; no build tags it")
            .subject(subject(workload, container))
            .confidence(Confidence.LIKELY)
            .related(dockerfile.location(), "the Dockerfile for " + image.repository())
            .fix(
                "Build "
                    + dockerfile.path()
                    + " as "
                    + image.raw()
                    + " where the other images are built.");
    literal(ctx.model().imageBuilds()).stream()
        .limit(MAX_EVIDENCE)
        .forEach(b -> finding.related(b.location(), verb(b) + " " + b.image().raw()));
  }

  private static void report(
      RuleContext ctx,
      Workload workload,
      Container container,
      List<ImageBuild> builds,
      Confidence confidence) {
    ImageRef image = container.image();
    Map<String, ImageBuild> firstByName = new LinkedHashMap<>();
    for (ImageBuild b : builds) {
      if (b.kind() != ImageBuild.Kind.PUSH) {
        firstByName.putIfAbsent(b.image().raw(), b);
      }
    }
    if (firstByName.isEmpty()) {
      builds.forEach(b -> firstByName.putIfAbsent(b.image().raw(), b));
    }
    String made =
        firstByName.values().stream()
            .limit(3)
            .map(
                b ->
                    b.location().path()
                        + " "
                        + verb(b)
                        + " "
                        + b.image().raw()
                        + " (line "
                        + b.location().line()
                        + ")")
            .collect(Collectors.joining(", "));
    ImageBuild best = firstByName.values().iterator().next();
    var finding =
        ctx.report(
                image.location(),
                "image " + image.raw() + " is built by nothing in this repository; " + made)
            .subject(subject(workload, container))
            .confidence(confidence)
            .fix(
                "Set the image to "
                    + best.image().raw()
                    + " (what "
                    + best.location().path()
                    + " "
                    + verb(best)
                    + "), or make the build tag"
                    + (importsAny(builds) ? " and import " : " ")
                    + image.raw()
                    + ".");
    builds.stream()
        .limit(MAX_EVIDENCE)
        .forEach(b -> finding.related(b.location(), verb(b) + " " + b.image().raw()));
  }

  private static boolean importsAny(List<ImageBuild> builds) {
    return builds.stream().anyMatch(b -> b.kind() == ImageBuild.Kind.IMPORT);
  }

  private static String subject(Workload workload, Container container) {
    return workload.meta().displayName() + " container " + container.name();
  }

  private static String verb(ImageBuild b) {
    return switch (b.kind()) {
      case BUILD -> "builds";
      case TAG -> "tags";
      case IMPORT -> "imports";
      case PUSH -> "pushes";
    };
  }

  /**
   * Builds and pushes of the same registry and repository as a registry image: the repository is
   * then its producer, so the tags it pushes are the ones that exist (empty for local images).
   */
  private static List<ImageBuild> sameRegistryRepository(SystemModel model, ImageRef image) {
    if (image.registry() == null) {
      return List.of();
    }
    return model.buildsOf(image.normalizedRepository()).stream()
        .filter(b -> image.registry().equals(b.image().registry()))
        .toList();
  }

  /**
   * For a registry image no build here produces: the image this repository builds for the same
   * registry and namespace under nearly its name ({@code ghcr.io/acme/inference-api} for {@code
   * ghcr.io/acme/inference}: one is the other with a generic word added, or a typo away). The
   * repository then claims that namespace, and the name is its own image misspelt; an unrelated
   * name there ({@code orders-worker} beside a built {@code orders-api}) may come from another
   * repository.
   */
  private static Optional<ImageBuild> nearPushedName(SystemModel model, ImageRef image) {
    if (image.registry() == null || !model.buildsOf(image.normalizedRepository()).isEmpty()) {
      return Optional.empty();
    }
    String wanted = lastSegment(image.normalizedRepository());
    List<ImageBuild> pushed =
        model.imageBuilds().stream()
            .filter(b -> image.registry().equals(b.image().registry()))
            .filter(b -> namespace(b.image()).equals(namespace(image)))
            .toList();
    return pushed.stream()
        .filter(b -> b.kind() != ImageBuild.Kind.PUSH)
        .filter(b -> nearlyNamed(wanted, name(b)))
        .min(Comparator.comparingInt(b -> Names.distance(wanted, name(b))));
  }

  /** One name is the other with generic words added or dropped, or a small typo away. */
  private static boolean nearlyNamed(String a, String b) {
    if (a.equals(b)) {
      return false;
    }
    if (withoutSeparators(a).equals(withoutSeparators(b))) {
      return true; // store-front, storefront, Store_Front: one name spelt two ways
    }
    List<String> wa = Names.words(a.toLowerCase(Locale.ROOT));
    List<String> wb = Names.words(b.toLowerCase(Locale.ROOT));
    List<String> shorter = wa.size() <= wb.size() ? wa : wb;
    List<String> longer = wa.size() <= wb.size() ? wb : wa;
    if (shorter.stream().anyMatch(w -> !GENERIC.contains(w))
        && longer.containsAll(shorter)
        && longer.stream()
            .filter(w -> !shorter.contains(w))
            .allMatch(w -> GENERIC.contains(w) && !SIBLING_ROLES.contains(w))) {
      return true;
    }
    return Math.min(a.length(), b.length()) >= 5 && Names.distance(a, b) * 5 <= a.length();
  }

  private static String withoutSeparators(String name) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if (c != '-' && c != '_' && c != '.') {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static List<ImageBuild> literal(List<ImageBuild> builds) {
    return builds.stream().filter(b -> !b.image().isTemplated()).toList();
  }

  /** A Dockerfile's {@code FROM} is pullable by definition: the build itself pulls it. */
  private static boolean isBaseImage(SystemModel model, ImageRef image) {
    return model.dockerfiles().stream()
        .flatMap(d -> d.stages().stream())
        .map(Stage::baseImage)
        .filter(base -> base != null && !base.contains("$"))
        .anyMatch(
            base ->
                ImageRef.parse(base, null)
                    .normalizedRepository()
                    .equals(image.normalizedRepository()));
  }

  /**
   * The locally built name most like this one, in the same namespace: names sharing a word first
   * ({@code sre-assessment}, {@code sre-candidate}), then by edit distance when it is small.
   */
  private static Optional<ImageBuild> closest(SystemModel model, ImageRef image) {
    String wanted = lastSegment(image.normalizedRepository());
    Set<String> words = words(wanted);
    return literal(model.imageBuilds()).stream()
        .filter(b -> b.kind() != ImageBuild.Kind.PUSH && b.image().registry() == null)
        .filter(b -> namespace(b.image()).equals(namespace(image)))
        .filter(b -> shared(words, b) > 0 || Names.distance(wanted, name(b)) * 3 <= wanted.length())
        .min(
            Comparator.comparingInt((ImageBuild b) -> -shared(words, b))
                .thenComparingInt(b -> Names.distance(wanted, name(b))));
  }

  private static String name(ImageBuild b) {
    return lastSegment(b.image().normalizedRepository());
  }

  private static String namespace(ImageRef image) {
    String repo = image.normalizedRepository();
    int slash = repo.lastIndexOf('/');
    return slash < 0 ? "" : repo.substring(0, slash);
  }

  private static String lastSegment(String repository) {
    return repository.substring(repository.lastIndexOf('/') + 1);
  }

  private static int shared(Set<String> words, ImageBuild b) {
    Set<String> other = words(name(b));
    return (int) words.stream().filter(other::contains).count();
  }

  private static Set<String> words(String name) {
    return Names.words(name.toLowerCase(Locale.ROOT)).stream()
        .filter(w -> w.length() > 1 && !GENERIC.contains(w))
        .collect(Collectors.toSet());
  }
}
