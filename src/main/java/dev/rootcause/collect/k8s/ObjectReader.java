package dev.rootcause.collect.k8s;

import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.Sensitive;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.SystemModel;
import dev.rootcause.model.k8s.Autoscaler;
import dev.rootcause.model.k8s.ConfigData;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.ContainerPort;
import dev.rootcause.model.k8s.EnvFromSource;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.ImageRef;
import dev.rootcause.model.k8s.Ingress;
import dev.rootcause.model.k8s.LabelSelector;
import dev.rootcause.model.k8s.NetworkPolicy;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.PortRef;
import dev.rootcause.model.k8s.Probe;
import dev.rootcause.model.k8s.Quantity;
import dev.rootcause.model.k8s.ResourceSpec;
import dev.rootcause.model.k8s.SecuritySettings;
import dev.rootcause.model.k8s.Service;
import dev.rootcause.model.k8s.ServicePort;
import dev.rootcause.model.k8s.Workload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one Kubernetes object into model records, keeping the position of every field a rule may
 * cite. Whatever has a pod template is a workload, CRDs included (an Argo Rollout reads like a
 * Deployment). Fields of the wrong type are noted, not guessed.
 */
final class ObjectReader {
  private final Mapping object;
  private final int endLine;
  private final List<CollectionProblem> problems = new ArrayList<>();

  ObjectReader(Mapping object, int endLine) {
    this.object = object;
    this.endLine = endLine;
  }

  List<CollectionProblem> problems() {
    return problems;
  }

  void readInto(SystemModel.Builder model) {
    ObjectMeta meta = meta();
    model.object(meta);
    Mapping spec = object.map("spec").orElse(null);
    switch (meta.kind()) {
      case "Service" -> model.service(service(meta, spec));
      case "HorizontalPodAutoscaler" -> model.autoscaler(autoscaler(meta, spec));
      case "NetworkPolicy" -> model.networkPolicy(networkPolicy(meta, spec));
      case "ConfigMap" -> model.configData(configData(meta, false));
      case "Secret" -> model.configData(configData(meta, true));
      case "Ingress" -> model.ingress(ingress(meta, spec));
      default ->
          podTemplate(meta.kind(), spec).ifPresent(t -> model.workload(workload(meta, spec, t)));
    }
  }

  // ---- metadata ------------------------------------------------------------------------------

  ObjectMeta meta() {
    Mapping metadata = object.map("metadata").orElse(null);
    String name = metadata == null ? null : metadata.string("name");
    if (name == null) {
      name =
          metadata != null && metadata.string("generateName") != null
              ? metadata.string("generateName") + "*"
              : "(unnamed)";
    }
    return new ObjectMeta(
        object.string("apiVersion"),
        object.string("kind"),
        name,
        metadata == null ? null : metadata.string("namespace"),
        metadata == null ? Map.of() : metadata.stringMap("labels"),
        metadata == null ? Map.of() : annotations(metadata),
        object.location(),
        Math.max(endLine, object.location().line()));
  }

  /**
   * The annotations but {@code kubectl apply}'s copy of the whole object, which no rule reads and
   * which would carry every env value and Secret of the object once more.
   */
  private static Map<String, String> annotations(Mapping metadata) {
    Map<String, String> annotations = new LinkedHashMap<>(metadata.stringMap("annotations"));
    annotations.remove(LiveState.LAST_APPLIED);
    return annotations;
  }

  // ---- workloads -----------------------------------------------------------------------------

  /** The pod template of any kind that has one: Pod, spec.template, spec.jobTemplate... */
  static Optional<Mapping> podTemplate(String kind, Mapping spec) {
    if (spec == null) {
      return Optional.empty();
    }
    if (kind.equals("Pod")) {
      return spec.has("containers") ? Optional.of(wrapPod(spec)) : Optional.empty();
    }
    Optional<Mapping> template = spec.map("template");
    if (template.isEmpty()) {
      template = spec.path("jobTemplate", "spec", "template");
    }
    return template.filter(t -> t.path("spec").map(s -> s.has("containers")).orElse(false));
  }

  /** A bare Pod's spec, shaped like a template ({@code metadata} + {@code spec}). */
  private static Mapping wrapPod(Mapping podSpec) {
    LinkedHashMap<String, Mapping.Entry> entries = new LinkedHashMap<>();
    entries.put("spec", new Mapping.Entry("spec", podSpec.location(), podSpec));
    return new Mapping(entries, podSpec.location());
  }

