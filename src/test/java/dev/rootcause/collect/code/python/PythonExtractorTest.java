package dev.rootcause.collect.code.python;

import static dev.rootcause.collect.code.Extract.calls;
import static dev.rootcause.collect.code.Extract.envs;
import static dev.rootcause.collect.code.Extract.facts;
import static dev.rootcause.collect.code.Extract.hazards;
import static dev.rootcause.collect.code.Extract.listens;
import static dev.rootcause.collect.code.Extract.routes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.code.Extract;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.model.app.Hazard.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the Python extractor reads from realistic files, seed-shaped ones first. */
class PythonExtractorTest {

  private static String fixture(String path) throws IOException {
    return Files.readString(Path.of("src/test/resources/rules", path));
  }

  @Test
  void seed000FlaskServiceSleepsInRootAndFailsItsHealthCheck() throws IOException {
    SourceFacts f =
        facts(
            "app/main.py",
            """
        import os
        import random
        import time

        from flask import Flask, jsonify

        app = Flask(__name__)


        @app.route("/")
        def index():
            time.sleep(random.randint(3, 8))
            return jsonify({"service": "sre-assessment", "status": "running"})


        @app.route("/healthz")
        def healthz():
            return jsonify({"status": "unhealthy"}), 500


        @app.route("/version")
        def version():
            return jsonify({"version": os.environ.get("APP_VERSION", "dev")})


        if __name__ == "__main__":
            app.run(host="0.0.0.0", port=8080)
        """);
    assertThat(f.framework()).isEqualTo("flask");
    assertThat(f.startsServer()).isTrue();
    assertThat(listens(f)).containsExactly("8080 on 0.0.0.0");
    assertThat(routes(f))
        .containsExactly("GET / [200]", "GET /healthz [500]", "GET /version [200]");
    assertThat(envs(f)).containsExactly("APP_VERSION =dev");
    assertThat(hazards(f, Kind.SLEEP_IN_HANDLER))
        .containsExactly("GET / | sleeps in time.sleep(random.randint(3, 8)) on every request @12");
    assertThat(hazards(f, Kind.DEV_SERVER))
        .containsExactly("null | Flask's development server (app.run(...)) @27");
    assertThat(hazards(f, Kind.RANDOM_FAILURE)).isEmpty();
  }

  @Test
  void seed003RandomExceptionInRootWhileHealthStaysUp() throws IOException {
    SourceFacts f =
        facts(
            "buggy-app.py",
            fixture(
                "app/random-failure-injection/positive/flask-random-choice-raise/buggy-app.py"));
    assertThat(routes(f)).containsExactly("GET / [200, 500]", "GET /health [200]");
    assertThat(hazards(f, Kind.RANDOM_FAILURE))
        .containsExactly(
            "GET / | raises Exception when "
                + "random.choice([True, False]) is true (about 50% of requests) @11");
    assertThat(listens(f)).containsExactly("5000 on 0.0.0.0");
  }

  @Test
  void seed004JsonLoadsOnTheFileObjectOfAWithBlock() throws IOException {
    SourceFacts f =
        facts(
            "application.py",
            fixture("app/json-loads-on-file/positive/url-shortener-v2/application.py"));
    assertThat(hazards(f, Kind.JSON_LOADS_ON_FILE))
        .containsExactly(
            "GET /<string:code> | "
                + "json.loads(urls_file) is given a file object (open(URLS_FILE), line 13), not a string @15");
    assertThat(routes(f)).containsExactly("GET /<string:code> [302, 404]", "GET / [200]");
  }

  @Test
  void envReadsAreRequiredOnlyWhenTheirAbsenceStopsTheProcess() {
    SourceFacts f =
        facts(
            "config.py",
            """
        import os
        import sys
        from os import environ, getenv

        DB = os.environ["DB_NAME"]
        TOKEN = environ.get("TOKEN")
        REGION = getenv("REGION", "eu-west-1")
        PORT = int(os.environ.get("PORT", 8080))
        for name in ("A_KEY", "B_KEY"):
            if name not in os.environ:
                sys.exit(f"{name} missing")
        SECRET = os.getenv("SECRET")
        if SECRET is None:
            raise RuntimeError("SECRET is required")
        try:
            OPTIONAL = os.environ["OPTIONAL"]
        except KeyError:
            OPTIONAL = None
        if "FEATURE" in os.environ:
            FEATURE = os.environ["FEATURE"]
        os.environ["WRITTEN"] = "1"


        def handler():
            return os.environ["PER_REQUEST"]


        def main():
            return os.environ["MAIN_ONLY"]


        if __name__ == "__main__":
            main()
        """);
    assertThat(envs(f))
        .containsExactly(
            "DB_NAME required",
            "TOKEN",
            "REGION =eu-west-1",
            "PORT =8080",
            "A_KEY required",
            "B_KEY required",
            "SECRET required",
            "OPTIONAL",
            "FEATURE",
            "PER_REQUEST",
            "MAIN_ONLY required");
  }

