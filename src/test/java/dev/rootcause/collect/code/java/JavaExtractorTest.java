package dev.rootcause.collect.code.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts.EnvRead;
import dev.rootcause.model.app.AppFacts.ListenPort;
import dev.rootcause.model.app.AppFacts.OutboundCall;
import dev.rootcause.model.app.AppFacts.Route;
import dev.rootcause.model.app.Hazard;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class JavaExtractorTest {
  private static final String SHOP = "spring/src/main/java/com/shop/";

  private final JavaExtractor extractor = new JavaExtractor();

  @Test
  void springControllerRoutesCarryTheClassPrefixAndEveryStatus() {
    String p = SHOP + "OrderController.java";
    SourceFacts facts = extract(p);

    assertThat(facts.framework()).isEqualTo("spring-boot");
    assertThat(facts.startsServer()).isFalse();
    assertThat(facts.routes())
        .containsExactly(
            new Route("GET", "/api/orders/{id}", List.of(200, 404, 500), "get", at(p, 31, 3)),
            // @ResponseStatus(CREATED) replaces the default 200
            new Route("POST", "/api/orders", List.of(201, 502), "create", at(p, 44, 3)));
    assertThat(facts.envReads())
        .containsExactly(new EnvRead("INVENTORY_URL", false, null, at(p, 22, 43)));
    assertThat(facts.outboundCalls())
        .containsExactly(
            // new RestTemplate(): no timeouts at all
            new OutboundCall(null, "INVENTORY_URL", false, at(p, 37, 19), "java"),
            // built with readTimeout(2s)
            new OutboundCall("http://pricing:8080/quote", null, true, at(p, 47, 19), "java"));
    assertThat(facts.hazards())
        .containsExactly(
            new Hazard.Sleep(
                "/api/orders/{id}",
                at(p, 33, 5),
                "Thread.sleep(250)",
                "Thread.sleep",
                "250",
                true,
                false,
                0.25,
                0.25),
            new Hazard.RandomFailure(
                "/api/orders/{id}",
                at(p, 34, 9),
                "random.nextInt(10) < 3",
                false,
                new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null),
                null,
                null));
  }

  @Test
  void springHealthEndpointThatAlwaysAnswers503() {
    String p = SHOP + "HealthController.java";
    SourceFacts facts = extract(p);

    assertThat(facts.routes())
        .containsExactly(
            new Route("GET", "/healthz", List.of(503), "healthz", at(p, 11, 3)),
            new Route("*", "/", List.of(200), "index", at(p, 16, 3)),
            new Route("*", "/index", List.of(200), "index", at(p, 16, 3)));
    assertThat(facts.hazards())
        .containsExactly(new Hazard.HealthAlwaysFails("/healthz", at(p, 13, 12), List.of(503)));
  }

  @Test
  void springApplicationStartsTheServerAndRequiresItsEnv() {
    String p = SHOP + "ShopApplication.java";
    SourceFacts facts = extract(p);

    assertThat(facts.startsServer()).isTrue();
    assertThat(facts.envReads())
        .containsExactly(new EnvRead("AWS_REGION", true, null, at(p, 9, 21)));
    assertThat(facts.routes()).isEmpty();
    assertThat(facts.hazards()).isEmpty();
  }

  @Test
  void applicationPropertiesGivePortAndPlaceholders() {
    String p = "spring/src/main/resources/application.properties";
    SourceFacts facts = extract(p);

    assertThat(facts.listens()).containsExactly(new ListenPort(8081, "PORT", null, at(p, 3, 1)));
    assertThat(facts.envReads())
        .containsExactly(
            new EnvRead("PORT", false, "8081", at(p, 3, 1)),
            // Spring refuses to start on a placeholder with neither value nor default
            new EnvRead("DATABASE_URL", true, null, at(p, 4, 1)),
            new EnvRead("DB_USER", false, "shop", at(p, 5, 1)));
  }

  @Test
  void literalServerPortCanStillBeOverriddenBySpringsServerPortEnv() {
    SourceFacts facts =
        extractText(
            "src/main/resources/application.properties",
            "server.port = 9090\nlogging.level.root=INFO\n");

    assertThat(facts.listens())
        .containsExactly(
            new ListenPort(
                9090, "SERVER_PORT", null, at("src/main/resources/application.properties", 1, 1)));
  }

  @Test
  void profilePortMakesThePortUnknownInsteadOfASecondAnswer() {
    String p = "src/main/resources/application-prod.properties";
    SourceFacts facts = extractText(p, "server.port=80\napp.url=${APP_URL}\n");

    assertThat(facts.listens()).containsExactly(new ListenPort(null, null, null, at(p, 1, 1)));
    assertThat(facts.envReads()).isEmpty();
  }

  @Test
  void jdkHttpServerWithHandlerClassLambdaAndMethodReference() {
    String p = "jdk/src/main/java/demo/Main.java";
    SourceFacts facts = extract(p);

    assertThat(facts.framework()).isEqualTo("jdk-httpserver");
    assertThat(facts.startsServer()).isTrue();
    assertThat(facts.listens()).containsExactly(new ListenPort(8000, "PORT", null, at(p, 23, 43)));
    assertThat(facts.routes())
        .containsExactly(
            new Route("*", "/", List.of(200), "RootHandler", at(p, 24, 5)),
            new Route("*", "/health", List.of(500), null, at(p, 25, 5)),
            new Route("*", "/quote", List.of(200, 503, 504), "quote", at(p, 29, 5)));
    assertThat(facts.envReads())
        .containsExactly(
            new EnvRead("PORT", false, "8000", at(p, 21, 22)),
            new EnvRead("AUDIT_URL", false, null, at(p, 59, 66)));
    assertThat(facts.outboundCalls())
        .containsExactly(
            // the request sets .timeout(2s)
            new OutboundCall("http://rates:9000/latest", null, true, at(p, 42, 36), "java"),
            new OutboundCall(null, "AUDIT_URL", false, at(p, 60, 7), "java"));
    assertThat(facts.hazards())
        .containsExactly(
            new Hazard.HealthAlwaysFails("/health", at(p, 26, 7), List.of(500)),
            new Hazard.RandomFailure(
                "/quote",
                at(p, 34, 9),
                "ThreadLocalRandom.current().nextDouble() < 0.2",
                false,
                new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null),
                null,
                null),
            new Hazard.Sleep(
                "/",
                at(p, 55, 9),
                "Thread.sleep(100)",
                "Thread.sleep",
                "100",
                true,
                false,
                0.1,
                0.1));
  }

  @Test
  void injectedClientsHaveUnknownTimeoutsAndMakeNoCall() {
    String p = "src/main/java/app/Client.java";
    SourceFacts facts =
        extractText(
            p,
            """
        package app;

        import org.springframework.stereotype.Service;
        import org.springframework.web.client.RestTemplate;

        @Service
        public class Client {
          private final RestTemplate rest;

          public Client(RestTemplate rest) {
            this.rest = rest;
          }

          public String fetch() {
            return rest.getForObject("http://users/api", String.class);
          }
        }
        """);

    assertThat(facts.outboundCalls()).isEmpty();
  }

  @Test
  void sleepInAWorkerThreadIsNotInTheRequestPath() {
    String p = "src/main/java/app/Jobs.java";
    SourceFacts facts =
        extractText(
            p,
            """
        package app;

        import java.util.concurrent.ExecutorService;
        import java.util.concurrent.Executors;
        import org.springframework.web.bind.annotation.PostMapping;
        import org.springframework.web.bind.annotation.RestController;

        @RestController
        public class Jobs {
          private final ExecutorService pool = Executors.newFixedThreadPool(2);

          @PostMapping("/jobs")
          public String start() {
            pool.submit(() -> {
              Thread.sleep(5000);
              return null;
            });
            return "started";
          }
        }
        """);

    assertThat(facts.routes())
        .containsExactly(new Route("POST", "/jobs", List.of(200), "start", at(p, 12, 3)));
    assertThat(facts.hazards()).isEmpty();
  }

  @Test
  void testSourcesGiveNoFacts() {
    String p = "src/test/java/app/ControllerTest.java";
    SourceFacts facts =
        extractText(
            p,
            """
        package app;

        import org.springframework.web.bind.annotation.GetMapping;

        class ControllerTest {
          @GetMapping("/healthz")
          String fake() throws Exception {
            Thread.sleep(10);
            return "x";
          }
        }
        """);

    assertThat(facts.routes()).isEmpty();
    assertThat(facts.hazards()).isEmpty();
  }

  @Test
  void columnsCountUtf16UnitsLikeSarifNotBytes() {
    String p = "src/main/java/app/Config.java";
    SourceFacts facts =
        extractText(
            p,
            """
        package app;

        class Config {
          /* grüße 😀 */ String s = "é😀"; String url = System.getenv("UPSTREAM_URL");
        }
        """);

    // two spaces, "/* grüße " (9), the emoji (2 units), " */ " (4), "String s = " (11),
    // "\"é😀\"" (5), "; " (2), "String url = " (13); in bytes it would be column 56
    assertThat(facts.envReads())
        .extracting(EnvRead::name, EnvRead::location)
        .containsExactly(tuple("UPSTREAM_URL", at(p, 4, 49)));
  }

  private SourceFacts extract(String path) {
    String resource = "/code/java/" + path;
    try (InputStream in = JavaExtractorTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return extractText(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private SourceFacts extractText(String path, String text) {
    SourceFile file = new SourceFile(Path.of(path), path, FileKind.of(path), text.length());
    SourceFacts facts = extractor.extract(file, text);
    assertThat(facts).isNotNull();
    assertThat(facts.path()).isEqualTo(path);
    return facts;
  }

  private static SourceLocation at(String path, int line, int column) {
    return new SourceLocation(path, line, column);
  }
}