  private Workload workload(ObjectMeta meta, Mapping spec, Mapping template) {
    Mapping podSpec = template.map("spec").orElseThrow();
    Map<String, String> podLabels =
        meta.kind().equals("Pod")
            ? meta.labels()
            : template.path("metadata").map(m -> m.stringMap("labels")).orElse(Map.of());
    SourceLocation labelsAt =
        meta.kind().equals("Pod")
            ? object.path("metadata").map(m -> m.locationOf("labels")).orElse(meta.location())
            : template
                .path("metadata")
                .map(m -> m.locationOf("labels"))
                .orElse(template.location());
    LabelSelector selector = spec.map("selector").map(this::selector).orElse(null);
    return new Workload(
        meta,
        spec.integer("replicas").orElse(null),
        selector,
        podLabels,
        labelsAt,
        containers(podSpec, "initContainers", true),
        containers(podSpec, "containers", false),
        security(podSpec.map("securityContext"), podSpec.locationOf("securityContext")),
        podSpec.location(),
        spec.has("replicas") ? spec.locationOf("replicas") : null,
        configMapVolumes(podSpec));
  }

  /** ConfigMaps mounted as files, directly or through a projected volume. */
  private List<String> configMapVolumes(Mapping podSpec) {
    List<String> names = new ArrayList<>();
    for (Mapping v : list(podSpec, "volumes")) {
      v.map("configMap").map(c -> c.string("name")).ifPresent(names::add);
      for (Mapping source : v.path("projected").map(p -> p.maps("sources")).orElse(List.of())) {
        source.map("configMap").map(c -> c.string("name")).ifPresent(names::add);
      }
    }
    return names;
  }

  private List<Container> containers(Mapping podSpec, String field, boolean init) {
    List<Container> out = new ArrayList<>();
    for (Mapping c : list(podSpec, field)) {
      out.add(container(c, init));
    }
    return out;
  }

  private Container container(Mapping c, boolean init) {
    String image = c.string("image");
    Optional<Scalar> imageNode = c.scalar("image");
    return new Container(
        Optional.ofNullable(c.string("name")).orElse("(unnamed)"),
        image == null ? null : ImageRef.parse(image, imageNode.get().location()),
        c.string("imagePullPolicy"),
        ports(c),
        env(c),
        envFrom(c),
        resources(c),
        probe(c, Probe.Kind.LIVENESS),
        probe(c, Probe.Kind.READINESS),
        probe(c, Probe.Kind.STARTUP),
        security(c.map("securityContext"), c.locationOf("securityContext")),
        c.strings("command"),
        c.strings("args"),
        init,
        c.location());
  }

  private List<ContainerPort> ports(Mapping c) {
    List<ContainerPort> out = new ArrayList<>();
    for (Mapping p : list(c, "ports")) {
      Optional<Integer> number = p.integer("containerPort");
      if (number.isEmpty()) {
        note(p.locationOf("containerPort"), "containerPort is missing or not a number");
        continue;
      }
      out.add(
          new ContainerPort(
              p.string("name"),
              number.get(),
              Optional.ofNullable(p.string("protocol")).orElse("TCP"),
              p.locationOf("containerPort")));
    }
    return out;
  }

  private List<EnvVar> env(Mapping c) {
    List<EnvVar> out = new ArrayList<>();
    for (Mapping e : list(c, "env")) {
      String name = e.string("name");
      if (name == null) {
        note(e.location(), "env entry without a name");
        continue;
      }
      Sensitive value =
          e.scalar("value").map(s -> Sensitive.of(s.value() == null ? "" : s.value())).orElse(null);
      EnvVar.ValueSource from = e.map("valueFrom").map(this::valueSource).orElse(null);
      out.add(new EnvVar(name, value, from, e.locationOf("name")));
    }
    return out;
  }

  private EnvVar.ValueSource valueSource(Mapping from) {
    Optional<Mapping> cm = from.map("configMapKeyRef");
    if (cm.isPresent()) {
      return new EnvVar.ValueSource(
          EnvVar.ValueSource.CONFIG_MAP,
          cm.get().string("name"),
          cm.get().string("key"),
          bool(cm.get(), "optional"));
    }
    Optional<Mapping> secret = from.map("secretKeyRef");
    if (secret.isPresent()) {
      return new EnvVar.ValueSource(
          EnvVar.ValueSource.SECRET,
          secret.get().string("name"),
          secret.get().string("key"),
          bool(secret.get(), "optional"));
    }
    Optional<Mapping> field = from.map("fieldRef");
    if (field.isPresent()) {
      return new EnvVar.ValueSource(
          EnvVar.ValueSource.FIELD, null, field.get().string("fieldPath"), false);
    }
    Optional<Mapping> resource = from.map("resourceFieldRef");
    return new EnvVar.ValueSource(
        EnvVar.ValueSource.RESOURCE,
        null,
        resource.map(r -> r.string("resource")).orElse(null),
        false);
  }

