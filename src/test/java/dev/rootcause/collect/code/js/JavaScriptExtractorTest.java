package dev.rootcause.collect.code.js;

import static dev.rootcause.collect.code.Extract.calls;
import static dev.rootcause.collect.code.Extract.envs;
import static dev.rootcause.collect.code.Extract.facts;
import static dev.rootcause.collect.code.Extract.hazards;
import static dev.rootcause.collect.code.Extract.listens;
import static dev.rootcause.collect.code.Extract.routes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.code.Extract;
import dev.rootcause.collect.code.SourceFacts;
import dev.rootcause.model.app.AppFacts;
import dev.rootcause.model.app.Hazard.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the JavaScript/TypeScript extractor reads, seed 002's CloudMart services first. */
class JavaScriptExtractorTest {

  private static String fixture(String path) throws IOException {
    return Files.readString(Path.of("src/test/resources/rules", path));
  }

  @Test
  void seed002DatabaseServiceExitsWithoutDbNameAndHasAChaosSwitch() {
    SourceFacts f =
        facts(
            "server.js",
            """
        // A small in-memory "database" with an HTTP API.
        const express = require('express');
        const crypto = require('crypto');

        const DB_NAME = process.env.DB_NAME;
        if (!DB_NAME) {
          console.error('FATAL: DB_NAME environment variable is required');
          process.exit(1);
        }

        const PORT = parseInt(process.env.DB_PORT || '8080', 10);
        const CHAOS_FAILURE_RATE = parseFloat(process.env.CHAOS_FAILURE_RATE || '0');

        const app = express();
        app.use(express.json());

        app.get('/health', (req, res) => res.json({ status: 'ok', db: DB_NAME }));

        app.post('/records', (req, res) => {
          if (Math.random() < CHAOS_FAILURE_RATE) {
            return res.status(500).json({ error: 'simulated database failure' });
          }
          res.status(201).json({ id: crypto.randomUUID() });
        });

        app.listen(PORT, () => console.log(`listening on ${PORT}`));
        """);
    assertThat(f.framework()).isEqualTo("express");
    assertThat(f.startsServer()).isTrue();
    assertThat(envs(f))
        .containsExactly("DB_NAME required", "DB_PORT =8080", "CHAOS_FAILURE_RATE =0");
    assertThat(listens(f)).containsExactly("8080 $DB_PORT");
    assertThat(routes(f)).containsExactly("GET /health [200]", "POST /records [201, 500]");
    // The rate is 0 unless the environment sets it: a switch, judged where the manifest sets it.
    assertThat(hazards(f, Kind.RANDOM_FAILURE)).isEmpty();
  }

  @Test
  void seed002OrderServiceRetriesTheDatabaseWithoutBackoff() throws IOException {
    SourceFacts f =
        facts(
            "server.js",
            fixture("app/retry-without-backoff/positive/order-service-tight-retry/server.js"));
    assertThat(hazards(f, Kind.RETRY_WITHOUT_BACKOFF))
        .containsExactly(
            "POST /orders | retry loop "
                + "around axios.post(...) tries again immediately, with no delay between attempts @14");
    assertThat(calls(f)).containsExactly("$DATABASE_URL null"); // no default: the host is unknown
    assertThat(listens(f)).containsExactly("3002 $PORT");
  }

  @Test
  void seed002ApiServiceListensOn3000AndCallsThroughATimedAxiosInstance() {
    SourceFacts f =
        facts(
            "server.js",
            """
        const express = require('express');
        const axios = require('axios');

        const app = express();
        const PORT = process.env.PORT || 3000;
        const AUTH_URL = process.env.AUTH_SERVICE_URL || 'http://auth-service:3001';
        const http = axios.create({ timeout: 5000 });

        app.get('/health', (req, res) => {
          res.json({ status: 'ok' });
        });

        app.post('/api/orders', async (req, res) => {
          try {
            const auth = await http.post(`${AUTH_URL}/verify`, { token: 'guest' });
            if (!auth.data.valid) {
              return res.status(401).json({ error: 'unauthorized' });
            }
            res.status(201).json({});
          } catch (err) {
            res.status(502).json({ error: 'upstream failure' });
          }
        });

        app.listen(PORT, () => console.log(`api-service listening on ${PORT}`));
        """);
    assertThat(listens(f)).containsExactly("3000 $PORT");
    assertThat(routes(f)).containsExactly("GET /health [200]", "POST /api/orders [201, 401, 502]");
    assertThat(calls(f)).containsExactly("$AUTH_SERVICE_URL http://auth-service:3001/verify");
  }

