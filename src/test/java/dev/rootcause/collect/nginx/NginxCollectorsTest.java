package dev.rootcause.collect.nginx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.yaml.YamlReader;
import dev.rootcause.model.CollectionProblem;
import dev.rootcause.model.HostReference;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class NginxCollectorsTest {

  /** Reads files as one scan does: each collected, then {@code finish} once. */
  private static Facts files(String... pathsAndTexts) {
    Facts facts = new Facts();
    NginxCollector collector = new NginxCollector();
    for (int i = 0; i < pathsAndTexts.length; i += 2) {
      String path = pathsAndTexts[i];
      String text = pathsAndTexts[i + 1];
      assertThat(collector.accepts(FileKind.of(path))).as(path).isTrue();
      collector.collect(
          new SourceFile(Path.of(path), path, FileKind.of(path), text.length()), text, facts);
    }
    collector.link(facts);
    return facts;
  }

  private static List<String> refs(Facts facts) {
    return facts.model().build().hostReferences().stream()
        .map(NginxCollectorsTest::describe)
        .toList();
  }

  private static String describe(HostReference r) {
    return r.host() + ":" + r.port() + " " + r.via() + " @" + r.location().display();
  }

  @Test
  void upstreamServersAndProxyPassesWithTheirLinesAndImpliedPorts() {
    String conf =
        """
        # gateway
        upstream api {
            server api-service:3000 max_fails=3;
            server api-backup   backup;   # port 80 implied
            server unix:/run/api.sock;
        }
        server {
            listen 80;
            location /api/ { proxy_pass http://api; }
            location /auth/ {
                proxy_pass https://auth-service.production.svc.cluster.local/v1/;
            }
            location /grpc { grpc_pass grpc://search:50051; }
            location ~ \\.php$ { fastcgi_pass php-fpm:9000; }
        }
        """;
    assertThat(refs(files("gateway/nginx.conf", conf)))
        .containsExactly(
            "api-service:3000 nginx upstream api server @gateway/nginx.conf:3:12",
            "api-backup:80 nginx upstream api server @gateway/nginx.conf:4:12",
            "auth-service.production.svc.cluster.local:443 nginx proxy_pass"
                + " @gateway/nginx.conf:11:20",
            "search:50051 nginx grpc_pass @gateway/nginx.conf:13:32",
            "php-fpm:9000 nginx fastcgi_pass @gateway/nginx.conf:14:38");
  }

  @Test
  void variablesQuotesCommentsAndLuaAreNotMistakenForHosts() {
    String conf =
        """
        server {
            set $backend "http://orders:8080";
            resolver kube-dns.kube-system.svc.cluster.local valid=10s;
            location / { proxy_pass $backend; }
            location /x { proxy_pass http://${upstream_host}:8080; }
            location /y {
                # proxy_pass http://commented-out:1;
                return 200 "proxy_pass http://in-a-string:2; }";
            }
            location /lua {
                content_by_lua_block {
                    local t = { proxy_pass = "http://lua-table:3" }
                    ngx.say("}")
                }
            }
            location /z { proxy_pass 'http://quoted-host:8081'; }
        }
        """;
    Facts facts = files("default.conf", conf);
    assertThat(facts.problems()).isEmpty();
    assertThat(refs(facts))
        .containsExactly("quoted-host:8081 nginx proxy_pass @default.conf:16:30");
  }

  @Test
  void aPassToAnUpstreamDeclaredInAnotherFileIsNotAHost() {
    Facts facts =
        files(
            "conf.d/default.conf",
            "server { location / { proxy_pass http://backend; } "
                + "location /m { proxy_pass http://metrics; } }",
            "conf.d/upstreams.conf",
            "upstream backend { server api-service:3000; }");
    assertThat(refs(facts))
        .containsExactly(
            "metrics:80 nginx proxy_pass @conf.d/default.conf:1:77",
            "api-service:3000 nginx upstream backend server @conf.d/upstreams.conf:1:27");
  }

  @Test
  void confFilesThatAreNotNginxArePassedOverSilently() {
    Facts facts =
        files(
            "redis/redis.conf", "bind 0.0.0.0\nport 6379\nmaxmemory 256mb\n",
            "supervisor/supervisord.conf",
                "[program:web]\ncommand=gunicorn app:app -b 0.0.0.0:8000\n");
    assertThat(refs(facts)).isEmpty();
    assertThat(facts.problems()).isEmpty();
  }

  @Test
  void brokenNginxBecomesAProblemNamingTheLine() {
    Facts facts =
        files("nginx.conf", "server {\n  location / {\n    proxy_pass http://api:3000;\n");
    assertThat(refs(facts)).isEmpty();
    assertThat(facts.problems())
        .extracting(CollectionProblem::display)
        .containsExactly(
            "nginx.conf:2: skipped: nginx config could not be read: the block opened"
                + " here is never closed (\"}\" missing)");
  }

  @Test
  void configMapEmbeddedConfigKeepsTheLinesOfTheYamlFile() {
    String yaml =
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: gateway-nginx
        data:
          upstreams.conf: |
            upstream api {

                server api:3000;
            }
          default.conf: "server { location / { proxy_pass http://api; }\\n location /a {\\
            proxy_pass http://auth:3001; } }"
          app.properties: |
            server.port=8080
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: broken
        data:
          nginx.conf: |
            server {
              location / {
        """;
    Facts facts = new Facts();
    new NginxConfigMapCollector()
        .collect(
            new SourceFile(
                Path.of("k8s/gateway.yaml"), "k8s/gateway.yaml", FileKind.YAML, yaml.length()),
            YamlReader.read("k8s/gateway.yaml", yaml).documents(),
            facts);
    assertThat(refs(facts))
        .containsExactly(
            "api:3000 nginx upstream api server @k8s/gateway.yaml:9",
            "auth:3001 nginx proxy_pass @k8s/gateway.yaml:11");
    assertThat(facts.problems())
        .extracting(CollectionProblem::display)
        .containsExactly(
            "k8s/gateway.yaml:23: nginx config in ConfigMap key 'nginx.conf' could not be read:"
                + " the block opened here is never closed (\"}\" missing)");
  }
}
