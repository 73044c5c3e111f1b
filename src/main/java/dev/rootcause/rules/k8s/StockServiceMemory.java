package dev.rootcause.rules.k8s;

import dev.rootcause.model.k8s.Container;
import dev.rootcause.model.k8s.EnvVar;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The memory a stock data service needs with its shipped defaults (PostgreSQL's 128 MB of shared
 * buffers, Kafka's 1 GB heap), read from the image name: below it the service is OOMKilled at start
 * or under its first load. A container that tunes the knob (its own {@code shared_buffers}, {@code
 * KAFKA_HEAP_OPTS}) is judged by what it asks for instead, never by the default.
 */
final class StockServiceMemory {
  /** A service image's need: its threshold, the product, why, and the knobs that change it. */
  record Need(String threshold, String product, String why, String tune, List<String> knobs) {}

  private static final List<String> POSTGRES_KNOBS = List.of("shared_buffers");
  private static final List<String> MYSQL_KNOBS =
      List.of("innodb_buffer_pool_size", "innodb-buffer-pool-size");
  private static final List<String> HEAP_KNOBS =
      List.of(
          "-Xmx",
          "ES_JAVA_OPTS",
          "OPENSEARCH_JAVA_OPTS",
          "KAFKA_HEAP_OPTS",
          "ZK_SERVER_HEAP",
          "SERVER_JVMFLAGS",
          "JVMFLAGS",
          "HEAP_OPTS");

  private StockServiceMemory() {}

  /** The need of the stock service the container's image runs, unless the container tunes it. */
  static Optional<Need> of(Container container) {
    if (container.image() == null || container.image().isTemplated()) {
      return Optional.empty();
    }
    String repository = container.image().normalizedRepository();
    String name = repository.substring(repository.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    Need need = need(name);
    if (need == null || tunes(container, need.knobs())) {
      return Optional.empty();
    }
    return Optional.of(need);
  }

  private static Need need(String name) {
    return switch (name) {
      case "postgres", "postgresql", "postgis", "timescaledb" ->
          new Need(
              "postgresMiB",
              "PostgreSQL",
              "its shared_buffers default to 128 MB, mapped at start",
              "-c shared_buffers=",
              POSTGRES_KNOBS);
      case "mysql", "mariadb", "percona-server" ->
          new Need(
              "mysqlMiB",
              name.equals("mariadb") ? "MariaDB" : "MySQL",
              "its InnoDB buffer pool defaults to 128 MB, beside the server's own memory",
              "--innodb-buffer-pool-size=",
              MYSQL_KNOBS);
      case "elasticsearch", "opensearch" ->
          new Need(
              "searchMiB",
              name.equals("opensearch") ? "OpenSearch" : "Elasticsearch",
              "its JVM heap is sized at half the memory and needs 512 MB of it",
              name.equals("opensearch") ? "OPENSEARCH_JAVA_OPTS=-Xmx" : "ES_JAVA_OPTS=-Xmx",
              HEAP_KNOBS);
      case "kafka", "cp-kafka", "cp-server" ->
          new Need(
              "kafkaMiB",
              "Kafka",
              "kafka-server-start.sh starts it with -Xms1G -Xmx1G unless KAFKA_HEAP_OPTS is set",
              "KAFKA_HEAP_OPTS=-Xmx",
              HEAP_KNOBS);
      case "zookeeper", "cp-zookeeper" ->
          new Need(
              "zookeeperMiB",
              "ZooKeeper",
              "it is a JVM service whose heap zkEnv.sh lets grow to 1000 MB",
              "JVMFLAGS=-Xmx",
              HEAP_KNOBS);
      default -> null;
    };
  }

  /** Whether the command, args or env set one of the knobs (then the default is not what runs). */
  private static boolean tunes(Container container, List<String> knobs) {
    StringBuilder text = new StringBuilder();
    container.command().forEach(w -> text.append(w).append(' '));
    container.args().forEach(w -> text.append(w).append(' '));
    for (EnvVar env : container.env()) {
      text.append(env.name()).append(' ');
      if (env.value() != null) {
        text.append(env.value().reveal()).append(' ');
      }
    }
    String all = text.toString();
    return knobs.stream().anyMatch(all::contains);
  }
}
