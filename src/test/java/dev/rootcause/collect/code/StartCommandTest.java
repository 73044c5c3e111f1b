package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.code.StartCommand.PackageScripts;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a Dockerfile's ENTRYPOINT and CMD are read: the program, its target, its bind. */
class StartCommandTest {
  private static final String DF = "Dockerfile";

  private static String describe(Optional<StartCommand> start) {
    return start
        .map(
            s ->
                s.kind()
                    + " "
                    + s.target()
                    + (s.listens()
                        ? " :"
                            + s.port()
                            + (s.portEnv() == null ? "" : " $" + s.portEnv())
                            + " on "
                            + s.host()
                        : "")
                    + (s.devServer() == null ? "" : " DEV"))
        .orElse("unknown");
  }

  private static String cmd(String... argv) {
    return describe(StartCommand.of(Dockerfiles.cmd(DF, argv), null));
  }

  @Test
  void pythonScriptsAndModules() {
    assertThat(cmd("python", "app/main.py")).isEqualTo("PYTHON_SCRIPT app/main.py");
    assertThat(cmd("python3", "-u", "-W", "ignore", "/app/buggy-app.py"))
        .isEqualTo("PYTHON_SCRIPT /app/buggy-app.py");
    assertThat(cmd("python", "-m", "myservice.main")).isEqualTo("PYTHON_MODULE myservice.main");
    assertThat(cmd("python", "manage.py", "runserver", "0.0.0.0:8000"))
        .isEqualTo("PYTHON_SCRIPT manage.py :8000 on 0.0.0.0 DEV");
  }

  @Test
  void gunicornAndUvicornBinds() {
    assertThat(cmd("gunicorn", "-w", "4", "-b", "0.0.0.0:8080", "app.main:app"))
        .isEqualTo("PYTHON_SERVER app.main :8080 on 0.0.0.0");
    assertThat(cmd("gunicorn", "--bind=:5000", "wsgi:create_app()"))
        .isEqualTo("PYTHON_SERVER wsgi :5000 on null");
    // No --bind: gunicorn's own default, 127.0.0.1:8000 or 0.0.0.0:$PORT.
    assertThat(cmd("gunicorn", "app:app")).isEqualTo("PYTHON_SERVER app :8000 $PORT on 127.0.0.1");
    // A config file may bind anything: unknown.
    assertThat(cmd("gunicorn", "-c", "gunicorn.conf.py", "app:app")).isEqualTo("PYTHON_SERVER app");
    assertThat(cmd("uvicorn", "main:app", "--host", "0.0.0.0", "--port", "80"))
        .isEqualTo("PYTHON_SERVER main :80 on 0.0.0.0");
    assertThat(cmd("python", "-m", "uvicorn", "api.app:app", "--reload"))
        .isEqualTo("PYTHON_SERVER api.app :8000 $UVICORN_PORT on 127.0.0.1 DEV");
  }

  @Test
  void shellFormChainsEnvWrappersAndPortVariables() {
    assertThat(
            describe(
                StartCommand.of(
                    Dockerfiles.of(
                        DF,
                        "/app",
                        Map.of(),
                        null,
                        Dockerfiles.shell(
                            DF,
                            9,
                            "python migrate.py && exec gunicorn -b 0.0.0.0:${PORT:-8000} app:app")),
                    null)))
        .isEqualTo("PYTHON_SERVER app :8000 $PORT on 0.0.0.0");
    assertThat(
            describe(
                StartCommand.of(
                    Dockerfiles.of(
                        DF,
                        "/app",
                        Map.of(),
                        Dockerfiles.exec(DF, 8, "/usr/bin/tini", "--"),
                        Dockerfiles.exec(DF, 9, "node", "server.js")),
                    null)))
        .isEqualTo("NODE_SCRIPT server.js");
    assertThat(
            describe(
                StartCommand.of(
                    Dockerfiles.of(
                        DF,
                        "/app",
                        Map.of(),
                        Dockerfiles.exec(DF, 8, "docker-entrypoint.sh"),
                        Dockerfiles.exec(DF, 9, "python", "app.py")),
                    null)))
        .isEqualTo("PYTHON_SCRIPT app.py");
    assertThat(
            describe(
                StartCommand.of(
                    Dockerfiles.of(
                        DF,
                        "/app",
                        Map.of("FLASK_APP", "api.py"),
                        null,
                        Dockerfiles.exec(DF, 9, "flask", "run", "--host=0.0.0.0")),
                    null)))
        .isEqualTo("PYTHON_SERVER api :5000 $FLASK_RUN_PORT on 0.0.0.0 DEV");
  }

  @Test
  void npmScriptsAreFollowedThroughPackageJson() {
    PackageScripts pkg =
        new PackageScripts(
            "src/index.js",
            Map.of(
                "start",
                "node --enable-source-maps dist/server.js",
                "dev",
                "nodemon src/index.js"));
    assertThat(describe(StartCommand.of(Dockerfiles.cmd(DF, "npm", "start"), pkg)))
        .isEqualTo("NODE_SCRIPT dist/server.js");
    assertThat(describe(StartCommand.of(Dockerfiles.cmd(DF, "npm", "run", "dev"), pkg)))
        .isEqualTo("NODE_SCRIPT src/index.js DEV");
    // npm start without a start script runs "node server.js", or the main file
    assertThat(
            describe(
                StartCommand.of(
                    Dockerfiles.cmd(DF, "npm", "start"), new PackageScripts(null, Map.of()))))
        .isEqualTo("NODE_SCRIPT server.js");
    assertThat(describe(StartCommand.of(Dockerfiles.cmd(DF, "node", "."), pkg)))
        .isEqualTo("NODE_SCRIPT src/index.js");
  }

  @Test
  void theScriptsAnImageRunsAreThoseItsCommandReachesNotTheOthers() {
    PackageScripts pkg =
        new PackageScripts(
            "server.js",
            Map.of(
                "start", "npm run migrate && node --max-old-space-size=4096 server.js",
                "migrate", "knex migrate:latest",
                "dev", "node --max-old-space-size=8192 --inspect server.js"));
    assertThat(
            StartCommand.scriptsRun(
                Dockerfiles.cmd(DF, "npm", "start").finalStage().orElseThrow(), pkg))
        .containsExactly("start", "migrate");
    assertThat(
            StartCommand.scriptsRun(
                Dockerfiles.cmd(DF, "sh", "-c", "yarn dev").finalStage().orElseThrow(), pkg))
        .containsExactly("dev");
    assertThat(
            StartCommand.scriptsRun(
                Dockerfiles.cmd(DF, "node", "server.js").finalStage().orElseThrow(), pkg))
        .isEmpty();
  }

  @Test
  void unknownProgramsAreUnknown() {
    assertThat(cmd("/app/server")).isEqualTo("unknown");
    assertThat(cmd("java", "-jar", "app.jar")).isEqualTo("unknown");
    assertThat(cmd("npm", "run", "missing-script")).isEqualTo("unknown");
  }

  @Test
  void shellWordsHonourQuotesAndOperators() {
    assertThat(StartCommand.split("sh -c 'echo \"a b\"' && exec node x.js|tee log"))
        .isEqualTo(
            List.of("sh", "-c", "echo \"a b\"", "&&", "exec", "node", "x.js", "|", "tee", "log"));
  }
}
