package dev.rootcause.collect.nginx;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Reads nginx configuration files into {@link HostReference}s: each upstream server and each {@code
 * proxy_pass} host, at its line. A pass written without a port may name an upstream declared in
 * another file of the tree, so those wait for {@link #finish} to see every file. {@code .conf}
 * files that are not nginx (supervisord, redis) are passed over silently.
 */
public final class NginxCollector implements FileCollector {
  private final Set<String> upstreamNames = ConcurrentHashMap.newKeySet();
  private final Queue<HostReference> candidates = new ConcurrentLinkedQueue<>();

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
    NginxHosts.Result result = NginxHosts.extract(directives);
    upstreamNames.addAll(result.upstreamNames());
    for (NginxHosts.Found f : result.unresolved()) {
      HostReference ref =
          new HostReference(
              f.host(),
              f.port(),
              f.via(),
              new SourceLocation(file.path(), f.where().line(), f.where().column()));
      if (f.upstreamCandidate()) {
        candidates.add(ref);
      } else {
        facts.model().hostReference(ref);
      }
    }
  }

  @Override
  public void finish(Facts facts) {
    for (HostReference ref : candidates) {
      if (!upstreamNames.contains(ref.host())) {
        facts.model().hostReference(ref);
      }
    }
  }
}