  @Test
  void listenPortsThroughEnvDefaultsAndOneVariable() {
    assertThat(
            listens(
                facts(
                    "main.py",
                    """
        import os

        import uvicorn
        from fastapi import FastAPI

        app = FastAPI()
        PORT = int(os.getenv("PORT", "8000"))

        if __name__ == "__main__":
            uvicorn.run("main:app", host="0.0.0.0", port=PORT)
        """)))
        .containsExactly("8000 $PORT on 0.0.0.0");
    assertThat(
            listens(
                facts(
                    "app.py",
                    """
        import os
        from flask import Flask

        app = Flask(__name__)

        if __name__ == "__main__":
            app.run(port=os.environ["PORT"])
        """)))
        .containsExactly("null $PORT on 127.0.0.1");
    assertThat(
            listens(
                facts(
                    "app.py",
                    """
        from flask import Flask
        app = Flask(__name__)
        app.run()
        """)))
        .containsExactly("5000 on 127.0.0.1");
  }

  @Test
  void httpServerHandlersAreCatchAllsWithPathBranches() {
    SourceFacts f =
        facts(
            "server.py",
            """
        from http.server import BaseHTTPRequestHandler, HTTPServer


        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                if self.path == "/healthz":
                    self.send_response(200)
                    self.end_headers()
                    return
                self.send_error(404)


        HTTPServer(("", 9000), Handler).serve_forever()
        """);
    assertThat(f.framework()).isEqualTo("http.server");
    assertThat(listens(f)).containsExactly("9000 on ");
    assertThat(routes(f)).containsExactly("GET /* [200, 404]", "GET /healthz [200]");
  }

  @Test
  void routeStatusesFromAbortTuplesResponsesAndRaises() {
    SourceFacts f =
        facts(
            "api.py",
            """
        from flask import Blueprint, Flask, Response, abort, jsonify, make_response
        from werkzeug.exceptions import ServiceUnavailable

        app = Flask(__name__)
        api = Blueprint("api", __name__, url_prefix="/api")


        @api.route("/orders", methods=["GET", "POST"])
        def orders():
            if not db_ready():
                abort(503)
            return jsonify([]), 200


        @api.get("/orders/<int:oid>")
        def order(oid):
            if oid < 0:
                return Response("bad id", status=400)
            if oid == 0:
                raise ServiceUnavailable()
            return make_response(jsonify({}), 201)


        @api.delete("/orders/<int:oid>")
        def delete(oid):
            raise NotImplementedError


        app.register_blueprint(api)
        app.register_blueprint(admin, url_prefix="/admin")
        """);
    assertThat(routes(f))
        .containsExactly(
            "GET /api/orders [200, 503]",
            "POST /api/orders [200, 503]",
            "GET /api/orders/<int:oid> [201, 400, 503]",
            "DELETE /api/orders/<int:oid> [500]",
            "* /admin/* []");
  }

  @Test
  void fastApiStatusCodesAndHttpExceptions() {
    SourceFacts f =
        facts(
            "main.py",
            """
        from fastapi import APIRouter, FastAPI, HTTPException, status

        app = FastAPI()
        router = APIRouter(prefix="/v1")


        @router.post("/items", status_code=201)
        async def create(item: dict):
            if "name" not in item:
                raise HTTPException(status_code=status.HTTP_422_UNPROCESSABLE_ENTITY)
            return item


        @app.get("/healthz")
        def healthz():
            raise HTTPException(503, "warming up")


        app.include_router(router)
        """);
    assertThat(f.framework()).isEqualTo("fastapi");
    assertThat(routes(f)).containsExactly("POST /v1/items [201, 422]", "GET /healthz [503]");
  }

