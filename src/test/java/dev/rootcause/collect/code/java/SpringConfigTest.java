package dev.rootcause.collect.code.java;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts.EnvRead;
import dev.rootcause.model.app.AppFacts.ListenPort;
import dev.rootcause.model.app.AppFacts.Route;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spring Boot's application.yml and build files, read as Spring reads them. */
class SpringConfigTest {
  private static final String YML = "src/main/resources/application.yml";

  @Test
  void nestedAndDottedKeysGiveThePortAndThePlaceholdersEnvReads() {
    SourceFacts facts =
        extract(
            YML,
            """
        spring:
          datasource:
            url: ${DATABASE_URL}
            username: "${DB_USER:orders}"
        server.port: ${PORT:8081}
        logging:
          level:
            root: INFO
        """);

    assertThat(facts.framework()).isEqualTo("spring-boot");
    assertThat(facts.listens()).containsExactly(new ListenPort(8081, "PORT", null, at(YML, 5, 14)));
    assertThat(facts.envReads())
        .containsExactly(
            new EnvRead("DATABASE_URL", true, null, at(YML, 3, 10)),
            new EnvRead("DB_USER", false, "orders", at(YML, 4, 15)),
            new EnvRead("PORT", false, "8081", at(YML, 5, 14)));
  }

  @Test
  void literalPortIsStillOverriddenBySpringsServerPortEnv() {
    SourceFacts facts = extract(YML, "server:\n  port: 9090\n");

    assertThat(facts.listens())
        .containsExactly(new ListenPort(9090, "SERVER_PORT", null, at(YML, 2, 9)));
  }

  @Test
  void aProfileDocumentMakesThePortUnknownAndItsPlaceholdersDoNotCount() {
    SourceFacts facts =
        extract(
            YML,
            """
        server:
          port: 8080
        ---
        spring:
          config:
            activate:
              on-profile: local
        server:
          port: 9091
        app:
          token: ${LOCAL_TOKEN}
        """);

    assertThat(facts.listens())
        .containsExactly(
            new ListenPort(8080, "SERVER_PORT", null, at(YML, 2, 9)),
            new ListenPort(null, null, null, at(YML, 9, 9)));
    assertThat(facts.envReads()).isEmpty();
  }

  @Test
  void aProfileFileCountsOnlyWhenItsProfileIsActive() {
    String path = "src/main/resources/application-prod.yaml";
    SourceFacts facts = extract(path, "server:\n  port: 80\nsecret: ${PROD_SECRET}\n");

    assertThat(facts.listens()).containsExactly(new ListenPort(null, null, null, at(path, 2, 9)));
    assertThat(facts.envReads()).isEmpty();
  }

  @Test
  void onlyYamlUnderAResourcesFolderIsSpringConfig() {
    assertThat(FileKind.of("shop/src/main/resources/application.yml"))
        .isEqualTo(FileKind.SPRING_CONFIG);
    assertThat(FileKind.of("resources/application-dev.yaml")).isEqualTo(FileKind.SPRING_CONFIG);
    assertThat(FileKind.of("config/application.properties")).isEqualTo(FileKind.SPRING_CONFIG);
    // An Argo CD Application manifest is Kubernetes YAML, whatever its name.
    assertThat(FileKind.of("argocd/application.yaml")).isEqualTo(FileKind.YAML);
    assertThat(FileKind.of("pom.xml")).isEqualTo(FileKind.JVM_BUILD);
    assertThat(FileKind.of("service/build.gradle.kts")).isEqualTo(FileKind.JVM_BUILD);
  }

  @Test
  void malformedYamlIsUnreadableNotACrash() {
    assertThat(new JavaExtractor().extract(file(YML, "server: [port: 1\n"), "server: [port: 1\n"))
        .isNull();
  }

  @Test
  void actuatorOnTheClasspathServesHealthAndItsProbeGroups() {
    String pom =
        """
        <project>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-actuator</artifactId>
            </dependency>
          </dependencies>
        </project>
        """;
    SourceFacts facts = extract("orders/pom.xml", pom);

    assertThat(facts.routes())
        .containsExactly(
            new Route(
                "GET",
                "/actuator/health",
                List.of(200, 503),
                "Spring Boot Actuator",
                at("orders/pom.xml", 5, 1)),
            new Route(
                "GET",
                "/actuator/health/{group}",
                List.of(200, 503),
                "Spring Boot Actuator",
                at("orders/pom.xml", 5, 1)));
  }

  @Test
  void aBuildWithoutActuatorServesNothingAndNamesNoFramework() {
    SourceFacts gradle =
        extract(
            "build.gradle",
            "plugins { id 'java' }\ndependencies { implementation 'com.google.guava:guava:33.0.0-jre' }\n");

    assertThat(gradle.routes()).isEmpty();
    assertThat(gradle.framework()).isNull();
  }

  private static SourceFacts extract(String path, String text) {
    SourceFacts facts = new JavaExtractor().extract(file(path, text), text);
    assertThat(facts).isNotNull();
    return facts;
  }

  private static SourceFile file(String path, String text) {
    return new SourceFile(Path.of(path), path, FileKind.of(path), text.length());
  }

  private static SourceLocation at(String path, int line, int column) {
    return new SourceLocation(path, line, column);
  }
}
