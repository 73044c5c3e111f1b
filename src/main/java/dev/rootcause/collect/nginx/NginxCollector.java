package dev.rootcause.collect.nginx;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.proxy.ProxyRoute;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads nginx configuration files into {@link HostReference}s: each upstream server and each {@code
 * proxy_pass} host, at its line; and into {@link ProxyRoute}s, the locations that pass on. A pass
 * written without a port may name an upstream declared in another file of the tree, so those wait
 * for {@link #link} to see every file. {@code .conf} files that are not nginx (supervisord, redis)
 * are passed over silently.
 */
public final class NginxCollector implements FileCollector {
  /** An upstream block's name, declared in some file of the tree. */
  private record Upstream(String name) implements Serializable {}

  /** A {@code proxy_pass} host without a port: an upstream's name, or a host on port 80. */
  private record Candidate(HostReference ref) implements Serializable {}

  @Override
  public boolean accepts(FileKind kind) {
    return kind == FileKind.NGINX_CONF;
  }

  @Override
  public void collect(SourceFile file, String text, Facts facts) {
    if (!NginxSyntax.looksLikeNginx(text)) {
      return;
    }
    List<NginxConfig.Directive> directives;
    try {
      directives = NginxConfig.parse(text);
    } catch (NginxConfig.SyntaxError e) {
      facts.problem(
          CollectionProblem.skipped(
              SourceLocation.of(file.path(), e.line),
              "nginx config could not be read: " + e.getMessage()));
      return;
    }
    for (NginxRoutes.Route r : NginxRoutes.extract(directives)) {
      facts
          .model()
          .proxyRoute(
              NginxRoutes.model(
                  r,
                  file.path(),
                  line ->
                      line == r.where().line()
                          ? new SourceLocation(file.path(), line, r.where().column())
                          : SourceLocation.of(file.path(), line)));
    }
    NginxHosts.Result result = NginxHosts.extract(directives);
    result.upstreamNames().forEach(n -> facts.setAside(NginxCollector.class, new Upstream(n)));
    for (NginxHosts.Found f : result.unresolved()) {
      HostReference ref =
          new HostReference(
              f.host(),
              f.port(),
              f.via(),
              new SourceLocation(file.path(), f.where().line(), f.where().column()));
      if (f.upstreamCandidate()) {
        facts.setAside(NginxCollector.class, new Candidate(ref));
      } else {
        facts.model().hostReference(ref);
      }
    }
  }

  @Override
  public void link(Facts facts) {
    Set<String> upstreams = new HashSet<>();
    facts.setAside(NginxCollector.class, Upstream.class).forEach(u -> upstreams.add(u.name()));
    for (Candidate c : facts.setAside(NginxCollector.class, Candidate.class)) {
      if (!upstreams.contains(c.ref().host())) {
        facts.model().hostReference(c.ref());
      }
    }
  }
}
