package dev.rootcause.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.HostUses.Endpoint;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostUsesTest {

  private static List<String> hosts(String name, String value) {
    return HostUses.parse(name, value).stream()
        .map(e -> e.port() == null ? e.host() : e.host() + ":" + e.port())
        .toList();
  }

  @Test
  void urlsGiveHostAndExplicitOrSchemePort() {
    assertThat(hosts("DATABASE_URL", "http://database:8080")).containsExactly("database:8080");
    assertThat(hosts("API_URL", "https://API-Service/v1?x=1")).containsExactly("api-service:443");
    assertThat(hosts("DATABASE_URL", "postgres://user:pass@db/app")).containsExactly("db:5432");
    assertThat(hosts("JDBC_URL", "jdbc:postgresql://orders-db:5433/orders"))
        .containsExactly("orders-db:5433");
    assertThat(hosts("MONGO_URL", "mongodb://a:27017,b,c:27018/app?replicaSet=rs0"))
        .containsExactly("a:27017", "b:27017", "c:27018");
    assertThat(hosts("GRPC_TARGET", "grpc://search")).containsExactly("search");
    assertThat(hosts("OPTS", "--upstream=http://auth:3001 --timeout=5"))
        .containsExactly("auth:3001");
  }

  @Test
  void credentialsNeverBecomeAHost() {
    // A password holding '/', '?' or '#' moves where the authority seems to end: skip the URL.
    assertThat(hosts("DATABASE_URL", "postgres://app:pa/ss@db:5432/x")).isEmpty();
    assertThat(hosts("DATABASE_URL", "postgres://app:12?34@db:5432/x")).isEmpty();
    assertThat(hosts("DATABASE_URL", "postgres://app:12#34@db:5432/x")).isEmpty();
    assertThat(hosts("REDIS_URL", "redis://:s3cret@redis:6379/0")).containsExactly("redis:6379");
  }

  @Test
  void hostPortAndBareHostsByName() {
    assertThat(hosts("DB_ADDR", "database:8080")).containsExactly("database:8080");
    assertThat(hosts("KAFKA_BROKERS", "kafka-0:9092, kafka-1:9092"))
        .containsExactly("kafka-0:9092", "kafka-1:9092");
    assertThat(hosts("REDIS_HOST", "redis")).containsExactly("redis");
    assertThat(hosts("SMTP_SERVER", "mail.example.com")).containsExactly("mail.example.com");
    assertThat(hosts("APP_NAME", "redis")).isEmpty();
    assertThat(hosts("NODE_ENV", "production")).isEmpty();
  }

  @Test
  void valuesThatAreNotCallsAreLeftAlone() {
    assertThat(hosts("ALLOWED_HOSTS", "web,localhost")).isEmpty();
    assertThat(hosts("CORS_ORIGIN", "http://frontend:3000")).isEmpty();
    assertThat(hosts("PUBLIC_URL", "https://shop.example.com")).isEmpty();
    assertThat(hosts("BIND_HOST", "0.0.0.0")).isEmpty();
    assertThat(hosts("UPSTREAM", "http://$(API_HOST):8080")).isEmpty();
    assertThat(hosts("TEMPLATE", "http://{{ .Values.api }}:8080")).isEmpty();
    assertThat(hosts("BUCKET", "s3://receipts/2024")).isEmpty();
    assertThat(hosts("SOCKET", "unix:///var/run/app.sock")).isEmpty();
    assertThat(hosts("PROXY", "http://[fd00::1]:3128")).isEmpty();
    assertThat(hosts("TIME", "12:30")).isEmpty();
  }

  @Test
  void codeLiteralsAreOnlyUrls() {
    assertThat(hosts("", "http://inventory:9000/items")).containsExactly("inventory:9000");
    assertThat(hosts("", "inventory:9000")).isEmpty();
  }

  @Test
  void clusterDnsNames() {
    assertThat(ClusterDns.serviceName("api", "prod"))
        .contains(new ClusterDns.ServiceName("api", "prod"));
    assertThat(ClusterDns.serviceName("api.shop.svc.cluster.local.", "prod"))
        .contains(new ClusterDns.ServiceName("api", "shop"));
    assertThat(ClusterDns.serviceName("api.shop.svc", null))
        .contains(new ClusterDns.ServiceName("api", "shop"));
    assertThat(ClusterDns.serviceName("web-0.web.shop.svc.cluster.local", "shop")).isEmpty();
    assertThat(ClusterDns.serviceName("api.example.com", "shop")).isEqualTo(Optional.empty());
  }

  @Test
  void endpointRecordKeepsNullPort() {
    assertThat(HostUses.parse("CACHE_HOST", "memcached"))
        .containsExactly(new Endpoint("memcached", null));
  }
}
