package dev.rootcause.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A real HTTP server on loopback that behaves like the services of the seed incidents: healthy,
 * slow ({@code sleep(3-8 s)} in {@code /}, scaled down), failing at random half the time (seed
 * 003), a {@code /healthz} that returns 500 (seed 000), a release that fails every request (seed
 * 004's v2).
 */
public final class HttpFixture implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger requests = new AtomicInteger();

  private HttpFixture(HttpServer server) {
    this.server = server;
    server.setExecutor(executor);
  }

  public static HttpFixture start() {
    try {
      return started(HttpServer.create(loopback(), 128));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server with a self-signed certificate for 127.0.0.1, as a test or dev box has. */
  public static HttpFixture startTls() {
    try (InputStream in = HttpFixture.class.getResourceAsStream("/probe/self-signed.p12")) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, "changeit".toCharArray());
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "changeit".toCharArray());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      HttpsServer server = HttpsServer.create(loopback(), 50);
      server.setHttpsConfigurator(new HttpsConfigurator(ctx));
      return started(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  private static HttpFixture started(HttpServer server) {
    HttpFixture f = new HttpFixture(server);
    server.start();
    return f;
  }

  /** Serves {@code path} with {@code handler}; returns this for chaining. */
  public HttpFixture on(String path, HttpHandler handler) {
    server.createContext(
        path,
        exchange -> {
          requests.incrementAndGet();
          try (exchange) {
            handler.handle(exchange);
          }
        });
    return this;
  }

  public String url(String path) {
    return (server instanceof HttpsServer ? "https" : "http")
        + "://127.0.0.1:"
        + server.getAddress().getPort()
        + path;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // Handlers of the seeds.

  public static HttpHandler ok(String body) {
    return ex -> send(ex, 200, body);
  }

  public static HttpHandler status(int code, String body) {
    return ex -> send(ex, code, body);
  }

  /** Seed 000's {@code /}: a sleep between {@code minMillis} and {@code maxMillis}, then 200. */
  public static HttpHandler slow(long minMillis, long maxMillis, long seed) {
    Random random = new Random(seed);
    return ex -> {
      long sleep;
      synchronized (random) {
        sleep = minMillis + (long) (random.nextDouble() * (maxMillis - minMillis));
      }
      try {
        Thread.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      send(ex, 200, "{\"message\":\"hello\"}");
    };
  }

  /**
   * Seed 003's {@code /}: {@code random.choice([True, False])} raises, answered 500. Seeded, so
   * requests sent one after another see the sequence of {@code new Random(seed).nextBoolean()}.
   */
  public static HttpHandler flaky(long seed) {
    Random random = new Random(seed);
    return ex -> {
      boolean fail;
      synchronized (random) {
        fail = random.nextBoolean();
      }
      if (fail) {
        send(
            ex,
            500,
            "<!doctype html><title>500 Internal Server Error</title>"
                + "<h1>Internal Server Error</h1><p>Exception: Random Failure: Simulated production bug"
                + " (db password=hunter2)</p>");
      } else {
        send(ex, 200, "{\"status\":\"ok\"}");
      }
    };
  }

  /** Seed 004's v2: {@code json.loads(file)} raises on every request. */
  public static HttpHandler brokenRelease() {
    return ex ->
        send(
            ex,
            500,
            "Traceback (most recent call last):\n  File \"application.py\","
                + " line 21, in index\n    urls = json.loads(f)\nTypeError: the JSON object must be str,"
                + " bytes or bytearray, not TextIOWrapper\n");
  }

  /**
   * A debugging endpoint left on in production, failing: it answers 500 with the request's headers
   * echoed raw and as JSON (as httpbin and many error pages do), the user record with its password,
   * provider keys from its config, and an escape sequence from a log line.
   */
  public static HttpHandler echoWithSecrets() {
    return ex -> {
      String raw =
          ex.getRequestHeaders().entrySet().stream()
              .map(h -> h.getKey() + ": " + String.join(", ", h.getValue()))
              .collect(Collectors.joining("\n"));
      String json =
          ex.getRequestHeaders().entrySet().stream()
              .map(h -> "\"" + h.getKey() + "\": \"" + String.join(", ", h.getValue()) + "\"")
              .collect(Collectors.joining(", ", "{", "}"));
      ex.getResponseHeaders().add("Set-Cookie", "sid=s-5f2e91; Path=/; HttpOnly");
      send(
          ex,
          500,
          "Internal Server Error\n"
              + raw
              + "\nheaders="
              + json
              + "\nuser={\"name\": \"ana\", \"password\": \"correct horse battery\", \"tokens\": 3}"
              + "\nlogged={\\\"password\\\":\\\"escaped-hunter2\\\"}"
              + "\nconfig: STRIPE=sk_live_51HqLyjWDarjtT1zdp7dc GITHUB=ghp_16C7e42F292c6912E7710c838347Ae178B4a"
              + " AWS=AKIAIOSFODNN7EXAMPLE SLACK=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
              + "\nlast log line: \u001b]0;pwned\u0007\u001b[2J done");
    };
  }

  /** Answers after {@code millis}; for timeouts. */
  public static HttpHandler hang(long millis) {
    return ex -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      send(ex, 200, "late");
    };
  }

  public static void send(HttpExchange ex, int code, String body) throws IOException {
    ex.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders()
        .set(
            "Content-Type", body.startsWith("{") ? "application/json" : "text/html; charset=utf-8");
    ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** A loopback port nothing listens on: connections to it are refused. */
  public static int closedPort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
