package dev.rootcause.model;

import dev.rootcause.model.k8s.ImageRef;
import java.util.Set;

/**
 * Public images that no repository builds itself; pulling them is never "an image no build
 * produces". Docker Hub official images and common vendor images, by repository name.
 */
public final class WellKnownImages {
  private static final Set<String> OFFICIAL =
      Set.of(
          "alpine",
          "busybox",
          "debian",
          "ubuntu",
          "centos",
          "fedora",
          "amazonlinux",
          "rockylinux",
          "almalinux",
          "archlinux",
          "nginx",
          "httpd",
          "caddy",
          "traefik",
          "haproxy",
          "envoyproxy/envoy",
          "redis",
          "memcached",
          "postgres",
          "mysql",
          "mariadb",
          "mongo",
          "cassandra",
          "elasticsearch",
          "kibana",
          "logstash",
          "rabbitmq",
          "zookeeper",
          "nats",
          "influxdb",
          "telegraf",
          "couchdb",
          "neo4j",
          "consul",
          "vault",
          "registry",
          "node",
          "python",
          "golang",
          "openjdk",
          "eclipse-temurin",
          "amazoncorretto",
          "ruby",
          "php",
          "perl",
          "rust",
          "gcc",
          "maven",
          "gradle",
          "dotnet/runtime",
          "dotnet/aspnet",
          "dotnet/sdk",
          "curlimages/curl",
          "bitnami/kubectl",
          "bitnami/redis",
          "bitnami/postgresql",
          "bitnami/kafka",
          "confluentinc/cp-kafka",
          "confluentinc/cp-zookeeper",
          "grafana/grafana",
          "grafana/loki",
          "grafana/promtail",
          "grafana/tempo",
          "prom/prometheus",
          "prom/alertmanager",
          "prom/node-exporter",
          "jaegertracing/all-in-one",
          "otel/opentelemetry-collector",
          "otel/opentelemetry-collector-contrib",
          "minio/minio",
          "hashicorp/consul",
          "hashicorp/vault",
          "istio/proxyv2",
          "fluent/fluent-bit",
          "fluent/fluentd",
          "scratch",
          "hello-world",
          "distroless/static",
          "distroless/base",
          "kennethreitz/httpbin",
          "mccutchen/go-httpbin");

  /**
   * Servers that listen within a second of starting, with nothing to load or compile first: web
   * servers, static file servers, echo servers. Probe timing tuned for slow starts is moot there.
   */
  private static final Set<String> LISTEN_AT_ONCE =
      Set.of(
          "nginx",
          "nginxinc/nginx-unprivileged",
          "bitnami/nginx",
          "openresty/openresty",
          "httpd",
          "caddy",
          "hashicorp/http-echo",
          "traefik/whoami",
          "joseluisq/static-web-server",
          "halverneus/static-file-server",
          "pierrezemb/gostatic");

  private WellKnownImages() {}

  /** Whether the image is a server that listens as soon as it starts (nginx, httpd, http-echo). */
  public static boolean listensAtOnce(String repository) {
    return LISTEN_AT_ONCE.contains(
        repository.startsWith("library/") ? repository.substring(8) : repository);
  }

  /** Whether the image is hosted by a registry or is a well-known public image. */
  /**
   * Whether the image is a Docker official image ({@code redis}, {@code docker.io/library/redis}).
   */
  public static boolean isOfficial(ImageRef image) {
    return OFFICIAL.contains(image.normalizedRepository());
  }

  public static boolean isPublic(ImageRef image) {
    return image.registry() != null || OFFICIAL.contains(image.normalizedRepository());
  }
}
