package dev.rootcause.model;

import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.build.ImageBuild;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.compose.ComposeService;
import dev.rootcause.model.docker.ContainerPaths;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.docker.GoModule;
import dev.rootcause.model.docker.Stage;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.ConfigData;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.PortRef;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import dev.rootcause.model.pipeline.Pipeline;
import dev.rootcause.model.proxy.ProxyRoute;
import dev.rootcause.model.render.RenderFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The one model of the deployed system that every rule asks its question of: Kubernetes objects,
 * Dockerfiles, image builds, application facts, and the links between them. Shared queries (which
 * pods a Service selects, which port a targetPort resolves to, which Dockerfile builds an image)
 * live here, once.
 */
public final class SystemModel {
  private final List<Workload> workloads;
  private final List<Service> services;
  private final List<Autoscaler> autoscalers;
  private final List<NetworkPolicy> networkPolicies;
  private final List<ConfigData> configData;
  private final List<Ingress> ingresses;
  private final List<ObjectMeta> objects;
  private final List<Dockerfile> dockerfiles;
  private final List<GoModule> goModules;
  private final List<ImageBuild> imageBuilds;
  private final Map<ImageBuild, Integer> buildOrder = new IdentityHashMap<>();
  private final List<ImageBuild> templatedBuilds;
  private final Map<Class<?>, List<?>> detailsByType =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final List<AppFacts> apps;
  private final List<HostReference> hostReferences;
  private final List<Pipeline> pipelines;
  private final List<RenderFailure> renderFailures;
  private final Suppressions suppressions;
  private final ClusterState cluster;
  // The builder it was made from (not touched after build), so a copy can add a cluster's state.
  private final Builder facts;

  private final Map<String, List<Service>> servicesByName = new HashMap<>();
  private final Map<String, List<ImageBuild>> buildsByRepository = new HashMap<>();
  // Containers are keyed by identity: a record's hashCode would hash every field on each lookup.
  private final Map<Container, Optional<ImageSource>> imageSources = new IdentityHashMap<>();
  private final Map<String, List<Workload>> workloadsByLabel = new HashMap<>();
  private final Map<String, List<Workload>> workloadsByName = new HashMap<>();
  private final Map<String, List<ConfigData>> configByName = new HashMap<>();
  private final Map<String, Dockerfile> dockerfilesByPath = new HashMap<>();
  private final java.util.NavigableMap<String, AppFacts> appsByRoot = new java.util.TreeMap<>();
  private final Map<String, List<ObjectMeta>> objectsByKind = new HashMap<>();
  private final Map<String, List<Workload>> workloadsByNamespace;
  private final Map<String, List<Service>> servicesByNamespace;
  private final SelectorIndex<Service> serviceSelectors;
  private final SelectorIndex<NetworkPolicy> policySelectors;
  private final Map<String, List<Map.Entry<Workload, Container>>> containersByDockerfile =
      new HashMap<>();
  private final List<HostUse> hostUses;
  private final Map<String, GoModule> goModulesByDirectory = new HashMap<>();
  private final java.util.Set<AppFacts> packagedApps =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<ProxyRoute> proxyRoutes;
  private final List<ComposeService> composeServices;
  private final dev.rootcause.model.k8s.KubeFacts kube;

