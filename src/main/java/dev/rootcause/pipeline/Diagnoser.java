package dev.rootcause.pipeline;

import dev.rootcause.collect.cluster.ClusterReadException;
import dev.rootcause.collect.cluster.ClusterReader;
import dev.rootcause.collect.cluster.ClusterSpecs;
import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.collect.cluster.DumpWriter;
import dev.rootcause.collect.cluster.LiveClusterReader;
import dev.rootcause.model.ClusterLocation;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Layer;
import dev.rootcause.model.RuleInfo;
import dev.rootcause.model.ScanResult;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.Diagnosis;
import dev.rootcause.model.cluster.PodSnapshot;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.model.cluster.WorkloadStatus;
import dev.rootcause.rules.Rule;
import dev.rootcause.rules.RuleEngine;
import dev.rootcause.rules.RuleSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The diagnose use case: reads a cluster or a dump once (pods, their specs and owners, events,
 * Services and Endpoints, each container's last log), runs the {@code runtime/*} symptom rules on a
 * model holding that state through the same engine as {@code scan}, and returns a {@link
 * ScanResult} whose findings are ordered by blast radius. With a repository, the model also holds
 * what {@code scan} collects from it, the static rules run too, and {@link SymptomJoin} makes a
 * symptom and the static finding that explains it one finding at the line to fix.
 */
public final class Diagnoser {
  private final List<Rule> rules;
  private final Scanner scanner;

  /**
   * A diagnoser with the built-in rules, less the gate rules of {@code verify}: the runtime ones on
   * a cluster alone, all of them with a repository.
   */
  public Diagnoser() {
    this(
        BuiltInRules.all().stream()
            .filter(r -> !ClusterCriteria.GATE.contains(r.info().id()))
            .toList());
  }

  public Diagnoser(List<Rule> rules) {
    this(rules, new Scanner(rules));
  }

  /** A diagnoser reading a repository through this scanner (tests count what it reads). */
  Diagnoser(List<Rule> rules, Scanner scanner) {
    this.rules = List.copyOf(rules);
    this.scanner = scanner;
  }

  /**
   * A dump ({@code dump} non-null, dated {@code asOf} or by its pods file) or a live cluster
   * ({@code kubeconfig}/{@code context}, either null for the default); {@code namespace} null means
   * every namespace, and for a live cluster with {@code allNamespaces} false the context's one.
   */
  public record Source(
      Path dump,
      Instant asOf,
      Path kubeconfig,
      String context,
      String namespace,
      boolean allNamespaces,
      Duration timeout,
      Selection selection) {

    /** Everything read, nothing saved. */
    public Source(
        Path dump,
        Instant asOf,
        Path kubeconfig,
        String context,
        String namespace,
        boolean allNamespaces,
        Duration timeout) {
      this(dump, asOf, kubeconfig, context, namespace, allNamespaces, timeout, Selection.ALL);
    }
  }

  /**
   * What to diagnose of what is read, and where to save it.
   *
   * @param selector a label selector as {@code kubectl -l} takes it; null for every pod
   * @param target one object as {@code KIND/NAME} ({@code deploy/api}); null for all
   * @param saveDump a folder to write what was read to, redacted; null to save nothing
   * @param redact what masks secrets in the strings saved
   */
  public record Selection(
      String selector, String target, Path saveDump, UnaryOperator<String> redact) {
    public static final Selection ALL = new Selection(null, null, null, UnaryOperator.identity());
  }

  /**
   * Reads the source and diagnoses it against the repository at {@code repo} (null for none),
   * collected as {@code scan} collects it, with its {@code .rootcause.yaml}.
   *
   * @throws InputException the repository cannot be read
   */
  public Diagnosis diagnose(Source source, Path repo, Scanner.Options options)
      throws ClusterSourceException, InterruptedException, InputException, IOException {
    long started = System.nanoTime();
    // The repository is read (and checked) before the cluster, linked once the cluster is read.
    Scanner.Reading reading = repo == null ? null : scanner.read(repo, options);
    Selection selection = source.selection();
    Cluster read = read(source);
    try (ClusterSpecs specs = read.specs()) {
      ClusterState state =
          ClusterSelection.select(read.state(), selection.selector(), selection.target());
      boolean narrowed = selection.selector() != null || selection.target() != null;
      ScanResult result;
      if (reading == null) {
        result = diagnose(state, specs, narrowed, Duration.ofNanos(System.nanoTime() - started));
      } else {
        // The repository's copy of an object is the one to fix: the cluster's is left out.
        Scanner.Model both =
            scanner.link(
                reading,
                repository -> {
                  specs.without(at -> declares(repository, at));
                  return specs.files();
                });
        result = withRepository(state, both, specs, Set.copyOf(reading.paths()), narrowed, started);
      }
      return new Diagnosis(
          result, FirstScreen.of(state, result.findings()), state.objects().events());
    }
  }

  private static boolean declares(SystemModel repository, ClusterLocation at) {
    return repository.objects().stream()
        .anyMatch(
            o ->
                o.kind().equals(at.kind())
                    && o.name().equals(at.name())
                    && (o.namespace() == null || o.namespace().equals(at.namespace())));
  }

  private ScanResult withRepository(
      ClusterState state,
      Scanner.Model built,
      ClusterSpecs specs,
      Set<String> files,
      boolean narrowed,
      long started) {
    SpecLocations locations = new SpecLocations(specs);
    ScanResult result =
        diagnose(state, built.model(), built.settings(), locations, files, narrowed, Duration.ZERO);
    ScanResult.Inventory cluster = result.inventory();
    SystemModel model = built.model();
    ScanResult.Inventory both =
        new ScanResult.Inventory(
            built.collected().filesRead() - specs.files().size(),
            cluster.workloads(),
            cluster.services(),
            model.dockerfiles().size(),
            model.imageBuilds().size(),
            model.apps().size(),
            cluster.otherObjects());
    return withModelProblems(
        result, built, locations, both, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The result with what reading the model met first (the repository's, the specs' problems). */
  private static ScanResult withModelProblems(
      ScanResult result,
      Scanner.Model built,
      SpecLocations locations,
      ScanResult.Inventory inventory,
      Duration elapsed) {
    return new ScanResult(
        result.root(),
        result.findings(),
        result.suppressed(),
        concat(locations.problems(built.collected().problems()), result.problems()),
        result.ruleFailures(),
        result.rulesRun(),
        inventory,
        elapsed);
  }

  /**
   * Reads the source and diagnoses it.
   *
   * @throws ClusterSourceException the dump is not kubectl output, or the cluster did not answer
   *     within the timeout
   */
  public ScanResult diagnose(Source source)
      throws ClusterSourceException, InterruptedException, IOException {
    long started = System.nanoTime();
    Cluster read = read(source);
    try (ClusterSpecs specs = read.specs()) {
      return diagnose(read.state(), specs, false, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** What was read: the state, and the objects' own specs as manifests. */
  private record Cluster(ClusterState state, ClusterSpecs specs) {}

  private static Cluster read(Source source) throws ClusterSourceException, InterruptedException {
    ClusterReader reader = open(source);
    try {
      String namespace =
          source.namespace() != null
                  || source.allNamespaces()
                  || !(reader instanceof LiveClusterReader live)
              ? source.namespace()
              : live.defaultNamespace();
      // A dump is read as far as it goes; the timeout is for an API server that does not answer.
      Duration limit = source.dump() != null ? null : source.timeout();
      ClusterState state = within(limit, reader, () -> read(reader, namespace, source.selection()));
      Path save = source.selection().saveDump();
      if (save != null) {
        try {
          DumpWriter.save(reader, state.logs(), state.now(), save, source.selection().redact());
        } catch (IOException e) {
          throw new ClusterSourceException("--save-dump " + save + ": " + e.getMessage(), true);
        }
      }
      try {
        return new Cluster(state, ClusterSpecs.of(reader));
      } catch (IOException e) {
        throw new ClusterSourceException(
            "cannot write the cluster's objects to a temporary folder: " + e.getMessage(), false);
      }
    } finally {
      reader.close();
    }
  }

  /** Diagnoses a state already read: what the fixtures and the dump-versus-live test compare. */
  public ScanResult diagnose(ClusterState state, Duration elapsed) {
    List<Rule> runtime = rules.stream().filter(r -> r.info().layer() == Layer.RUNTIME).toList();
    RuleEngine.Outcome outcome =
        new RuleEngine(runtime, RuleSettings.DEFAULTS)
            .run(SystemModel.builder().cluster(state).build());
    return result(state, outcome, outcome.findings(), elapsed);
  }

  /**
   * Diagnoses a state and the cluster's own objects read as manifests: every rule runs, each static
   * finding points at the cluster object, and a symptom it explains becomes one finding. {@code
   * narrowed}: a selector or target left some pods out, so static findings are kept only on the
   * objects still selected.
   */
  public ScanResult diagnose(
      ClusterState state, ClusterSpecs specs, boolean narrowed, Duration elapsed)
      throws IOException {
    if (specs.files().isEmpty()) {
      return diagnose(state, elapsed);
    }
    Scanner.Model built = scanner.model(specs.files(), new Scanner.Options(null, Long.MAX_VALUE));
    SpecLocations locations = new SpecLocations(specs);
    ScanResult result =
        diagnose(state, built.model(), RuleSettings.DEFAULTS, locations, null, narrowed, elapsed);
    return withModelProblems(result, built, locations, result.inventory(), elapsed);
  }

  /**
   * Diagnoses a state against a repository's model: one model, one engine for the static and the
   * runtime rules, then each symptom joined to the static finding that explains it.
   */
  public ScanResult diagnose(
      ClusterState state, SystemModel repository, RuleSettings settings, Duration elapsed) {
    return diagnose(
        state,
        repository,
        settings,
        new SpecLocations(ClusterSpecs.none("")),
        null,
        false,
        elapsed);
  }

  private ScanResult diagnose(
      ClusterState state,
      SystemModel model,
      RuleSettings settings,
      SpecLocations locations,
      Set<String> files,
      boolean narrowed,
      Duration elapsed) {
    RuleEngine.Outcome outcome = new RuleEngine(rules, settings).run(model.withCluster(state));
    // A cluster's objects are read for what breaks it; hardening advice is scan's, on the
    // repository.
    List<Finding> found =
        locations.findings(outcome.findings()).stream()
            .filter(
                f ->
                    f.layer() == Layer.RUNTIME
                        || !(f.primary() instanceof ClusterLocation)
                        || f.kind() == FindingKind.ROOT_CAUSE)
            .toList();
    if (narrowed) {
      found = found.stream().filter(f -> selected(f, state)).toList();
    }
    List<RuleInfo> catalogue = rules.stream().map(Rule::info).toList();
    SymptomJoin join =
        files == null
            ? new SymptomJoin(catalogue, model)
            : new SymptomJoin(catalogue, model, files);
    List<Finding> joined = join.join(found, state);
    return result(state, outcome, joined, elapsed);
  }

  /**
   * A static finding on a cluster object is kept when a selection is made only if the object is one
   * selected: the owner of a selected pod, or a Service among those kept.
   */
  private static boolean selected(Finding f, ClusterState state) {
    if (f.layer() == Layer.RUNTIME || !(f.primary() instanceof ClusterLocation at)) {
      return true;
    }
    boolean owner =
        state.podGroups().stream()
            .anyMatch(
                g ->
                    g.owner().kind().equals(at.kind())
                        && g.owner().name().equals(at.name())
                        && java.util.Objects.equals(g.owner().namespace(), at.namespace()));
    return owner
        || state.objects().services().stream()
            .anyMatch(
                s ->
                    "Service".equals(at.kind())
                        && s.name().equals(at.name())
                        && s.namespace().equals(at.namespace()));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static ScanResult result(
      ClusterState state, RuleEngine.Outcome outcome, List<Finding> findings, Duration elapsed) {
    List<Finding> sorted = new ArrayList<>(findings);
    sorted.sort(
        Comparator.comparing(Finding::severity, Comparator.reverseOrder())
            .thenComparing(f -> blastRadius(f, state)));
    // Only the whole result shows which symptom another finding explains.
    List<Finding> ordered = Consequences.mark(state, sorted);
    List<CollectionProblem> problems = new ArrayList<>();
    state
        .objects()
        .damaged()
        .forEach(
            d ->
                problems.add(
                    CollectionProblem.skipped(
                        d.line() > 0
                            ? SourceLocation.of(d.path(), d.line())
                            : SourceLocation.file(d.path()),
                        d.why())));
    state.objects().notes().stream()
        .map(n -> CollectionProblem.note(SourceLocation.file(state.context()), n))
        .forEach(problems::add);
    int workloads = workloads(state);
    ScanResult.Inventory inventory =
        new ScanResult.Inventory(
            0, workloads, state.objects().services().size(), 0, 0, 0, state.pods().size());
    return new ScanResult(
        state.source(),
        ordered,
        outcome.suppressed(),
        problems,
        outcome.failures(),
        outcome.rulesRun(),
        inventory,
        elapsed);
  }

  /**
   * The objects a person fixes that were read: the owners of the pods, and the controllers read
   * beside them that own no pod (a Deployment whose ReplicaSet may not create one), less the
   * ReplicaSets a Deployment owns.
   */
  private static int workloads(ClusterState state) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    state
        .podGroups()
        .forEach(
            g -> seen.add(g.owner().kind() + "/" + g.owner().namespace() + "/" + g.owner().name()));
    for (WorkloadStatus w : state.objects().workloads()) {
      if (w.ownerKind() == null) {
        seen.add(w.kind() + "/" + w.namespace() + "/" + w.name());
      }
    }
    return seen.size();
  }

  /**
   * What breaks the user's path first comes first among findings of one severity: a Service reached
   * from outside, then other Services, then the workloads, then what the repository shows and the
   * cluster does not.
   */
  private static int blastRadius(Finding f, ClusterState state) {
    ClusterLocation at = FirstScreen.clusterObject(f);
    if (at == null) {
      return 3;
    }
    if (!"Service".equals(at.kind())) {
      return 2;
    }
    return state.objects().services().stream()
            .anyMatch(
                s ->
                    s.name().equals(at.name())
                        && s.namespace().equals(at.namespace())
                        && s.exposed())
        ? 0
        : 1;
  }

  /** Reads everything a diagnosis needs, once: the pods, their objects and their last logs. */
  public static ClusterState read(ClusterReader reader, String namespace)
      throws ClusterReadException {
    return read(reader, namespace, Selection.ALL);
  }

  /**
   * Reads what a diagnosis narrowed by {@code selection} needs. Pods and objects are listed whole
   * (a Service that selects nothing is judged against every pod), but logs, one API call a
   * container, are read only for the pods the selection keeps, and then for the pods behind the
   * Services those logs call, the one hop {@link ClusterSelection} follows.
   */
  static ClusterState read(ClusterReader reader, String namespace, Selection selection)
      throws ClusterReadException {
    List<PodState> pods = reader.pods(namespace);
    ClusterObjects objects = reader.objects(namespace);
    // After the objects: a dump may only know when it was taken from the events it holds.
    PodSnapshot look = new PodSnapshot(reader.now(), pods);
    if (selection.selector() == null && selection.target() == null) {
      return state(reader, namespace, look, reader.lastLogs(namespace), objects);
    }
    ClusterState bare = state(reader, namespace, look, List.of(), objects);
    Set<String> kept = keptPods(bare, selection);
    if (kept.isEmpty()) {
      // Nothing selected (or a bad selector, told when the diagnosis selects): no log to read.
      return bare;
    }
    List<ContainerLog> logs =
        new ArrayList<>(reader.lastLogs(namespace, (ns, pod) -> kept.contains(ns + "/" + pod)));
    Set<String> called = keptPods(state(reader, namespace, look, logs, objects), selection);
    called.removeAll(kept);
    if (!called.isEmpty()) {
      logs.addAll(reader.lastLogs(namespace, (ns, pod) -> called.contains(ns + "/" + pod)));
    }
    return state(reader, namespace, look, logs, objects);
  }

  private static Set<String> keptPods(ClusterState state, Selection selection) {
    try {
      Set<String> kept = new HashSet<>();
      ClusterSelection.select(state, selection.selector(), selection.target()).pods().stream()
          .forEach(p -> kept.add(p.namespace() + "/" + p.name()));
      return kept;
    } catch (InputException e) {
      return new HashSet<>();
    }
  }

  private static ClusterState state(
      ClusterReader reader,
      String namespace,
      PodSnapshot look,
      List<ContainerLog> logs,
      ClusterObjects objects) {
    return new ClusterState(
        reader.context(),
        reader.describe(),
        namespace,
        Duration.ZERO,
        false,
        List.of(look),
        Instant.EPOCH,
        logs,
        objects);
  }

  private static ClusterReader open(Source source) throws ClusterSourceException {
    try {
      return source.dump() != null
          ? DumpClusterReader.open(source.dump(), source.asOf())
          : LiveClusterReader.connect(source.kubeconfig(), source.context(), source.timeout());
    } catch (ClusterReadException e) {
      throw new ClusterSourceException(e.getMessage(), true);
    }
  }

  private interface Read {
    ClusterState get() throws ClusterReadException;
  }

  /** Reads on its own thread, so an API server that never answers is told within the timeout. */
  private static ClusterState within(Duration timeout, ClusterReader reader, Read read)
      throws ClusterSourceException, InterruptedException {
    CompletableFuture<ClusterState> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("rootcause-diagnose")
        .start(
            () -> {
              try {
                result.complete(read.get());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
    try {
      return timeout == null ? result.get() : result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new ClusterSourceException(
          "cannot read "
              + reader.describe()
              + ": no answer within "
              + timeout.toSeconds()
              + "s (--timeout)",
          false);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ClusterReadException cre) {
        throw new ClusterSourceException(cre.getMessage(), cre.badInput());
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