  private List<EnvFromSource> envFrom(Mapping c) {
    List<EnvFromSource> out = new ArrayList<>();
    for (Mapping e : list(c, "envFrom")) {
      String prefix = Optional.ofNullable(e.string("prefix")).orElse("");
      e.map("configMapRef")
          .ifPresent(
              r ->
                  out.add(
                      new EnvFromSource(
                          EnvVar.ValueSource.CONFIG_MAP,
                          r.string("name"),
                          prefix,
                          bool(r, "optional"),
                          e.location())));
      e.map("secretRef")
          .ifPresent(
              r ->
                  out.add(
                      new EnvFromSource(
                          EnvVar.ValueSource.SECRET,
                          r.string("name"),
                          prefix,
                          bool(r, "optional"),
                          e.location())));
    }
    return out;
  }

  private ResourceSpec resources(Mapping c) {
    Optional<Mapping> resources = c.map("resources");
    if (resources.isEmpty()) {
      return ResourceSpec.none();
    }
    Optional<Mapping> requests = resources.get().map("requests");
    Optional<Mapping> limits = resources.get().map("limits");
    return new ResourceSpec(
        quantity(requests, "cpu"),
        quantity(requests, "memory"),
        quantity(limits, "cpu"),
        quantity(limits, "memory"),
        c.locationOf("resources"));
  }

  private ResourceSpec.Value quantity(Optional<Mapping> section, String key) {
    if (section.isEmpty()) {
      return null;
    }
    Optional<Scalar> s = section.get().scalar(key);
    if (s.isEmpty() || s.get().value() == null) {
      return null;
    }
    try {
      return new ResourceSpec.Value(Quantity.parse(s.get().value()), section.get().locationOf(key));
    } catch (IllegalArgumentException e) {
      note(section.get().locationOf(key), e.getMessage());
      return null;
    }
  }

  private Probe probe(Mapping c, Probe.Kind kind) {
    Optional<Mapping> node = c.map(kind.field());
    if (node.isEmpty()) {
      return null;
    }
    Mapping p = node.get();
    Probe.Handler handler;
    Mapping target;
    if (p.has("httpGet")) {
      handler = Probe.Handler.HTTP_GET;
      target = p.map("httpGet").orElse(null);
    } else if (p.has("tcpSocket")) {
      handler = Probe.Handler.TCP_SOCKET;
      target = p.map("tcpSocket").orElse(null);
    } else if (p.has("grpc")) {
      handler = Probe.Handler.GRPC;
      target = p.map("grpc").orElse(null);
    } else {
      handler = Probe.Handler.EXEC;
      target = null;
    }
    PortRef port = target == null ? null : portRef(target, "port");
    return new Probe(
        kind,
        handler,
        port,
        target == null ? null : target.string("path"),
        p.integer("initialDelaySeconds").orElse(0),
        p.integer("periodSeconds").orElse(Probe.DEFAULT_PERIOD),
        p.integer("timeoutSeconds").orElse(Probe.DEFAULT_TIMEOUT),
        p.integer("failureThreshold").orElse(Probe.DEFAULT_FAILURE_THRESHOLD),
        c.locationOf(kind.field()),
        target == null ? null : target.locationOf("port"),
        target == null || !target.has("path") ? null : target.locationOf("path"),
        new Probe.Timing(
            at(p, "initialDelaySeconds"),
            at(p, "periodSeconds"),
            at(p, "timeoutSeconds"),
            at(p, "failureThreshold")));
  }

  private static SourceLocation at(Mapping m, String key) {
    return m.has(key) ? m.locationOf(key) : null;
  }

  private SecuritySettings security(Optional<Mapping> ctx, SourceLocation where) {
    if (ctx.isEmpty()) {
      return SecuritySettings.none();
    }
    Mapping m = ctx.get();
    Boolean nonRoot = m.scalar("runAsNonRoot").map(s -> "true".equals(s.value())).orElse(null);
    Long user = m.scalar("runAsUser").flatMap(Scalar::asInt).map(Integer::longValue).orElse(null);
    return new SecuritySettings(nonRoot, user, where);
  }

  // ---- networking ----------------------------------------------------------------------------

