package dev.rootcause.collect.code.go;

import static org.assertj.core.api.Assertions.assertThat;

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

class GoExtractorTest {
  private final GoExtractor extractor = new GoExtractor();

  @Test
  void seed001ServiceShowsTheLeakTheRaceTheSleepsAndTheFailingHealthCheck() {
    String p = "seed001/main.go";
    SourceFacts facts = extract(p);

    assertThat(facts.framework()).isEqualTo("net/http");
    assertThat(facts.startsServer()).isTrue();
    assertThat(facts.listens()).containsExactly(new ListenPort(8080, "PORT", null, at(p, 33, 32)));
    assertThat(facts.envReads()).containsExactly(new EnvRead("PORT", false, "8080", at(p, 19, 10)));
    assertThat(facts.routes())
        .containsExactly(
            new Route("*", "/", List.of(200), "rootHandler", at(p, 24, 2)),
            new Route("*", "/count", List.of(200), "countHandler", at(p, 25, 2)),
            new Route("*", "/healthz", List.of(500), "healthzHandler", at(p, 26, 2)),
            new Route("*", "/slow", List.of(200), null, at(p, 27, 2)));
    assertThat(facts.outboundCalls()).isEmpty();
    assertThat(facts.hazards())
        .containsExactlyInAnyOrder(
            new Hazard.Sleep(
                "/slow",
                at(p, 28, 3),
                "time.Sleep(2 * time.Second)",
                "time.Sleep",
                "2 * time.Second",
                true,
                false,
                2.0,
                2.0),
            new Hazard.UnboundedGrowth(
                "/", at(p, 41, 2), "requests", "requests = append(requests, r.URL.Path)", false),
            new Hazard.UnguardedSharedState("/", at(p, 41, 2), "requests", null, true),
            new Hazard.Sleep(
                "/",
                at(p, 42, 2),
                "time.Sleep(500 * time.Millisecond)",
                "time.Sleep",
                "500 * time.Millisecond",
                true,
                false,
                0.5,
                0.5),
            new Hazard.UnguardedSharedState("/count", at(p, 47, 31), "counter", 38, false),
            new Hazard.HealthAlwaysFails("/healthz", at(p, 51, 2), List.of(500)));
  }

  @Test
  void cleanServiceWithBackgroundWorkerHasNoHazards() {
    String p = "worker/main.go";
    SourceFacts facts = extract(p);

    // the worker goroutine sleeps between refreshes, and prices is only touched under mu
    assertThat(facts.hazards()).isEmpty();
    assertThat(facts.listens()).containsExactly(new ListenPort(9000, "PORT", null, at(p, 47, 28)));
    assertThat(facts.routes())
        .containsExactly(
            new Route("GET", "/prices/{sym}", List.of(200, 404), "priceHandler", at(p, 44, 2)),
            new Route("*", "/readyz", List.of(200, 503), "readyHandler", at(p, 45, 2)));
    assertThat(facts.envReads())
        .containsExactly(
            new EnvRead("PRICES_URL", true, null, at(p, 30, 14)),
            new EnvRead("PORT", false, "9000", at(p, 34, 16)),
            new EnvRead("PRICES_URL", false, null, at(p, 83, 60)));
    assertThat(facts.outboundCalls())
        .containsExactly(
            // client has Timeout: 5s; the URL is a parameter, so unknown
            new OutboundCall(null, null, true, at(p, 52, 15), "go-http"),
            // the default client, but the request carries a context.WithTimeout deadline
            new OutboundCall(null, "PRICES_URL", true, at(p, 84, 15), "go-http"),
            new OutboundCall(
                "http://alerts.internal/notify", null, false, at(p, 94, 9), "go-http"));
  }