  @Test
  void listenFormsOfExpressFastifyAndNodeHttp() {
    assertThat(
            listens(
                facts(
                    "a.js",
                    """
        const express = require('express');
        const http = require('http');
        const app = express();
        const port = Number(process.env.PORT ?? 4000);
        http.createServer(app).listen(port, '0.0.0.0');
        """)))
        .containsExactly("4000 $PORT on 0.0.0.0");
    assertThat(
            listens(
                facts(
                    "b.mjs",
                    """
        import Fastify from 'fastify';
        const fastify = Fastify({ logger: true });
        fastify.get('/ping', async () => ({ pong: true }));
        await fastify.listen({ port: 8080, host: '0.0.0.0' });
        """)))
        .containsExactly("8080 on 0.0.0.0");
    assertThat(
            listens(
                facts(
                    "c.js",
                    """
        const fastify = require('fastify')();
        fastify.listen({ port: 3000 });
        """)))
        .containsExactly("3000 on 127.0.0.1");
    assertThat(
            listens(
                facts(
                    "d.js",
                    """
        const { PORT = 5000 } = process.env;
        const app = require('express')();
        app.listen(PORT);
        """)))
        .containsExactly("5000 $PORT");
  }

  @Test
  void typeScriptExpressWithTypedHandlersAndNodeHttpBranches() {
    SourceFacts ts =
        facts(
            "src/server.ts",
            """
        import express, { Request, Response } from 'express';

        const app = express();
        const port: number = Number(process.env.PORT ?? 3000) as number;

        app.get('/healthz', (req: Request, res: Response): void => {
          res.sendStatus(503);
        });

        app.get('/users/:id', async (req: Request, res: Response, next) => {
          try {
            res.json(await findUser(req.params.id));
          } catch (err) {
            next(err);
          }
        });

        app.listen(port);
        """);
    assertThat(ts.language()).isEqualTo(AppFacts.Language.TYPESCRIPT);
    assertThat(routes(ts)).containsExactly("GET /healthz [503]", "GET /users/:id [200, 500]");
    assertThat(listens(ts)).containsExactly("3000 $PORT");

    SourceFacts node =
        facts(
            "server.js",
            """
        const http = require('http');
        const server = http.createServer((req, res) => {
          if (req.url === '/healthz') {
            res.writeHead(200);
            return res.end('ok');
          }
          res.statusCode = 404;
          res.end();
        });
        server.listen(8081);
        """);
    assertThat(routes(node)).containsExactly("* /* [404]", "* /healthz [200]");
    assertThat(listens(node)).containsExactly("8081");
  }

  @Test
  void requiredEnvThroughLoopsOverNames() {
    SourceFacts f =
        facts(
            "config.js",
            """
        const REQUIRED = ['DATABASE_URL', 'JWT_SECRET'];
        REQUIRED.forEach((name) => {
          if (!process.env[name]) {
            throw new Error(`${name} is required`);
          }
        });
        for (const key of ['REDIS_URL']) {
          if (process.env[key] === undefined) process.exit(1);
        }
        const level = process.env.LOG_LEVEL ?? 'info';
        function handler(req, res) {
          if (!process.env.FEATURE_FLAG) throw new Error('off');
        }
        module.exports = { level, handler };
        """);
    assertThat(envs(f))
        .containsExactly(
            "DATABASE_URL required",
            "JWT_SECRET required",
            "REDIS_URL required",
            "LOG_LEVEL =info",
            "FEATURE_FLAG");
  }

