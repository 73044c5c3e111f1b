package dev.rootcause.model;

import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.docker.Dockerfile;
import dev.rootcause.model.k8s.ConfigData;
import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvFromSource;
import dev.rootcause.model.k8s.EnvVar;
import dev.rootcause.model.k8s.ObjectMeta;
import dev.rootcause.model.k8s.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the hosts each workload is set up to reach: URLs and host:port values in its containers'
 * env (literal, or from ConfigMap/Secret keys the repository declares), URL literals in its code,
 * and nginx configs shipped beside its image's Dockerfile or in a ConfigMap. Values are only looked
 * into here; what leaves is a host and a port, never the value (it may hold a password).
 */
final class HostUses {
  private HostUses() {}

  /** A host and port found in a value; {@code port} null when neither written nor implied. */
  record Endpoint(String host, Integer port) implements java.io.Serializable {}

  /** Schemes of network protocols, with the port a URL without one connects to. */
  private static final Map<String, Integer> SCHEMES =
      Map.ofEntries(
          Map.entry("http", 80),
          Map.entry("https", 443),
          Map.entry("ws", 80),
          Map.entry("wss", 443),
          Map.entry("grpc", -1),
          Map.entry("grpcs", -1),
          Map.entry("tcp", -1),
          Map.entry("h2c", 80),
          Map.entry("postgres", 5432),
          Map.entry("postgresql", 5432),
          Map.entry("mysql", 3306),
          Map.entry("mariadb", 3306),
          Map.entry("redis", 6379),
          Map.entry("rediss", 6379),
          Map.entry("mongodb", 27017),
          Map.entry("amqp", 5672),
          Map.entry("amqps", 5671),
          Map.entry("nats", 4222),
          Map.entry("mqtt", 1883),
          Map.entry("mqtts", 8883),
          Map.entry("kafka", -1),
          Map.entry("memcached", 11211),
          Map.entry("sqlserver", 1433),
          Map.entry("clickhouse", -1),
          Map.entry("cassandra", 9042));

  private static final Pattern URL =
      Pattern.compile("(?i)(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*)://([^\\s/?#\"'<>;]*)([^\\s\"'<>]*)");
  private static final Pattern HOST_PORT =
      Pattern.compile("[A-Za-z][A-Za-z0-9-]*(?:\\.[A-Za-z0-9-]+)*:[0-9]{1,5}");
  private static final Pattern HOST =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?");

  /** Env names whose value is a host without a port ({@code REDIS_HOST=redis}). */
  private static final Pattern HOST_NAME =
      Pattern.compile(".*(_HOST|_HOSTNAME|_HOSTS|_ADDR|_ADDRESS|_SERVER|_SERVERS)");

  /** Env names about the process itself or its browsers, not about whom it calls. */
  private static final Pattern NOT_A_CALL =
      Pattern.compile(
          ".*(ALLOWED|ORIGIN|CORS|PUBLIC|EXTERNAL|CALLBACK|REDIRECT|VIRTUAL|TRUSTED|BIND"
              + "|LISTEN|SELF|ADVERTISE|NO_PROXY|HOMEPAGE|WEBSITE).*");

  static List<HostUse> of(SystemModel model) {
    List<HostUse> out = new ArrayList<>();
    for (Workload w : model.workloads()) {
      for (Container c : w.allContainers().toList()) {
        envUses(model, w, c, out);
        codeUses(model, w, c, out);
      }
    }
    for (HostReference ref : model.hostReferences()) {
      fileUses(model, ref, out);
    }
    return out;
  }

