package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.HostReference;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.AppFacts.Language;
import dev.rootcause.model.app.Hazard;
import dev.rootcause.model.docker.Dockerfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Files become applications: grouped by folder, joined to the Dockerfile's start command. */
class AppAssemblerTest {

  /** A file's facts with just what grouping needs. */
  private static final class File {
    final String path;
    final Language language;
    boolean startsServer;
    final List<AppFacts.ListenPort> listens = new ArrayList<>();
    final List<AppFacts.Route> routes = new ArrayList<>();
    final List<AppFacts.OutboundCall> calls = new ArrayList<>();
    final List<AppFacts.EnvRead> envReads = new ArrayList<>();
    final List<Hazard> hazards = new ArrayList<>();

    File(String path) {
      this.path = path;
      this.language =
          path.endsWith(".py")
              ? Language.PYTHON
              : path.endsWith(".ts") ? Language.TYPESCRIPT : Language.JAVASCRIPT;
    }

    File listens(int port, int line) {
      startsServer = true;
      listens.add(new AppFacts.ListenPort(port, null, "0.0.0.0", SourceLocation.of(path, line)));
      return this;
    }

    File devServer(int line) {
      hazards.add(
          new Hazard.DevServer(
              SourceLocation.of(path, line),
              Hazard.DevServer.Tool.FLASK,
              "app.run(...)",
              true,
              false));
      return this;
    }

    File route(String path, int line, Integer... statuses) {
      routes.add(
          new AppFacts.Route(
              "GET", path, List.of(statuses), "h", SourceLocation.of(this.path, line)));
      return this;
    }

    File call(String url, String env, int line) {
      calls.add(new AppFacts.OutboundCall(url, env, true, SourceLocation.of(path, line)));
      return this;
    }

    File requires(String name, int line) {
      envReads.add(new AppFacts.EnvRead(name, true, null, SourceLocation.of(path, line)));
      return this;
    }

    SourceFacts facts() {
      return new SourceFacts(
          path,
          language,
          language == Language.PYTHON ? "flask" : "express",
          startsServer,
          listens,
          routes,
          envReads,
          calls,
          hazards);
    }
  }

  private static AppAssembler.Assembled assemble(
      List<File> files, Set<String> manifests, List<Dockerfile> dockerfiles) {
    return AppAssembler.assemble(
        files.stream().map(File::facts).toList(), manifests, Map.of(), dockerfiles);
  }

  private static AppFacts app(AppAssembler.Assembled a, String root) {
    return a.apps().stream().filter(x -> x.root().equals(root)).findFirst().orElseThrow();
  }

  @Test
  void filesGroupByNearestDockerfileThenManifestThenFolder() {
    var a =
        assemble(
            List.of(
                new File("services/api/src/server.js"),
                new File("services/api/src/db.js"),
                new File("tools/report/make.py"),
                new File("scripts/once.py"),
                new File("scripts/lib/x.py")),
            Set.of("services/api/src", "tools"),
            List.of(Dockerfiles.cmd("services/api/Dockerfile", "node", "src/server.js")));
    assertThat(a.apps())
        .extracting(AppFacts::root)
        .containsExactly("scripts", "scripts/lib", "services/api", "tools");
    assertThat(app(a, "services/api").entrypoint()).isEqualTo("services/api/src/server.js");
  }

  @Test
  void pythonScriptCommandRunsTheDevServerInTheCode() {
    var a =
        assemble(
            List.of(new File("app/main.py").listens(8080, 32).devServer(32)),
            Set.of(),
            List.of(Dockerfiles.cmd("Dockerfile", "python", "app/main.py")));
    AppFacts app = app(a, "");
    assertThat(app.entrypoint()).isEqualTo("app/main.py");
    assertThat(app.listens()).extracting(AppFacts.ListenPort::port).containsExactly(8080);
    assertThat(app.hazards()).extracting(Hazard::kind).containsExactly(Hazard.Kind.DEV_SERVER);
  }