  @Test
  void handlerHazards() throws IOException {
    SourceFacts sleeps =
        facts(
            "server.js", fixture("app/sleep-in-handler/positive/express-await-timeout/server.js"));
    assertThat(hazards(sleeps, Kind.SLEEP_IN_HANDLER))
        .containsExactly(
            "GET /products | sleeps in await sleep(1500) on every request @11",
            "GET /products/:id | responds only after setTimeout(..., 2000) @17");
    SourceFacts random =
        facts(
            "server.js",
            fixture("app/random-failure-injection/positive/express-math-random-500/server.js"));
    assertThat(hazards(random, Kind.RANDOM_FAILURE))
        .containsExactly(
            "GET /stock/:sku | answers 500 when Math.random() < 0.3 (about 30% of requests) @7",
            "POST /reserve | throws Error when Math.floor(Math.random() * 4) === 0 (about 25% of "
                + "requests) @15");
    SourceFacts growth =
        facts(
            "server.js",
            fixture("app/unbounded-growth-in-handler/positive/express-map-per-record/server.js"));
    assertThat(hazards(growth, Kind.UNBOUNDED_GROWTH)).hasSize(2);
  }

  @Test
  void decoysStaySilent() throws IOException {
    java.util.Map<String, Kind> decoys =
        java.util.Map.of(
            "app/sleep-in-handler/negative/backoff-between-retries/server.js",
            Kind.SLEEP_IN_HANDLER,
            "app/random-failure-injection/negative/random-for-ids-and-jitter/server.js",
            Kind.RANDOM_FAILURE,
            "app/random-failure-injection/negative/chaos-rate-off-by-default/server.js",
            Kind.RANDOM_FAILURE,
            "app/retry-without-backoff/negative/exponential-backoff/server.js",
            Kind.RETRY_WITHOUT_BACKOFF,
            "app/retry-without-backoff/negative/loop-over-items-skips-failures/sync.js",
            Kind.RETRY_WITHOUT_BACKOFF,
            "app/unbounded-growth-in-handler/negative/cache-with-eviction/server.js",
            Kind.UNBOUNDED_GROWTH);
    decoys.forEach(
        (path, kind) -> {
          try {
            assertThat(hazards(facts("server.js", fixture(path)), kind)).as(path).isEmpty();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
    SourceFacts ready =
        facts(
            "server.js",
            fixture(
                "app/health-endpoint-fails/negative/fails-only-when-dependency-down/server.js"));
    assertThat(routes(ready)).containsExactly("GET /ready [200, 503]");
  }

  @Test
  void routerMountsAndNotFoundHandlers() {
    SourceFacts f =
        facts(
            "app.js",
            """
        const express = require('express');
        const users = require('./routes/users');
        const app = express();
        const api = express.Router();
        api.get('/status', (req, res) => res.json({ ok: true }));
        app.use('/api', api);
        app.use('/users/', users);
        app.route('/items').get((req, res) => res.json([])).post((req, res) => res.sendStatus(201));
        app.use((req, res) => res.status(404).send('not found'));
        axios.get('/relative', { params: { a: 1 } });
        """);
    assertThat(routes(f))
        .containsExactly(
            "GET /status [200]",
            "* /api/* []",
            "* /users/* []",
            "GET /items [200]",
            "POST /items [201]",
            "* /* [404]");
  }

  @Test
  void brokenSyntaxIsANoteNotAFailure() {
    var result =
        Extract.read(
            "server.js",
            """
        const express = require('express');
        const app = express();
        app.get('/ok', (req, res) => res.json({}));
        function broken( {
        app.listen(3000);
        """);
    assertThat(result.notes())
        .singleElement()
        .asString()
        .startsWith("JavaScript syntax rootcause does not understand");
    assertThat(result.facts()).isNotNull();
  }
}