  private static void envUses(SystemModel model, Workload w, Container c, List<HostUse> out) {
    String ns = w.meta().namespace();
    for (EnvVar env : c.env()) {
      if (env.value() != null) {
        for (Endpoint e : parse(env.name(), env.value().reveal())) {
          out.add(use(w, c, e, "env " + env.name(), env.location(), List.of(), Confidence.CERTAIN));
        }
        continue;
      }
      EnvVar.ValueSource from = env.valueFrom();
      if (from == null || from.objectName() == null || from.key() == null) {
        continue;
      }
      boolean secret = EnvVar.ValueSource.SECRET.equals(from.kind());
      if (!secret && !EnvVar.ValueSource.CONFIG_MAP.equals(from.kind())) {
        continue;
      }
      Optional<ConfigData.Entry> entry =
          model.config(secret, ns, from.objectName()).map(d -> d.entries().get(from.key()));
      if (entry.isEmpty()) {
        continue;
      }
      String source = from.kind() + " " + from.objectName() + " key " + from.key();
      for (Endpoint e : parse(env.name(), entry.get().value().reveal())) {
        out.add(
            use(
                w,
                c,
                e,
                "env " + env.name() + " (" + source + ")",
                entry.get().location(),
                List.of(new Evidence(env.location(), "env " + env.name() + " reads " + source)),
                Confidence.CERTAIN));
      }
    }
    Set<String> explicit = c.env().stream().map(EnvVar::name).collect(Collectors.toSet());
    for (EnvFromSource from : c.envFrom()) {
      boolean secret = EnvVar.ValueSource.SECRET.equals(from.kind());
      Optional<ConfigData> data =
          from.objectName() == null
              ? Optional.empty()
              : model.config(secret, ns, from.objectName());
      if (data.isEmpty()) {
        continue;
      }
      String source = from.kind() + " " + from.objectName();
      for (ConfigData.Entry entry : new TreeMap<>(data.get().entries()).values()) {
        String name = from.prefix() + entry.key();
        if (explicit.contains(name)) {
          continue; // an explicit env entry wins over envFrom
        }
        for (Endpoint e : parse(name, entry.value().reveal())) {
          out.add(
              use(
                  w,
                  c,
                  e,
                  "env " + name + " (envFrom " + source + ")",
                  entry.location(),
                  List.of(new Evidence(from.location(), "envFrom " + source)),
                  Confidence.CERTAIN));
        }
      }
    }
  }

  private static void codeUses(SystemModel model, Workload w, Container c, List<HostUse> out) {
    Optional<AppFacts> app = model.appOf(c);
    if (app.isEmpty()) {
      return;
    }
    Confidence confidence =
        model.imageSource(c).map(ImageSource::confidence).orElse(Confidence.LIKELY);
    for (AppFacts.OutboundCall call : app.get().outboundCalls()) {
      if (call.url() == null || call.envVar() != null) {
        continue; // a literal beside an env var is its default, overridden when the env is set
      }
      for (Endpoint e : parse("", call.url())) {
        out.add(use(w, c, e, "URL in code", call.location(), List.of(), confidence));
      }
    }
  }

  private static void fileUses(SystemModel model, HostReference ref, List<HostUse> out) {
    Optional<ObjectMeta> configMap =
        model.objects().stream()
            .filter(o -> o.kind().equals("ConfigMap") && o.encloses(ref.location()))
            .findFirst();
    if (configMap.isPresent()) {
      ObjectMeta cm = configMap.get();
      List<Workload> mounting =
          model.workloads().stream()
              .filter(w -> w.meta().sameNamespace(cm) && w.configMapVolumes().contains(cm.name()))
              .toList();
      for (Workload w : mounting) {
        out.add(
            new HostUse(
                w,
                null,
                w.meta().namespace(),
                ref,
                List.of(
                    new Evidence(
                        w.podSpecLocation(),
                        w.meta().displayName() + " mounts ConfigMap " + cm.name())),
                Confidence.CERTAIN));
      }
      if (mounting.isEmpty()) {
        out.add(new HostUse(null, null, cm.namespace(), ref, List.of(), Confidence.CERTAIN));
      }
      return;
    }
    String path = ref.location().path();
    for (Workload w : model.workloads()) {
      for (Container c : w.containers()) {
        link(model, path, w, c)
            .ifPresent(
                why ->
                    out.add(
                        new HostUse(
                            w, c, w.meta().namespace(), ref, List.of(why), Confidence.LIKELY)));
      }
    }
  }