  private Service service(ObjectMeta meta, Mapping spec) {
    if (spec == null) {
      return new Service(meta, "ClusterIP", null, List.of());
    }
    LabelSelector selector =
        spec.has("selector")
            ? new LabelSelector(spec.stringMap("selector"), List.of(), spec.locationOf("selector"))
            : null;
    List<ServicePort> ports = new ArrayList<>();
    for (Mapping p : list(spec, "ports")) {
      Optional<Integer> port = p.integer("port");
      if (port.isEmpty()) {
        note(p.location(), "Service port without a numeric 'port'");
        continue;
      }
      boolean written = p.has("targetPort");
      PortRef target = written ? portRef(p, "targetPort") : PortRef.of(port.get());
      if (target == null) {
        target = PortRef.of(port.get());
      }
      ports.add(
          new ServicePort(
              p.string("name"),
              port.get(),
              target,
              written,
              p.locationOf("port"),
              written ? p.locationOf("targetPort") : p.locationOf("port")));
    }
    return new Service(
        meta,
        Optional.ofNullable(spec.string("type")).orElse("ClusterIP"),
        selector,
        ports,
        "None".equals(spec.string("clusterIP")));
  }

  private NetworkPolicy networkPolicy(ObjectMeta meta, Mapping spec) {
    if (spec == null) {
      return new NetworkPolicy(
          meta,
          new LabelSelector(Map.of(), List.of(), meta.location()),
          false,
          false,
          List.of(),
          List.of());
    }
    LabelSelector podSelector =
        spec.map("podSelector")
            .map(this::selector)
            .orElse(new LabelSelector(Map.of(), List.of(), spec.location()));
    List<String> types = spec.strings("policyTypes");
    boolean ingress = types.isEmpty() || types.contains("Ingress");
    boolean egress = types.contains("Egress") || types.isEmpty() && spec.has("egress");
    return new NetworkPolicy(
        meta,
        podSelector,
        ingress,
        egress,
        policyRules(spec, "ingress", "from"),
        policyRules(spec, "egress", "to"));
  }

  private List<NetworkPolicy.Rule> policyRules(Mapping spec, String field, String peersField) {
    List<NetworkPolicy.Rule> rules = new ArrayList<>();
    for (Mapping r : list(spec, field)) {
      List<NetworkPolicy.Peer> peers = new ArrayList<>();
      for (Mapping peer : r.maps(peersField)) {
        peers.add(
            new NetworkPolicy.Peer(
                peer.map("podSelector").map(this::selector).orElse(null),
                peer.map("namespaceSelector").map(this::selector).orElse(null),
                peer.path("ipBlock").map(b -> b.string("cidr")).orElse(null),
                peer.location()));
      }
      List<PortRef> ports = new ArrayList<>();
      for (Mapping p : r.maps("ports")) {
        PortRef ref = portRef(p, "port");
        if (ref == null || p.has("endPort")) {
          // No port means every port of the protocol, and a range is not one PortRef: reading the
          // rule as "any port" can only make the rules that judge it quieter, never wrong.
          ports.clear();
          break;
        }
        ports.add(ref);
      }
      rules.add(new NetworkPolicy.Rule(peers, ports, r.location()));
    }
    return rules;
  }

  private Ingress ingress(ObjectMeta meta, Mapping spec) {
    List<Ingress.Backend> backends = new ArrayList<>();
    if (spec != null) {
      spec.path("defaultBackend", "service").ifPresent(s -> backends.add(backend(s, "/")));
      for (Mapping rule : spec.maps("rules")) {
        for (Mapping path : rule.path("http").map(h -> h.maps("paths")).orElse(List.of())) {
          path.path("backend", "service")
              .ifPresent(s -> backends.add(backend(s, path.string("path"))));
        }
      }
    }
    return new Ingress(meta, backends);
  }

  private Ingress.Backend backend(Mapping service, String path) {
    PortRef port =
        service
            .map("port")
            .map(
                p ->
                    p.has("number")
                        ? portRef(p, "number")
                        : p.has("name") ? PortRef.named(p.string("name")) : null)
            .orElse(null);
    return new Ingress.Backend(service.string("name"), port, path, service.locationOf("name"));
  }

  // ---- autoscaling ---------------------------------------------------------------------------