  private SystemModel(Builder b) {
    this.workloads = List.copyOf(b.workloads);
    this.services = List.copyOf(b.services);
    this.autoscalers = List.copyOf(b.autoscalers);
    this.networkPolicies = List.copyOf(b.networkPolicies);
    this.configData = List.copyOf(b.configData);
    this.ingresses = List.copyOf(b.ingresses);
    this.objects = List.copyOf(b.objects);
    this.dockerfiles =
        b.dockerfiles.stream().sorted(Comparator.comparing(Dockerfile::path)).toList();
    this.goModules =
        b.goModules.stream().sorted(Comparator.comparing(GoModule::directory)).toList();
    this.imageBuilds = List.copyOf(b.imageBuilds);
    this.templatedBuilds = imageBuilds.stream().filter(i -> i.image().isTemplated()).toList();
    this.apps = List.copyOf(b.apps);
    this.hostReferences = List.copyOf(b.hostReferences);
    this.pipelines = List.copyOf(b.pipelines);
    this.renderFailures = List.copyOf(b.renderFailures);
    this.suppressions = b.suppressions;
    this.cluster = b.cluster;
    this.facts = b;
    for (Service s : services) {
      servicesByName.computeIfAbsent(s.name(), n -> new ArrayList<>()).add(s);
    }
    for (Workload w : workloads) {
      workloadsByName.computeIfAbsent(w.name(), n -> new ArrayList<>()).add(w);
      w.podLabels()
          .forEach(
              (k, v) ->
                  workloadsByLabel
                      .computeIfAbsent(SelectorIndex.pair(k, v), p -> new ArrayList<>())
                      .add(w));
    }
    for (ConfigData c : configData) {
      configByName.computeIfAbsent(c.meta().name(), n -> new ArrayList<>()).add(c);
    }
    dockerfiles.forEach(d -> dockerfilesByPath.putIfAbsent(d.path(), d));
    goModules.forEach(
        m -> goModulesByDirectory.putIfAbsent(ContainerPaths.resolve("/", m.directory()), m));
    for (AppFacts a : apps) {
      appsByRoot.putIfAbsent(a.root(), a);
    }
    objects.forEach(o -> objectsByKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o));
    serviceSelectors =
        new SelectorIndex<>(
            services.stream().filter(Service::routesToPods).toList(), Service::selector);
    policySelectors = new SelectorIndex<>(networkPolicies, NetworkPolicy::podSelector);
    for (ImageBuild build : imageBuilds) {
      buildOrder.putIfAbsent(build, buildOrder.size());
      buildsByRepository
          .computeIfAbsent(build.image().normalizedRepository(), r -> new ArrayList<>())
          .add(build);
    }
    workloadsByNamespace = NamespaceIndex.of(workloads, Workload::meta);
    servicesByNamespace = NamespaceIndex.of(services, Service::meta);
    // The links, computed once here so the model is immutable and safe to share between threads.
    containers()
        .forEach(
            e -> {
              Optional<ImageSource> source = linkImage(e.getValue());
              imageSources.put(e.getValue(), source);
              source
                  .map(ImageSource::dockerfile)
                  .ifPresent(
                      d ->
                          containersByDockerfile
                              .computeIfAbsent(d.path(), p -> new ArrayList<>())
                              .add(e));
            });
    hostUses = List.copyOf(HostUses.of(this));
    dockerfiles.forEach(d -> appOf(d).ifPresent(packagedApps::add));
    proxyRoutes = List.copyOf(b.proxyRoutes);
    composeServices = List.copyOf(b.composeServices);
    kube = new dev.rootcause.model.k8s.KubeFacts(details(dev.rootcause.model.k8s.KubeFact.class));
  }

  /**
   * Facts of one type kept beside the lists above (a focused model class reads them, so this one
   * does not grow), in the order their files were merged.
   */
  @SuppressWarnings("unchecked") // each list holds only instances of its key
  public <T> List<T> details(Class<T> type) {
    // Rules ask per container: filtered once per type, not once per call.
    return (List<T>)
        detailsByType.computeIfAbsent(
            type, t -> facts.details.stream().filter(t::isInstance).map(t::cast).toList());
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Workload> workloads() {
    return workloads;
  }

  public List<Service> services() {
    return services;
  }

  public List<Autoscaler> autoscalers() {
    return autoscalers;
  }

  public List<NetworkPolicy> networkPolicies() {
    return networkPolicies;
  }

  public List<ConfigData> configData() {
    return configData;
  }

  public List<Ingress> ingresses() {
    return ingresses;
  }

  /**
   * Every Kubernetes object read, of any kind, including CRDs and kinds rootcause does not model.
   */
  public List<ObjectMeta> objects() {
    return objects;
  }

  public List<Dockerfile> dockerfiles() {
    return dockerfiles;
  }

  /** The {@code go.mod} files read, with their {@code go} directives. */
  public List<GoModule> goModules() {
    return goModules;
  }

  public List<ImageBuild> imageBuilds() {
    return imageBuilds;
  }

  public List<AppFacts> apps() {
    return apps;
  }

  public List<HostReference> hostReferences() {
    return hostReferences;
  }

  /** Every host a workload (or a config in a ConfigMap) is set up to reach; see {@link HostUse}. */
  public List<HostUse> hostUses() {
    return hostUses;
  }

  /** Delivery pipelines (CI/CD files) that build, test and deploy the system. */
  public List<Pipeline> pipelines() {
    return pipelines;
  }

  /** The paths reverse proxies (nginx locations) serve, and where they send them. */
  public List<ProxyRoute> proxyRoutes() {
    return proxyRoutes;
  }

  /** The services of the repository's docker-compose files. */
  public List<ComposeService> composeServices() {
    return composeServices;
  }

  /** Charts Helm would not render and overlays kustomize would not build. */
  public List<RenderFailure> renderFailures() {
    return renderFailures;
  }

  /** Rollouts, placement, budgets, quotas, limit ranges, nodes and HPA bounds. */
  public dev.rootcause.model.k8s.KubeFacts kube() {
    return kube;
  }

  public Suppressions suppressions() {
    return suppressions;
  }

  /**
   * This model with a cluster's live state beside the repository's facts: {@code diagnose --repo}
   * runs the static and the runtime rules over one model.
   */
  public SystemModel withCluster(ClusterState state) {
    Builder b = new Builder().addAll(facts);
    b.suppressions = suppressions;
    b.cluster = state;
    return b.build();
  }

  /** The live state of a cluster (or a dump of it), when one was read. */
  public Optional<ClusterState> cluster() {
    return Optional.ofNullable(cluster);
  }

  // ---- Kubernetes queries -------------------------------------------------------------------

  /** Workloads whose pod template labels the Service's selector matches, in its namespace. */
  public List<Workload> workloadsSelectedBy(Service service) {
    if (!service.routesToPods()) {
      return List.of();
    }
    return workloadsMatching(service.selector(), service.meta().namespace());
  }

  /**
   * Workloads that end up in {@code namespace}: those declaring it, and those declaring none (their
   * namespace is decided at apply time). A null namespace means any.
   */
  public List<Workload> workloadsIn(String namespace) {
    if (namespace == null) {
      return workloads;
    }
    return workloadsByNamespace.getOrDefault(namespace, workloadsByNamespace.get(""));
  }

  /** Services that end up in {@code namespace} (see {@link #workloadsIn}). */
  public List<Service> servicesIn(String namespace) {
    if (namespace == null) {
      return services;
    }
    return servicesByNamespace.getOrDefault(namespace, servicesByNamespace.get(""));
  }

  /** Workloads in {@code namespace} whose pod labels the selector matches (empty selector: all). */
  public List<Workload> workloadsMatching(LabelSelector selector, String namespace) {
    List<Workload> candidates = workloadsIn(namespace);
    for (Map.Entry<String, String> required : selector.matchLabels().entrySet()) {
      List<Workload> carrying =
          workloadsByLabel.getOrDefault(
              SelectorIndex.pair(required.getKey(), required.getValue()), List.of());
      if (carrying.size() < candidates.size()) {
        candidates = carrying;
      }
    }
    return candidates.stream()
        .filter(w -> w.meta().sameNamespace(namespace))
        .filter(w -> selector.matches(w.podLabels()))
        .toList();
  }

  /** Every object of this kind, in declaration order. */
  public List<ObjectMeta> objectsOfKind(String kind) {
    return objectsByKind.getOrDefault(kind, List.of());
  }

  /** Services whose selector matches this workload's pods. */
  public List<Service> servicesSelecting(Workload workload) {
    return serviceSelectors.candidates(workload.podLabels()).stream()
        .filter(s -> s.meta().sameNamespace(workload.meta()))
        .filter(s -> s.selector().matches(workload.podLabels()))
        .toList();
  }

  /** NetworkPolicies whose podSelector selects this workload's pods. */
  public List<NetworkPolicy> policiesSelecting(Workload workload) {
    return policySelectors.candidates(workload.podLabels()).stream()
        .filter(p -> p.meta().sameNamespace(workload.meta()))
        .filter(p -> p.podSelector().matches(workload.podLabels()))
        .toList();
  }

  /**
   * The port number a Service port's targetPort reaches in a container: the number itself, or the
   * number of the container port with that name. Empty when a name matches no container port.
   */
  public static OptionalInt targetPortNumber(ServicePort port, Container container) {
    PortRef target = port.targetPort();
    if (!target.isNamed()) {
      return OptionalInt.of(target.number());
    }
    return container.port(target).map(p -> OptionalInt.of(p.number())).orElse(OptionalInt.empty());
  }

  public Optional<Workload> workload(String kind, String namespace, String name) {
    return workloadsByName.getOrDefault(name, List.of()).stream()
        .filter(w -> w.kind().equalsIgnoreCase(kind))
        .filter(w -> w.meta().sameNamespace(namespace))
        .findFirst();
  }

  public Optional<ConfigData> config(boolean secret, String namespace, String name) {
    return configByName.getOrDefault(name, List.of()).stream()
        .filter(c -> c.secret() == secret)
        .filter(c -> c.meta().sameNamespace(namespace))
        .findFirst();
  }

  /** Whether {@code kind} objects are declared in this repository at all (any namespace). */
  public boolean declaresAny(String kind) {
    return objectsByKind.containsKey(kind);
  }

  /**
   * The Service a cluster DNS name resolves to, seen from {@code fromNamespace}: {@code svc},
   * {@code svc.ns}, {@code svc.ns.svc}, {@code svc.ns.svc.cluster.local}.
   */
  public Optional<Service> serviceForHost(String host, String fromNamespace) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    String[] parts = h.split("\\.");
    String name = parts[0];
    String namespace = parts.length >= 2 ? parts[1] : fromNamespace;
    return servicesByName.getOrDefault(name, List.of()).stream()
        .filter(s -> s.meta().sameNamespace(namespace))
        .findFirst();
  }

  /**
   * Whether a host could be an in-cluster Service name (no dots, or ends with a cluster suffix).
   */
  public static boolean looksLikeClusterHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.matches("[0-9.]+") || h.contains(":")) {
      return false;
    }
    return !h.contains(".") || h.endsWith(".svc") || h.endsWith(".svc.cluster.local");
  }

  // ---- Images and their sources -------------------------------------------------------------

  /** Builds, tags and imports in the repository that produce this repository name, any tag. */
  public List<ImageBuild> buildsOf(String repository) {
    String r = repository.startsWith("library/") ? repository.substring(8) : repository;
    return buildsByRepository.getOrDefault(r, List.of());
  }

  /**
   * Builds, tags, imports and pushes whose name is this image's, or templated and could expand to
   * it.
   */
  public List<ImageBuild> buildsProducing(ImageRef image) {
    String wanted = ImageNames.canonical(image);
    String untagged =
        image.effectiveTag().equals("latest") ? wanted.substring(0, wanted.lastIndexOf(':')) : null;
    // Only builds of the same repository or templated ones can: asked per container, not N x N.
    return Stream.concat(buildsOf(image.normalizedRepository()).stream(), templatedBuilds.stream())
        .distinct()
        .sorted(Comparator.comparingInt(buildOrder::get))
        .filter(
            b ->
                b.image().isTemplated()
                    ? ImageNames.templateMatches(b.image().raw(), wanted, untagged)
                    : ImageNames.canonical(b.image()).equals(wanted))
        .toList();
  }

  /**
   * The Dockerfile and builds behind a container's image, and how sure the link is. Empty when the
   * repository gives no reason to link this image to any of its Dockerfiles.
   */
  public Optional<ImageSource> imageSource(Container container) {
    Optional<ImageSource> linked = imageSources.get(container);
    return linked != null ? linked : linkImage(container);
  }

  private Optional<ImageSource> linkImage(Container container) {
    ImageRef image = container.image();
    if (image == null) {
      return Optional.empty();
    }
    List<ImageBuild> sameRepo = buildsOf(image.normalizedRepository());
    List<ImageBuild> exact =
        sameRepo.stream()
            .filter(b -> b.image().effectiveTag().equals(image.effectiveTag()))
            .toList();
    if (!exact.isEmpty()) {
      return Optional.of(
          new ImageSource(
              dockerfileOf(exact).orElse(null), exact, ImageSource.Basis.BUILT_AS_REFERENCED));
    }
    if (!sameRepo.isEmpty()) {
      return Optional.of(
          new ImageSource(
              dockerfileOf(sameRepo).orElse(null), sameRepo, ImageSource.Basis.SAME_REPOSITORY));
    }
    // An inferred link never contradicts the name the manifest gives: a public image is pulled,
    // not built from a Dockerfile that happens to sit in a folder of the container's name.
    if (image.registry() != null || WellKnownImages.isPublic(image)) {
      return Optional.empty();
    }
    String imageName = lastSegment(image.repository());
    List<Dockerfile> byFolder =
        dockerfiles.stream()
            .filter(d -> folderMatches(d.directory(), imageName, container.name()))
            .toList();
    if (byFolder.size() == 1) {
      return Optional.of(
          new ImageSource(byFolder.get(0), List.of(), ImageSource.Basis.FOLDER_NAME));
    }
    if (dockerfiles.size() == 1 && isOnlyLocalImage(image)) {
      return Optional.of(
          new ImageSource(dockerfiles.get(0), List.of(), ImageSource.Basis.ONLY_DOCKERFILE));
    }
    return Optional.empty();
  }

  private Optional<Dockerfile> dockerfileOf(List<ImageBuild> builds) {
    return builds.stream()
        .filter(b -> b.dockerfile() != null)
        .map(b -> dockerfile(b.dockerfile()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  public Optional<Dockerfile> dockerfile(String path) {
    return Optional.ofNullable(dockerfilesByPath.get(path));
  }

  /**
   * Whether this is the one image the repository's only Dockerfile can be building: the only local
   * name pulled, or, when sidecars pull other local names, the only one a pod's main (first)
   * container runs. A sidecar beside the app is the pulled one, not the one built here.
   */
  private boolean isOnlyLocalImage(ImageRef image) {
    if (WellKnownImages.isPublic(image)) {
      return false;
    }
    java.util.function.Predicate<ImageRef> local =
        i -> i != null && i.registry() == null && !WellKnownImages.isPublic(i);
    java.util.function.Predicate<ImageRef> same =
        i -> i.normalizedRepository().equals(image.normalizedRepository());
    if (workloads.stream()
        .flatMap(Workload::allContainers)
        .map(Container::image)
        .filter(local)
        .allMatch(same)) {
      return true;
    }
    List<ImageRef> mains =
        workloads.stream()
            .flatMap(w -> w.containers().stream().limit(1))
            .map(Container::image)
            .filter(local)
            .toList();
    return !mains.isEmpty() && mains.stream().allMatch(same);
  }

  private static boolean folderMatches(String directory, String imageName, String containerName) {
    String folder = lastSegment(directory);
    return !folder.isEmpty() && (folder.equals(imageName) || folder.equals(containerName));
  }

  private static String lastSegment(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** Whether some Dockerfile of the repository packages this application's code. */
  public boolean packaged(AppFacts app) {
    return packagedApps.contains(app);
  }

  /** The go.mod of a Dockerfile's folder, else of the nearest folder above it. */
  public Optional<GoModule> goModuleFor(Dockerfile dockerfile) {
    String dir = ContainerPaths.resolve("/", dockerfile.directory());
    while (dir != null) {
      GoModule module = goModulesByDirectory.get(dir);
      if (module != null || dir.equals("/")) {
        return Optional.ofNullable(module);
      }
      dir = ContainerPaths.parent(dir);
    }
    return Optional.empty();
  }

  /** The application facts for the code a Dockerfile packages: trees inside its folder. */
  public Optional<AppFacts> appOf(Dockerfile dockerfile) {
    String dir = dockerfile.directory();
    if (dir.isEmpty()) {
      return apps.stream().min(Comparator.comparingInt(a -> a.root().length()));
    }
    AppFacts exact = appsByRoot.get(dir);
    if (exact != null) {
      return Optional.of(exact);
    }
    // Trees below the Dockerfile's folder sort together right after "dir/".
    return appsByRoot.subMap(dir + "/", true, dir + "/\uffff", true).values().stream()
        .min(Comparator.comparingInt(a -> a.root().length()));
  }

  /**
   * Application facts for the code a container runs, through its image's Dockerfile; else code no
   * Dockerfile packages that a public runtime image runs in a container named like its folder (a
   * sidecar's script mounted into {@code python:3.12-slim}).
   */
  public Optional<AppFacts> appOf(Container container) {
    Optional<ImageSource> source = imageSource(container);
    if (source.isPresent()) {
      return source
          .map(ImageSource::dockerfile)
          .flatMap(d -> d == null ? Optional.empty() : appOf(d));
    }
    return unpackagedAppOf(container);
  }

  private Optional<AppFacts> unpackagedAppOf(Container container) {
    ImageRef image = container.image();
    Optional<Runtime> runtime =
        image == null || !WellKnownImages.isPublic(image)
            ? Optional.empty()
            : Runtime.ofImage(image.repository());
    if (runtime.isEmpty()) {
      return Optional.empty();
    }
    List<AppFacts> named =
        apps.stream()
            .filter(a -> !a.root().isEmpty() && lastSegment(a.root()).equals(container.name()))
            .filter(a -> runtimeOf(a.language()).equals(runtime))
            .filter(a -> dockerfiles.stream().noneMatch(d -> appOf(d).map(a::equals).orElse(false)))
            .toList();
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }

  private static Optional<Runtime> runtimeOf(AppFacts.Language language) {
    return switch (language) {
      case JAVASCRIPT, TYPESCRIPT -> Optional.of(Runtime.NODE);
      case PYTHON -> Optional.of(Runtime.PYTHON);
      case JAVA -> Optional.of(Runtime.JVM);
      case GO -> Optional.of(Runtime.GO);
    };
  }

  // ---- What runs inside a container -------------------------------------------------------

  /**
   * The port the container's process listens on, from the application code (resolved through the
   * container env, then the image ENV, then the code's default), else empty. Several listen sites
   * that disagree, or an env var with no known value, give empty: unknown is not wrong.
   */
  public Optional<ListenPort> listenPort(Workload workload, Container container) {
    Optional<ImageSource> source = imageSource(container);
    Optional<AppFacts> app = appOf(container);
    if (app.isEmpty() || app.get().listens().isEmpty()) {
      return Optional.empty();
    }
    // Code joined by its folder's name, not by an image build, is a likely link, not a certain one.
    Confidence confidence = source.map(ImageSource::confidence).orElse(Confidence.LIKELY);
    Dockerfile dockerfile = source.map(ImageSource::dockerfile).orElse(null);
    List<ListenPort> resolved = new ArrayList<>();
    for (AppFacts.ListenPort listen : app.get().listens()) {
      resolveListen(workload, container, dockerfile, listen, confidence).ifPresent(resolved::add);
    }
    if (resolved.size() != app.get().listens().size()) {
      return Optional.empty();
    }
    long distinct = resolved.stream().mapToInt(ListenPort::port).distinct().count();
    return distinct == 1 ? Optional.of(resolved.get(0)) : Optional.empty();
  }

  /**
   * The port the code a Dockerfile packages listens on when no workload runs the image (compose,
   * {@code docker run}): resolved through the image ENV, then the code's default; else empty.
   */
  public Optional<ListenPort> listenPort(Dockerfile dockerfile) {
    Optional<AppFacts> app = appOf(dockerfile);
    if (app.isEmpty() || app.get().listens().isEmpty()) {
      return Optional.empty();
    }
    List<ListenPort> resolved = new ArrayList<>();
    for (AppFacts.ListenPort listen : app.get().listens()) {
      resolveListen(null, null, dockerfile, listen, Confidence.LIKELY).ifPresent(resolved::add);
    }
    boolean agree =
        resolved.size() == app.get().listens().size()
            && resolved.stream().mapToInt(ListenPort::port).distinct().count() == 1;
    return agree ? Optional.of(resolved.get(0)) : Optional.empty();
  }

  /**
   * Resolves one listen site; a null container means the image runs as built, with no env added.
   */
  private Optional<ListenPort> resolveListen(
      Workload workload,
      Container container,
      Dockerfile dockerfile,
      AppFacts.ListenPort listen,
      Confidence confidence) {
    List<Evidence> steps = new ArrayList<>();
    if (listen.envVar() == null) {
      if (listen.port() == null) {
        return Optional.empty();
      }
      steps.add(new Evidence(listen.location(), "the app listens on " + listen.port()));
      return Optional.of(new ListenPort(listen.port(), confidence, steps));
    }
    String var = listen.envVar();
    steps.add(
        new Evidence(
            listen.location(),
            "the app listens on $"
                + var
                + (listen.port() == null ? "" : " (default " + listen.port() + ")")));
    Optional<EnvVar> env = container == null ? Optional.empty() : container.envVar(var);
    if (env.isPresent()) {
      Optional<Integer> value = envValue(workload, env.get()).flatMap(SystemModel::parsePort);
      if (value.isEmpty()) {
        return Optional.empty(); // set, but to something we cannot read: unknown
      }
      steps.add(new Evidence(env.get().location(), "env " + var + "=" + value.get()));
      return Optional.of(new ListenPort(value.get(), confidence, steps));
    }
    if (dockerfile != null) {
      Optional<Stage> stage = dockerfile.finalStage();
      if (stage.isPresent() && stage.get().env().containsKey(var)) {
        Optional<Integer> value = parsePort(stage.get().env().get(var));
        if (value.isEmpty()) {
          return Optional.empty();
        }
        SourceLocation envAt =
            stage.get().instructions().stream()
                .filter(i -> i.keyword().equals("ENV") && i.arguments().contains(var))
                .map(Stage.Instruction::location)
                .reduce((a, b) -> b)
                .orElse(stage.get().location());
        steps.add(new Evidence(envAt, "image ENV " + var + "=" + value.get()));
        return Optional.of(new ListenPort(value.get(), confidence, steps));
      }
    }
    if ((container == null || container.envFrom().isEmpty()) && listen.port() != null) {
      return Optional.of(new ListenPort(listen.port(), confidence, steps));
    }
    return Optional.empty(); // envFrom may set it, or no default: unknown
  }

  /** A literal env value, or the ConfigMap/Secret key it references when the repo declares it. */
  public Optional<String> envValue(Workload workload, EnvVar env) {
    if (env.value() != null) {
      return Optional.of(env.value().reveal());
    }
    EnvVar.ValueSource from = env.valueFrom();
    if (from == null || from.key() == null || from.objectName() == null) {
      return Optional.empty();
    }
    boolean secret = EnvVar.ValueSource.SECRET.equals(from.kind());
    if (!secret && !EnvVar.ValueSource.CONFIG_MAP.equals(from.kind())) {
      return Optional.empty();
    }
    return config(secret, workload.meta().namespace(), from.objectName())
        .map(c -> c.entries().get(from.key()))
        .map(e -> e.value().reveal());
  }

  /** A port number written as text ({@code " 8080"}), or empty when it is not one. */
  public static Optional<Integer> parsePort(String text) {
    try {
      int port = Integer.parseInt(text.trim());
      return port > 0 && port < 65536 ? Optional.of(port) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * The runtime in a container's image: from the image name, else the base of the Dockerfile that
   * builds it (following stage references), else the application's language.
   */
  public Optional<RuntimeEvidence> runtimeOf(Container container) {
    if (container.image() == null) {
      return Optional.empty();
    }
    Optional<Runtime> byName = Runtime.ofImage(container.image().repository());
    if (byName.isPresent()) {
      return Optional.of(
          new RuntimeEvidence(
              byName.get(),
              container.image().location(),
              "image " + container.image().raw(),
              Confidence.CERTAIN));
    }
    Optional<ImageSource> source = imageSource(container);
    if (source.isEmpty() || source.get().dockerfile() == null) {
      return Optional.empty();
    }
    Dockerfile dockerfile = source.get().dockerfile();
    Optional<Stage> stage = dockerfile.finalStage();
    for (int hops = 0; stage.isPresent() && hops < dockerfile.stages().size(); hops++) {
      String base = stage.get().baseImage();
      Optional<Stage> parent = dockerfile.stage(base);
      if (parent.isPresent() && parent.get().index() < stage.get().index()) {
        stage = parent;
        continue;
      }
      Optional<Runtime> runtime = Runtime.ofImage(ImageRef.parse(base, null).repository());
      if (runtime.isPresent()) {
        return Optional.of(
            new RuntimeEvidence(
                runtime.get(), stage.get().location(), "FROM " + base, source.get().confidence()));
      }
      break;
    }
    return appOf(container)
        .flatMap(
            app ->
                switch (app.language()) {
                  case JAVASCRIPT, TYPESCRIPT -> Optional.of(Runtime.NODE);
                  case PYTHON -> Optional.of(Runtime.PYTHON);
                  case JAVA -> Optional.of(Runtime.JVM);
                  case GO ->
                      Optional.<Runtime>empty(); // a Go binary's floor is tiny: nothing to judge
                })
        .map(
            r ->
                new RuntimeEvidence(
                    r,
                    dockerfile.location(),
                    "application code in " + appOf(container).orElseThrow().root(),
                    Confidence.LIKELY));
  }

  /** A runtime and the location that shows it. */
  public record RuntimeEvidence(
      Runtime runtime, Location location, String basis, Confidence confidence)
      implements java.io.Serializable {}

  /** The (workload, container) pairs whose image links to this Dockerfile, init containers too. */
  public List<Map.Entry<Workload, Container>> containersRunning(Dockerfile dockerfile) {
    return containersByDockerfile.getOrDefault(dockerfile.path(), List.of());
  }

  /** Every (workload, container) pair, init containers included. */
  public Stream<Map.Entry<Workload, Container>> containers() {
    return workloads.stream().flatMap(w -> w.allContainers().map(c -> Map.entry(w, c)));
  }

  /** Accumulates facts from collectors; {@link #build()} freezes them and computes the links. */
  public static final class Builder implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private final List<Workload> workloads = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<Autoscaler> autoscalers = new ArrayList<>();
    private final List<NetworkPolicy> networkPolicies = new ArrayList<>();
    private final List<ConfigData> configData = new ArrayList<>();
    private final List<Ingress> ingresses = new ArrayList<>();
    private final List<ObjectMeta> objects = new ArrayList<>();
    private final List<Dockerfile> dockerfiles = new ArrayList<>();
    private final List<GoModule> goModules = new ArrayList<>();
    private final List<ImageBuild> imageBuilds = new ArrayList<>();
    private final List<AppFacts> apps = new ArrayList<>();
    private final List<HostReference> hostReferences = new ArrayList<>();
    private final List<Pipeline> pipelines = new ArrayList<>();
    private final List<ProxyRoute> proxyRoutes = new ArrayList<>();
    private final List<ComposeService> composeServices = new ArrayList<>();
    private final List<java.io.Serializable> details = new ArrayList<>();
    private final List<RenderFailure> renderFailures = new ArrayList<>();
    // Set once, on the merged builder of the whole tree; per-file builders never hold one.
    private transient Suppressions suppressions;
    private ClusterState cluster;

    public synchronized Builder workload(Workload w) {
      workloads.add(w);
      return this;
    }

    public synchronized Builder service(Service s) {
      services.add(s);
      return this;
    }

    public synchronized Builder autoscaler(Autoscaler a) {
      autoscalers.add(a);
      return this;
    }

    public synchronized Builder networkPolicy(NetworkPolicy p) {
      networkPolicies.add(p);
      return this;
    }

    public synchronized Builder configData(ConfigData c) {
      configData.add(c);
      return this;
    }

    public synchronized Builder ingress(Ingress i) {
      ingresses.add(i);
      return this;
    }

    public synchronized Builder object(ObjectMeta o) {
      objects.add(o);
      return this;
    }

    public synchronized Builder dockerfile(Dockerfile d) {
      dockerfiles.add(d);
      return this;
    }

    public synchronized Builder goModule(GoModule m) {
      goModules.add(m);
      return this;
    }

    /** The Dockerfiles collected so far: code collectors join sources to images in finish(). */
    public synchronized List<Dockerfile> dockerfiles() {
      return List.copyOf(dockerfiles);
    }

    public synchronized Builder imageBuild(ImageBuild b) {
      imageBuilds.add(b);
      return this;
    }

    public synchronized Builder app(AppFacts a) {
      apps.add(a);
      return this;
    }

    public synchronized Builder hostReference(HostReference h) {
      hostReferences.add(h);
      return this;
    }

    public synchronized Builder pipeline(Pipeline p) {
      pipelines.add(p);
      return this;
    }

    public synchronized Builder proxyRoute(ProxyRoute r) {
      proxyRoutes.add(r);
      return this;
    }

    public synchronized Builder composeService(ComposeService c) {
      composeServices.add(c);
      return this;
    }

    public synchronized Builder renderFailure(RenderFailure f) {
      renderFailures.add(f);
      return this;
    }

    public synchronized Builder cluster(ClusterState c) {
      cluster = c;
      return this;
    }

    /** A fact of a kind this model has no list for, read back with {@link #details}. */
    public synchronized Builder detail(java.io.Serializable d) {
      details.add(d);
      return this;
    }

    public synchronized Builder suppressions(Suppressions s) {
      suppressions = s;
      return this;
    }

    /** Adds every fact another builder holds (one file's facts into the whole system's). */
    public synchronized Builder addAll(Builder other) {
      synchronized (other) {
        workloads.addAll(other.workloads);
        services.addAll(other.services);
        autoscalers.addAll(other.autoscalers);
        networkPolicies.addAll(other.networkPolicies);
        configData.addAll(other.configData);
        ingresses.addAll(other.ingresses);
        objects.addAll(other.objects);
        dockerfiles.addAll(other.dockerfiles);
        goModules.addAll(other.goModules);
        imageBuilds.addAll(other.imageBuilds);
        apps.addAll(other.apps);
        hostReferences.addAll(other.hostReferences);
        pipelines.addAll(other.pipelines);
        proxyRoutes.addAll(other.proxyRoutes);
        composeServices.addAll(other.composeServices);
        details.addAll(other.details);
        renderFailures.addAll(other.renderFailures);
      }
      return this;
    }

    /** Freezes the facts in a stable order (collectors run in parallel). */
    public synchronized SystemModel build() {
      Comparator<ObjectMeta> byLocation =
          Comparator.comparing(ObjectMeta::location, SourceLocation.ORDER);
      workloads.sort(Comparator.comparing(Workload::meta, byLocation));
      services.sort(Comparator.comparing(Service::meta, byLocation));
      autoscalers.sort(Comparator.comparing(Autoscaler::meta, byLocation));
      networkPolicies.sort(Comparator.comparing(NetworkPolicy::meta, byLocation));
      configData.sort(Comparator.comparing(ConfigData::meta, byLocation));
      ingresses.sort(Comparator.comparing(Ingress::meta, byLocation));
      objects.sort(byLocation);
      imageBuilds.sort(Comparator.comparing(ImageBuild::location, SourceLocation.ORDER));
      apps.sort(Comparator.comparing(AppFacts::root));
      hostReferences.sort(Comparator.comparing(HostReference::location, SourceLocation.ORDER));
      pipelines.sort(Comparator.comparing(Pipeline::path));
      composeServices.sort(Comparator.comparing(ComposeService::location, SourceLocation.ORDER));
      proxyRoutes.sort(Comparator.comparing(ProxyRoute::location, SourceLocation.ORDER));
      if (suppressions == null) {
        suppressions = Suppressions.NONE;
      }
      return new SystemModel(this);
    }
  }
}