  /**
   * Why a config file ships with a container: beside its Dockerfile, or in a folder named like it.
   */
  private static Optional<Evidence> link(SystemModel model, String path, Workload w, Container c) {
    Optional<Dockerfile> dockerfile = model.imageSource(c).map(ImageSource::dockerfile);
    if (dockerfile.isPresent() && dockerfile.get() != null) {
      String dir = dockerfile.get().directory();
      if (dir.isEmpty() ? !path.contains("/") : path.startsWith(dir + "/")) {
        return Optional.of(
            new Evidence(
                dockerfile.get().location(),
                "container " + c.name() + " runs the image built from " + dockerfile.get().path()));
      }
      return Optional.empty();
    }
    if (c.image() == null) {
      return Optional.empty();
    }
    String repository = c.image().repository();
    String imageName = repository.substring(repository.lastIndexOf('/') + 1);
    String[] folders = path.split("/");
    for (int i = folders.length - 2; i >= 0; i--) {
      String folder = folders[i];
      if (folder.equals(imageName) || folder.equals(c.name()) || folder.equals(w.name())) {
        return Optional.of(
            new Evidence(
                c.image().location(),
                "image "
                    + c.image().raw()
                    + " of container "
                    + c.name()
                    + ", named like the folder "
                    + folder
                    + "/"));
      }
    }
    return Optional.empty();
  }

  private static HostUse use(
      Workload w,
      Container c,
      Endpoint e,
      String via,
      SourceLocation at,
      List<Evidence> trail,
      Confidence confidence) {
    return new HostUse(
        w,
        c,
        w.meta().namespace(),
        new HostReference(e.host(), e.port(), via, at),
        trail,
        confidence);
  }

  /**
   * The endpoints in one value: every URL of a network scheme, a {@code host:port} (or a comma list
   * of them), or a bare host when {@code name} says the value is one ({@code REDIS_HOST}). Values
   * with {@code $} are expanded at run time and skipped.
   */
  static List<Endpoint> parse(String name, String value) {
    String upper = name.toUpperCase(Locale.ROOT);
    if (value == null
        || value.isBlank()
        || value.contains("$")
        || value.contains("{{")
        || NOT_A_CALL.matcher(upper).matches()) {
      return List.of();
    }
    List<Endpoint> out = new ArrayList<>();
    Matcher url = URL.matcher(value);
    boolean anyUrl = false;
    while (url.find()) {
      anyUrl = true;
      Integer defaultPort = SCHEMES.get(url.group(1).toLowerCase(Locale.ROOT));
      if (defaultPort == null || url.group(3).contains("@")) {
        // Not a network scheme; or an '@' after the authority, which means a password holding
        // '/', '?' or '#': where the host starts is then a guess, and a wrong guess prints secrets.
        continue;
      }
      String authority = url.group(2);
      authority = authority.substring(authority.lastIndexOf('@') + 1);
      for (String hostPort : authority.split(",")) {
        endpoint(hostPort, defaultPort < 0 ? null : defaultPort).ifPresent(out::add);
      }
    }
    if (anyUrl || name.isEmpty()) {
      return out;
    }
    String trimmed = value.trim();
    for (String item : trimmed.split("\\s*,\\s*")) {
      if (HOST_PORT.matcher(item).matches()) {
        endpoint(item, null).ifPresent(out::add);
      } else if (HOST_NAME.matcher(upper).matches()
          && HOST.matcher(item.toLowerCase(Locale.ROOT)).matches()) {
        endpoint(item, null).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<Endpoint> endpoint(String hostPort, Integer defaultPort) {
    if (hostPort.isEmpty() || hostPort.startsWith("[")) {
      return Optional.empty(); // IPv6 literal: not a name
    }
    String host = hostPort;
    Integer port = defaultPort;
    int colon = hostPort.lastIndexOf(':');
    if (colon >= 0) {
      host = hostPort.substring(0, colon);
      String digits = hostPort.substring(colon + 1);
      if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
        return Optional.empty();
      }
      port = Integer.parseInt(digits);
      if (port < 1 || port > 65535) {
        return Optional.empty();
      }
    }
    host = host.toLowerCase(Locale.ROOT);
    return HOST.matcher(host).matches() ? Optional.of(new Endpoint(host, port)) : Optional.empty();
  }
}