  @Test
  void ginRoutesCarryGroupPrefixesAndTheStatusesOfEachHandler() {
    String p = "gin/main.go";
    SourceFacts facts = extract(p);

    assertThat(facts.framework()).isEqualTo("gin");
    assertThat(facts.listens()).containsExactly(new ListenPort(8080, null, null, at(p, 58, 8)));
    assertThat(facts.routes())
        .containsExactly(
            new Route("GET", "/health", List.of(200), null, at(p, 29, 2)),
            new Route("GET", "/api/v1/orders/:id", List.of(200, 400), "getOrder", at(p, 33, 2)),
            new Route("POST", "/api/v1/orders", List.of(201, 500), "createOrder", at(p, 34, 2)));
    assertThat(facts.envReads())
        .containsExactly(new EnvRead("DATABASE_URL", false, null, at(p, 18, 37)));
    // in source order, as every reader lists its facts
    assertThat(facts.hazards())
        .containsExactly(
            new Hazard.RetryWithoutBackoff(null, at(p, 17, 2), null, false, false),
            new Hazard.RandomFailure(
                "/api/v1/orders",
                at(p, 48, 5),
                "rand.Float64() < 0.5",
                false,
                new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null),
                null,
                null));
  }

  @Test
  void ginRunWithoutAddressListensOnPortOr8080() {
    SourceFacts facts =
        extractText(
            "main.go",
            """
        package main

        import "github.com/gin-gonic/gin"

        func main() {
        \tr := gin.New()
        \tr.Run()
        }
        """);

    assertThat(facts.listens())
        .containsExactly(new ListenPort(8080, "PORT", null, at("main.go", 7, 2)));
  }

  @Test
  void echoHandlersAnswerWithWhatTheyReturn() {
    String p = "echo/server.go";
    SourceFacts facts = extract(p);

    assertThat(facts.framework()).isEqualTo("echo");
    assertThat(facts.listens()).containsExactly(new ListenPort(1323, null, null, at(p, 17, 25)));
    assertThat(facts.routes())
        .containsExactly(
            new Route("GET", "/", List.of(200), "hello", at(p, 12, 2)),
            new Route("GET", "/livez", List.of(503), null, at(p, 13, 2)),
            // a plain error returned to echo becomes a 500
            new Route("POST", "/users", List.of(201, 400, 500), "createUser", at(p, 16, 2)));
    assertThat(facts.hazards())
        .containsExactly(new Hazard.HealthAlwaysFails("/livez", at(p, 14, 3), List.of(503)));
  }

  @Test
  void chiSubRoutersStatusHelpersAndOverriddenDefaults() {
    String p = "mux/main.go";
    SourceFacts facts = extract(p);

    assertThat(facts.framework()).isEqualTo("chi");
    assertThat(facts.listens())
        .containsExactly(new ListenPort(3000, "HTTP_PORT", null, at(p, 40, 32)));
    assertThat(facts.routes())
        .containsExactly(
            new Route("GET", "/", List.of(200), "index", at(p, 35, 2)),
            // respondError(w, http.StatusBadGateway, ..) sets the status through its parameter
            new Route("GET", "/api/flaky", List.of(200, 502), "flaky", at(p, 37, 3)),
            // declared in another file: what it answers is unknown, not "nothing"
            new Route("POST", "/api/report", List.of(), "reportHandler", at(p, 38, 3)));
    assertThat(facts.envReads())
        .containsExactly(
            new EnvRead("HTTP_PORT", false, null, at(p, 25, 10)),
            new EnvRead("API_TOKEN", true, null, at(p, 28, 15)));
    assertThat(facts.outboundCalls())
        .containsExactly(
            new OutboundCall("http://inventory:8080/stock", null, false, at(p, 54, 16), "go-http"));
    assertThat(facts.hazards())
        .containsExactly(
            new Hazard.UnguardedSharedState("/", at(p, 44, 2), "served", null, true),
            new Hazard.RandomFailure(
                "/api/flaky",
                at(p, 49, 5),
                "rand.Intn(2) == 0",
                false,
                new Hazard.Failure(Hazard.Failure.Outcome.FAILS, null, null),
                null,
                null),
            new Hazard.RetryWithoutBackoff("/api/flaky", at(p, 53, 2), null, false, true));
  }

  @Test
  void generatedAndTestFilesGiveNoFacts() {
    for (String p : List.of("mux/zz_generated.go", "mux/main_test.go")) {
      SourceFacts facts = extract(p);
      assertThat(facts.startsServer()).as(p).isFalse();
      assertThat(facts.routes()).as(p).isEmpty();
      assertThat(facts.hazards()).as(p).isEmpty();
    }
  }

  @Test
  void envPortWithoutFallbackHasNoPort() {
    SourceFacts facts =
        extractText(
            "cmd/api/main.go",
            """
        package main

        import (
        \t"net/http"
        \t"os"
        )

        func main() {
        \thttp.ListenAndServe(":"+os.Getenv("PORT"), nil)
        }
        """);

    assertThat(facts.listens())
        .containsExactly(new ListenPort(null, "PORT", null, at("cmd/api/main.go", 9, 22)));
    assertThat(facts.envReads())
        .containsExactly(new EnvRead("PORT", false, null, at("cmd/api/main.go", 9, 26)));
  }

  @Test
  void addressFromAFlagIsUnknownNotGuessed() {
    SourceFacts facts =
        extractText(
            "main.go",
            """
        package main

        import (
        \t"flag"
        \t"net/http"
        )

        func main() {
        \taddr := flag.String("addr", ":8080", "listen address")
        \tflag.Parse()
        \thttp.ListenAndServe(*addr, nil)
        }
        """);

    // --addr may be passed by the container's args: the default is not the port
    assertThat(facts.listens())
        .containsExactly(new ListenPort(null, null, null, at("main.go", 11, 22)));
  }

  @Test
  void healthCheckThatFailsOnlyWhenNotReadyIsNotAlwaysFailing() {
    SourceFacts facts =
        extractText(
            "main.go",
            """
        package main

        import "net/http"

        var ready bool

        func healthz(w http.ResponseWriter, r *http.Request) {
        \tif !ready {
        \t\thttp.Error(w, "starting", http.StatusServiceUnavailable)
        \t\treturn
        \t}
        \tw.WriteHeader(http.StatusOK)
        }

        func main() {
        \thttp.HandleFunc("/healthz", healthz)
        \tif err := http.ListenAndServe(":8080", nil); err != nil { panic(err) }
        }
        """);

    assertThat(facts.routes())
        .containsExactly(
            new Route("*", "/healthz", List.of(200, 503), "healthz", at("main.go", 16, 2)));
    assertThat(facts.hazards()).isEmpty();
  }

  @Test
  void mapEvictedElsewhereAndCounterUnderLockAreNotHazards() {
    SourceFacts facts =
        extractText(
            "main.go",
            """
        package main

        import (
        \t"net/http"
        \t"sync"
        )

        var (
        \tmu       sync.Mutex
        \tsessions = make(map[string]int)
        \ttotal    int
        )

        func login(w http.ResponseWriter, r *http.Request) {
        \tmu.Lock()
        \tdefer mu.Unlock()
        \tsessions[r.FormValue("user")]++
        \ttotal++
        }

        func logout(w http.ResponseWriter, r *http.Request) {
        \tmu.Lock()
        \tdelete(sessions, r.FormValue("user"))
        \tmu.Unlock()
        }

        func main() {
        \thttp.HandleFunc("/login", login)
        \thttp.HandleFunc("/logout", logout)
        \tif err := http.ListenAndServe(":8080", nil); err != nil { panic(err) }
        }
        """);

    assertThat(facts.hazards()).isEmpty();
  }

  @Test
  void columnsCountUtf16UnitsLikeSarifNotBytes() {
    SourceFacts facts =
        extractText(
            "main.go",
            """
        package main

        import "net/http"

        func main() {
        \t/* grüße 😀 */ http.ListenAndServe(":8080", nil)
        }
        """);

    // tab, "/* grüße " (9), the emoji (2 units), " */ " (4), "http.ListenAndServe(" (20)
    assertThat(facts.listens())
        .containsExactly(new ListenPort(8080, null, null, at("main.go", 6, 37)));
  }

  private SourceFacts extract(String path) {
    String resource = "/code/go/" + path;
    try (InputStream in = GoExtractorTest.class.getResourceAsStream(resource)) {
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
