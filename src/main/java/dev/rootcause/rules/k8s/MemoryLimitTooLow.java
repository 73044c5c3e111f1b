package dev.rootcause.rules.k8s;

import dev.rootcause.model.FindingKind;
import dev.rootcause.model.ImageSource;
import dev.rootcause.model.MemoryAsked;
import dev.rootcause.model.Runtime;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.docker.StartScript;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.Quantity;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.rules.ContainerRule;
import dev.rootcause.rules.RuleContext;
import dev.rootcause.rules.RuleSpec;
import java.util.List;
import java.util.Optional;

/**
 * Seed 002: the auth service (Node.js) had a 64Mi limit and used about 80Mi under load, so it was
 * OOMKilled. Each runtime has a working floor below which a real service cannot run; the runtime is
 * read from the image name, the Dockerfile's base image, or the application's language. Whatever
 * the runtime, a limit below what the container's own command or env asks for ({@code -Xmx}, {@code
 * --max-old-space-size}, {@code stress --vm-bytes}) is reported too, and so is a stock data service
 * (PostgreSQL, MySQL, Elasticsearch, Kafka) given less than its shipped defaults need.
 */
@RuleSpec(
    id = "k8s/memory-limit-too-low",
    explains = {"runtime/oom-killed"},
    severity = Severity.HIGH,
    kind = FindingKind.ROOT_CAUSE,
    summary = "Memory limit is below what the container's runtime needs to serve",
    symptom = "OOMKilled (exit code 137) under load, then restarts and CrashLoopBackOff",
    fix = "Raise limits.memory above the measured peak (and at least the runtime's floor).",
    thresholds = {
      @RuleSpec.Threshold(name = "nodeMiB", value = 128, description = "floor for Node.js"),
      @RuleSpec.Threshold(name = "pythonMiB", value = 96, description = "floor for Python"),
      @RuleSpec.Threshold(name = "jvmMiB", value = 256, description = "floor for the JVM"),
      @RuleSpec.Threshold(name = "rubyMiB", value = 128, description = "floor for Ruby"),
      @RuleSpec.Threshold(name = "dotnetMiB", value = 128, description = "floor for .NET"),
      @RuleSpec.Threshold(name = "phpMiB", value = 64, description = "floor for PHP"),
      @RuleSpec.Threshold(name = "goMiB", value = 16, description = "floor for Go"),
      @RuleSpec.Threshold(name = "nginxMiB", value = 16, description = "floor for nginx"),
      @RuleSpec.Threshold(
          name = "postgresMiB",
          value = 128,
          description =
              "floor for PostgreSQL: shared_buffers defaults to 128MB (PostgreSQL docs, Resource"
                  + " Consumption)"),
      @RuleSpec.Threshold(
          name = "mysqlMiB",
          value = 256,
          description =
              "floor for MySQL/MariaDB: innodb_buffer_pool_size defaults to 128MB (MySQL and"
                  + " MariaDB docs) beside the server's own buffers"),
      @RuleSpec.Threshold(
          name = "searchMiB",
          value = 1024,
          description =
              "floor for Elasticsearch/OpenSearch: heap at most half the memory (Elastic docs,"
                  + " Heap size), 512m in OpenSearch's own Docker sample"),
      @RuleSpec.Threshold(
          name = "kafkaMiB",
          value = 1024,
          description =
              "floor for Kafka: kafka-server-start.sh sets -Xms1G -Xmx1G when KAFKA_HEAP_OPTS is"
                  + " unset"),
      @RuleSpec.Threshold(
          name = "zookeeperMiB",
          value = 256,
          description = "floor for ZooKeeper: a JVM service (the JVM floor; zkEnv.sh heap 1000MB)"),
    })
public final class MemoryLimitTooLow implements ContainerRule {

