package dev.rootcause.collect.pipeline;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.YamlCollector;
import dev.rootcause.collect.yaml.YamlDocument;
import dev.rootcause.collect.yaml.YamlNode;
import dev.rootcause.collect.yaml.YamlNode.Mapping;
import dev.rootcause.collect.yaml.YamlNode.Scalar;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.compose.ComposeService;
import dev.rootcause.model.compose.ComposeService.LoopbackCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the services of docker-compose files into {@link ComposeService}s: the ports each serves,
 * whether it shares another network namespace, and the env values that address the loopback
 * interface ({@code http://localhost:8000}), which inside a container is the container itself.
 */
public final class ComposeServicesCollector implements YamlCollector {

  @Override
  public void collect(SourceFile file, List<YamlDocument> documents, Facts facts) {
    for (YamlDocument doc : documents) {
      if (!(doc.root() instanceof Mapping root)
          || root.has("apiVersion")
          || root.has("kind")
          || root.has("jobs")
          || root.map("services").isEmpty()) {
        continue;
      }
      for (Mapping.Entry entry : root.map("services").orElseThrow().entries().values()) {
        if (entry.value() instanceof Mapping service
            && (service.has("image") || service.has("build"))) {
          facts.model().composeService(read(file, entry, service, facts));
          facts.model().detail(ComposeEnvReader.read(file, entry.key(), service, facts));
        }
      }
    }
  }

  private static ComposeService read(
      SourceFile file, Mapping.Entry entry, Mapping service, Facts facts) {
    List<Integer> ports = new ArrayList<>();
    for (YamlNode port : service.seq("ports").map(YamlNode.Sequence::items).orElse(List.of())) {
      if (port instanceof Scalar s && s.value() != null) {
        containerPort(s.value()).ifPresent(ports::add);
      } else if (port instanceof Mapping m) {
        m.integer("target").ifPresent(ports::add);
      }
    }
    for (YamlNode exposed : service.seq("expose").map(YamlNode.Sequence::items).orElse(List.of())) {
      if (exposed instanceof Scalar s && s.value() != null) {
        containerPort(s.value()).ifPresent(ports::add);
      }
    }
    String mode = String.valueOf(service.string("network_mode"));
    boolean shared =
        mode.equals("host") || mode.startsWith("service:") || mode.startsWith("container:");
    List<LoopbackCall> calls = new ArrayList<>();
    service
        .get("environment")
        .ifPresent(
            env -> {
              if (env instanceof Mapping m) {
                m.entries()
                    .values()
                    .forEach(
                        e -> {
                          if (e.value() instanceof Scalar s && s.value() != null) {
                            loopback(e.key(), s.value(), s.location()).ifPresent(calls::add);
                          }
                        });
              } else if (env instanceof YamlNode.Sequence seq) {
                for (YamlNode item : seq.items()) {
                  if (item instanceof Scalar s && s.value() != null && s.value().indexOf('=') > 0) {
                    int eq = s.value().indexOf('=');
                    loopback(s.value().substring(0, eq), s.value().substring(eq + 1), s.location())
                        .ifPresent(calls::add);
                  }
                }
              }
            });
    return new ComposeService(
        file.path(),
        entry.key(),
        ports,
        shared,
        calls,
        build(file, service, facts),
        entry.keyLocation());
  }

  /**
   * The build's context and Dockerfile, resolved as compose does: context from the file's folder.
   */
  private static ComposeService.Build build(SourceFile file, Mapping service, Facts facts) {
    YamlNode node = service.get("build").orElse(null);
    String context;
    String dockerfile = "Dockerfile";
    if (node instanceof Scalar s && s.value() != null) {
      context = s.value();
    } else if (node instanceof Mapping m && !m.has("dockerfile_inline")) {
      context = m.string("context") == null ? "." : m.string("context");
      dockerfile = m.string("dockerfile") == null ? dockerfile : m.string("dockerfile");
    } else {
      return null;
    }
    if (context.contains("$")
        || dockerfile.contains("$")
        || context.contains("://")
        || context.startsWith("git@")
        || dockerfile.startsWith("/")
        || context.startsWith("/")) {
      return null;
    }
    Path folder = file.absolute().getParent();
    Path root = folder;
    for (int i = 0; i < file.path().split("/").length - 1 && root != null; i++) {
      root = root.getParent();
    }
    Path contextDir = folder.resolve(context).normalize();
    Path dockerfilePath = contextDir.resolve(dockerfile).normalize();
    if (root == null || !dockerfilePath.startsWith(root)) {
      return null;
    }
    boolean exists =
        facts.exists(dockerfilePath)
            || dockerfile.equals("Dockerfile") && facts.exists(contextDir.resolve("Containerfile"));
    String relContext = root.relativize(contextDir).toString().replace('\\', '/');
    String relDockerfile = root.relativize(dockerfilePath).toString().replace('\\', '/');
    return new ComposeService.Build(
        relContext.isEmpty() ? "." : relContext,
        relDockerfile,
        exists,
        service.locationOf("build"));
  }

  /** {@code "8080:80"}, {@code "127.0.0.1:8080:80/tcp"}, {@code "80"}: the container side. */
  private static Optional<Integer> containerPort(String spec) {
    String s = spec;
    int slash = s.indexOf('/');
    if (slash >= 0) {
      s = s.substring(0, slash);
    }
    String last = s.substring(s.lastIndexOf(':') + 1);
    try {
      return Optional.of(Integer.parseInt(last.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty(); // a range or a variable
    }
  }

  /** A URL or {@code host:port} value naming localhost or 127.0.0.1 with an explicit port. */
  private static Optional<LoopbackCall> loopback(String name, String value, SourceLocation at) {
    String v = value.strip();
    int scheme = v.indexOf("://");
    if (scheme >= 0) {
      v = v.substring(scheme + 3);
    }
    int end = v.length();
    for (char c : new char[] {'/', '?', '#', ' ', ','}) {
      int i = v.indexOf(c);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    String authority = v.substring(0, end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = authority.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    String host = authority.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!host.equals("localhost") && !host.equals("127.0.0.1")) {
      return Optional.empty();
    }
    try {
      int port = Integer.parseInt(authority.substring(colon + 1));
      return Optional.of(new LoopbackCall(name, host, port, at));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