  @Test
  void gunicornBindsAndTheCodesAppRunNeverRuns() {
    var a =
        assemble(
            List.of(new File("app.py").listens(5000, 20).devServer(20)),
            Set.of(),
            List.of(
                Dockerfiles.cmd("Dockerfile", "gunicorn", "--bind", "0.0.0.0:8000", "app:app")));
    AppFacts app = app(a, "");
    assertThat(app.entrypoint()).isEqualTo("app.py");
    assertThat(app.listens())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.port()).isEqualTo(8000);
              assertThat(l.location()).isEqualTo(SourceLocation.of("Dockerfile", 9));
            });
    assertThat(app.hazards()).isEmpty();
  }

  @Test
  void withoutAnImageTheServerFileIsTheEntrypointAndNoDevServerIsClaimed() {
    var a =
        assemble(
            List.of(new File("worker.py"), new File("app.py").listens(5000, 9).devServer(9)),
            Set.of(""),
            List.of());
    AppFacts app = app(a, "");
    assertThat(app.entrypoint()).isEqualTo("app.py");
    assertThat(app.hazards()).isEmpty();
  }

  @Test
  void entrypointsAreFoundThroughCopiedFoldersAndBuildOutput() {
    var copied =
        assemble(
            List.of(new File("svc/src/main.py").listens(8000, 5), new File("svc/src/util.py")),
            Set.of(),
            List.of(Dockerfiles.cmd("svc/Dockerfile", "python", "/app/main.py")));
    assertThat(app(copied, "svc").entrypoint()).isEqualTo("svc/src/main.py");
    var built =
        assemble(
            List.of(
                new File("web/src/server.ts").listens(3000, 7),
                new File("web/src/other.ts").listens(9, 1)),
            Set.of(),
            List.of(Dockerfiles.cmd("web/Dockerfile", "node", "dist/server.js")));
    assertThat(app(built, "web").entrypoint()).isEqualTo("web/src/server.ts");
    assertThat(app(built, "web").listens())
        .extracting(AppFacts.ListenPort::port)
        .containsExactly(3000);
  }

  @Test
  void theApplicationsLanguageIsTheEntrypointsAndOtherLanguagesAreLeftOut() {
    var a =
        assemble(
            List.of(
                new File("app.py").listens(8000, 3), new File("static/x/helper.js").route("/x", 1)),
            Set.of(),
            List.of(Dockerfiles.cmd("Dockerfile", "python", "app.py")));
    AppFacts app = app(a, "");
    assertThat(app.language()).isEqualTo(Language.PYTHON);
    assertThat(app.routes()).isEmpty();
  }

  @Test
  void inClusterUrlLiteralsBecomeHostReferencesButEnvDefaultsDoNot() {
    var a =
        assemble(
            List.of(
                new File("app.py")
                    .call("http://inventory:8080/stock", null, 10)
                    .call("http://orders.shop.svc.cluster.local/api", null, 11)
                    .call("https://api.stripe.com/v1/charges", null, 12)
                    .call("http://catalog:8080/items", "CATALOG_URL", 13)),
            Set.of(),
            List.of());
    assertThat(a.hostReferences())
        .extracting(HostReference::host, HostReference::port, HostReference::via)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("inventory", 8080, "outbound call in code"),
            org.assertj.core.groups.Tuple.tuple(
                "orders.shop.svc.cluster.local", null, "outbound call in code"));
  }

  @Test
  void healthRoutesThatOnlyFailBecomeHazards() {
    var a =
        assemble(
            List.of(
                new File("app.py")
                    .route("/healthz", 20, 500)
                    .route("/ready", 30, 200, 503)
                    .route("/broken", 40, 500)),
            Set.of(),
            List.of());
    assertThat(app(a, "").hazards())
        .containsExactly(
            new Hazard.HealthAlwaysFails(
                "GET /healthz", SourceLocation.of("app.py", 20), List.of(500)));
  }

  @Test
  void envRequiredByAScriptBesideTheServerDoesNotStopTheServer() {
    var a =
        assemble(
            List.of(
                new File("app.py").listens(8000, 3).requires("DB_URL", 2),
                new File("scripts/seed_db.py").requires("ADMIN_PASSWORD", 4)),
            Set.of(""),
            List.of(Dockerfiles.cmd("Dockerfile", "python", "app.py")));
    assertThat(app(a, "").envReads())
        .extracting(AppFacts.EnvRead::name, AppFacts.EnvRead::required)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("DB_URL", true),
            org.assertj.core.groups.Tuple.tuple("ADMIN_PASSWORD", false));
  }

  @Test
  void frontEndPackagesAreNotApplicationsOfTheCluster() {
    var a =
        AppAssembler.assemble(
            List.of(
                new File("web/src/api.js").call("http://backend:8080/api", null, 3).facts(),
                new File("api/server.js").listens(8080, 9).facts()),
            Set.of("web", "api"),
            Map.of("web", new StartCommand.PackageScripts("src/index.js", Map.of(), true)),
            List.of());
    assertThat(a.apps()).extracting(AppFacts::root).containsExactly("api");
    assertThat(a.hostReferences()).isEmpty();
  }

  @Test
  void aHealthRouteAnExtractorAlreadyJudgedIsNotJudgedTwice() {
    File go = new File("main.py").route("/healthz", 20, 500);
    go.hazards.add(
        new Hazard.HealthAlwaysFails("/healthz", SourceLocation.of("main.py", 22), List.of(500)));
    var a = assemble(List.of(go), Set.of(), List.of());
    assertThat(app(a, "").hazards()).extracting(h -> h.location().line()).containsExactly(22);
  }
}