  @Override
  public void check(Workload workload, Container container, RuleContext ctx) {
    ResourceSpec.Value limit = container.resources().memoryLimit();
    if (limit == null) {
      return;
    }
    Dockerfile dockerfile =
        ctx.model()
            .imageSource(container)
            .map(ImageSource::dockerfile)
            .or(() -> templatedBuildOf(ctx.model(), container))
            .orElse(null);
    Stage image = dockerfile == null ? null : dockerfile.finalStage().orElse(null);
    List<StartScript> scripts = StartScript.of(ctx.model().details(StartScript.class), dockerfile);
    MemoryAsked asked = MemoryAsked.of(container, image, scripts).orElse(null);
    if (asked != null && limit.quantity().bytes() < asked.bytes()) {
      var finding =
          ctx.report(
                  limit.location(),
                  "limits.memory "
                      + limit.quantity()
                      + " is below the "
                      + Quantity.humanBytes(asked.bytes())
                      + " the container's own command asks for ("
                      + asked.flag()
                      + "): it is OOMKilled once it uses what it was told it may")
              .fix(fix(asked, limit.quantity().bytes()));
      MemoryAsked.writtenIn(image, asked.flag())
          .ifPresent(at -> finding.related(at, "the image asks for " + asked.flag()));
      scripts.stream()
          .filter(sc -> sc.command().contains(asked.flag()))
          .findFirst()
          .ifPresent(
              sc ->
                  finding.related(
                      sc.location(),
                      "the image runs the package.json script \""
                          + sc.name()
                          + "\": "
                          + sc.command()));
      return;
    }
    var service = StockServiceMemory.of(container).orElse(null);
    if (service != null && asked == null) {
      long floorMiB = ctx.threshold(service.threshold());
      if (limit.quantity().bytes() < floorMiB << 20) {
        ctx.report(
                limit.location(),
                "limits.memory "
                    + limit.quantity()
                    + " for "
                    + service.product()
                    + " ("
                    + container.image().nameAndTag()
                    + "), which needs at least "
                    + floorMiB
                    + "Mi as shipped: "
                    + service.why())
            .fix(
                "Raise limits.memory to at least "
                    + floorMiB
                    + "Mi, or tune "
                    + service.product()
                    + " down to fit it ("
                    + service.tune()
                    + "...).");
      }
      return;
    }
    var runtime = ctx.model().runtimeOf(container);
    if (runtime.isEmpty()) {
      return;
    }
    long floorMiB = ctx.threshold(threshold(runtime.get().runtime()));
    long floor = floorMiB << 20;
    long bytes = limit.quantity().bytes();
    if (bytes >= floor) {
      return;
    }
    Runtime r = runtime.get().runtime();
    ctx.report(
            limit.location(),
            "limits.memory "
                + limit.quantity()
                + " for a "
                + r.title()
                + " container; "
                + r.title()
                + " services need at least "
                + floorMiB
                + "Mi to serve")
        .related(runtime.get().location(), r.title() + " runtime: " + runtime.get().basis())
        .confidence(runtime.get().confidence())
        .fix(
            fix(
                MemoryAsked.of(container, image, scripts).orElse(null),
                Math.max(floor, bytes * 2)));
  }

  /**
   * The one Dockerfile that builds names written with a variable that can expand to this image
   * ({@code docker build -t "$CI_REGISTRY_IMAGE:1.3.0" .} for {@code
   * registry.gitlab.com/acme/quotes:1.3.0}): the image links to no Dockerfile by name, yet the tag
   * and the pipeline tie it to this one. Two candidate Dockerfiles leave it unknown.
   */
  private static Optional<Dockerfile> templatedBuildOf(SystemModel model, Container container) {
    if (container.image() == null) {
      return Optional.empty();
    }
    List<String> paths =
        model.buildsProducing(container.image()).stream()
            .filter(b -> b.image().isTemplated() && b.dockerfile() != null)
            .map(ImageBuild::dockerfile)
            .distinct()
            .toList();
    return paths.size() == 1 ? model.dockerfile(paths.get(0)) : Optional.empty();
  }

  /**
   * The raise, never below what the container's own command asks for (a heap of -Xmx768m needs a
   * limit above 768Mi: the runtime lives beside its heap).
   */
  private static String fix(MemoryAsked asked, long atLeast) {
    if (asked == null || asked.bytes() + asked.bytes() / 4 <= atLeast) {
      return "Raise limits.memory to at least "
          + Quantity.humanBytes(atLeast)
          + " (measure the peak under load and add headroom).";
    }
    long need = asked.bytes() + asked.bytes() / 4;
    long mib = (need + (1 << 20) - 1) >> 20;
    return "Raise limits.memory to at least "
        + Quantity.humanBytes(mib << 20)
        + ": the container asks for "
        + asked.flag()
        + ", and the runtime needs room beside it (measure the peak under load).";
  }

  private static String threshold(Runtime runtime) {
    return switch (runtime) {
      case NODE -> "nodeMiB";
      case PYTHON -> "pythonMiB";
      case JVM -> "jvmMiB";
      case RUBY -> "rubyMiB";
      case DOTNET -> "dotnetMiB";
      case PHP -> "phpMiB";
      case GO -> "goMiB";
      case NGINX -> "nginxMiB";
    };
  }
}