  @Test
  void outboundCallsWithTheirUrlsAndTimeouts() throws IOException {
    SourceFacts f =
        facts(
            "app.py",
            fixture("app/outbound-call-without-timeout/positive/requests-without-timeout/app.py"));
    assertThat(calls(f))
        .containsExactly(
            "$CATALOG_URL http://catalog:8080/items NO-TIMEOUT",
            "https://pricing.internal.example.com/v1/rates NO-TIMEOUT",
            "https://cdn.example.com/banner.txt NO-TIMEOUT");
    SourceFacts ok =
        facts(
            "client.py",
            fixture("app/outbound-call-without-timeout/negative/timeouts-everywhere/client.py"));
    // All have timeouts: explicit, in **opts, or httpx's default. A relative URL is no URL.
    assertThat(calls(ok))
        .containsExactly(
            "$BILLING_URL http://billing:8080/invoices/{}",
            "$BILLING_URL http://billing:8080/invoices",
            "$BILLING_URL http://billing:8080/health",
            "null");
  }

  @Test
  void decoysStaySilent() throws IOException {
    SourceFacts worker =
        facts("app.py", fixture("app/sleep-in-handler/negative/sleep-in-background-worker/app.py"));
    assertThat(routes(worker)).containsExactly("POST /jobs [202]", "GET /healthz [200]");
    assertThat(worker.hazards()).isEmpty();

    SourceFacts ids =
        facts(
            "application.py",
            fixture(
                "app/random-failure-injection/negative/random-for-ids-and-jitter/application.py"));
    assertThat(routes(ids)).containsExactly("POST /shorten [201]");
    assertThat(ids.hazards()).isEmpty();

    SourceFacts retries =
        facts(
            "client.py",
            fixture("app/retry-without-backoff/negative/exponential-backoff/client.py"));
    assertThat(calls(retries)).hasSize(1);
    assertThat(retries.hazards()).isEmpty();

    SourceFacts items =
        facts(
            "sync.py",
            fixture("app/retry-without-backoff/negative/loop-over-items-skips-failures/sync.py"));
    assertThat(items.hazards()).isEmpty();

    SourceFacts caches =
        facts(
            "app.py",
            fixture("app/unbounded-growth-in-handler/negative/cache-with-eviction/app.py"));
    assertThat(routes(caches)).containsExactly("GET /ping [200]");
    assertThat(caches.hazards()).isEmpty();

    SourceFacts locked =
        facts(
            "app.py",
            fixture("app/unguarded-shared-state/negative/every-access-under-lock/app.py"));
    assertThat(locked.hazards()).isEmpty();

    SourceFacts health =
        facts(
            "app.py",
            fixture("app/health-endpoint-fails/negative/fails-only-when-dependency-down/app.py"));
    assertThat(routes(health)).containsExactly("GET /healthz [200, 503]");
  }

  @Test
  void hazardsInHandlersAndRetries() throws IOException {
    SourceFacts growth =
        facts(
            "app.py", fixture("app/unbounded-growth-in-handler/positive/flask-request-log/app.py"));
    assertThat(hazards(growth, Kind.UNBOUNDED_GROWTH)).hasSize(2);
    SourceFacts retries =
        facts(
            "worker.py",
            fixture("app/retry-without-backoff/positive/python-retry-forever-and-tight/worker.py"));
    assertThat(hazards(retries, Kind.RETRY_WITHOUT_BACKOFF))
        .containsExactly(
            "null | retry loop around requests.get(...) tries again forever, with no attempt limit @11",
            "null | retry loop around requests.post(...) tries again immediately, with no delay between "
                + "attempts @23");
    SourceFacts shared =
        facts(
            "app.py",
            fixture("app/unguarded-shared-state/positive/counter-read-outside-lock/app.py"));
    assertThat(hazards(shared, Kind.UNGUARDED_SHARED_STATE))
        .containsExactly(
            "GET /stats | counter is updated under a lock (line 14) but read here without it @21",
            "null | counter is updated under a lock (line 14) but written here without it @27");
  }

  @Test
  void brokenSyntaxIsANoteNotAFailure() {
    var result =
        Extract.read(
            "app.py",
            """
        from flask import Flask
        app = Flask(__name__)

        @app.route("/ok")
        def ok():
            return "fine"

        def broken(:
            pass
        """);
    assertThat(result.notes())
        .singleElement()
        .asString()
        .startsWith("Python syntax rootcause does not understand at line ");
    assertThat(routes(result.facts())).containsExactly("GET /ok [200]");
  }
}