  private Autoscaler autoscaler(ObjectMeta meta, Mapping spec) {
    if (spec == null) {
      return new Autoscaler(meta, null, null, meta.location(), null, 0, List.of());
    }
    Optional<Mapping> target = spec.map("scaleTargetRef");
    List<Autoscaler.Metric> metrics = new ArrayList<>();
    for (Mapping m : spec.maps("metrics")) {
      String type = m.string("type");
      String sectionName =
          type == null ? "resource" : Character.toLowerCase(type.charAt(0)) + type.substring(1);
      Mapping section = m.map(sectionName).orElse(m);
      Optional<Mapping> t = section.map("target");
      metrics.add(
          new Autoscaler.Metric(
              type,
              section.string("name") != null
                  ? section.string("name")
                  : section.path("metric").map(x -> x.string("name")).orElse(null),
              t.map(x -> x.string("type")).orElse(null),
              t.flatMap(x -> x.integer("averageUtilization")).orElse(null),
              t.flatMap(x -> x.scalar("averageValue"))
                  .map(Scalar::value)
                  .map(this::quietQuantity)
                  .orElse(null),
              t.map(x -> x.has("averageValue") ? x.locationOf("averageValue") : x.location())
                  .orElse(m.location())));
    }
    // autoscaling/v1: one CPU target as a percentage.
    spec.integer("targetCPUUtilizationPercentage")
        .ifPresent(
            p ->
                metrics.add(
                    new Autoscaler.Metric(
                        "Resource",
                        "cpu",
                        "Utilization",
                        p,
                        null,
                        spec.locationOf("targetCPUUtilizationPercentage"))));
    return new Autoscaler(
        meta,
        target.map(t -> t.string("kind")).orElse(null),
        target.map(t -> t.string("name")).orElse(null),
        target.map(t -> t.locationOf("name")).orElse(spec.location()),
        spec.integer("minReplicas").orElse(null),
        spec.integer("maxReplicas").orElse(0),
        metrics);
  }

  private Quantity quietQuantity(String raw) {
    try {
      return raw == null ? null : Quantity.parse(raw);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  // ---- config --------------------------------------------------------------------------------

  private ConfigData configData(ObjectMeta meta, boolean secret) {
    Map<String, ConfigData.Entry> entries = new LinkedHashMap<>();
    for (String section : secret ? List.of("data", "stringData") : List.of("data", "binaryData")) {
      object
          .map(section)
          .ifPresent(
              m ->
                  m.entries()
                      .forEach(
                          (k, e) -> {
                            String value = e.value() instanceof Scalar s ? s.value() : null;
                            if (secret && section.equals("data") && value != null) {
                              value = decodeBase64(value);
                            }
                            entries.put(
                                k,
                                new ConfigData.Entry(
                                    k, Sensitive.of(value == null ? "" : value), e.keyLocation()));
                          }));
    }
    return new ConfigData(meta, secret, entries);
  }

  private static String decodeBase64(String value) {
    try {
      return new String(Base64.getMimeDecoder().decode(value.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }

  // ---- shared field readers ------------------------------------------------------------------

  private LabelSelector selector(Mapping m) {
    List<LabelSelector.Requirement> expressions = new ArrayList<>();
    for (Mapping e : m.maps("matchExpressions")) {
      expressions.add(
          new LabelSelector.Requirement(
              e.string("key"),
              Optional.ofNullable(e.string("operator")).orElse("In"),
              e.strings("values")));
    }
    // A Service-style plain map is also accepted (matchLabels absent, labels at the top).
    Map<String, String> labels =
        m.has("matchLabels") || m.has("matchExpressions")
            ? m.stringMap("matchLabels")
            : plainLabels(m);
    return new LabelSelector(labels, expressions, m.location());
  }

  private static Map<String, String> plainLabels(Mapping m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.entries()
        .forEach(
            (k, e) -> {
              if (e.value() instanceof Scalar s && s.value() != null) {
                out.put(k, s.value());
              }
            });
    return out;
  }

  /** An IntOrString port field: digits are a number, anything else a port name. */
  private PortRef portRef(Mapping m, String key) {
    Optional<Scalar> s = m.scalar(key);
    if (s.isEmpty() || s.get().value() == null) {
      return null;
    }
    return s.get().asInt().map(PortRef::of).orElseGet(() -> PortRef.named(s.get().value()));
  }

  private static boolean bool(Mapping m, String key) {
    return "true".equals(m.string(key));
  }

  /** Items of a list field that are mappings; a field of another type is noted. */
  private List<Mapping> list(Mapping m, String key) {
    Optional<YamlNode> node = m.get(key);
    if (node.isEmpty() || node.get() instanceof Scalar s && s.isNull()) {
      return List.of();
    }
    if (!(node.get() instanceof YamlNode.Sequence)) {
      note(m.locationOf(key), "'" + key + "' should be a list; ignored");
      return List.of();
    }
    return m.maps(key);
  }

  private void note(SourceLocation where, String what) {
    problems.add(CollectionProblem.note(where, what));
  }
}
