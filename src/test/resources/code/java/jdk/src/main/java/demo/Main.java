package demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

public class Main {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  public static void main(String[] args) throws IOException {
    String portEnv = System.getenv("PORT");
    int port = portEnv == null ? 8000 : Integer.parseInt(portEnv);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/", new RootHandler());
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(500, -1);
      exchange.close();
    });
    server.createContext("/quote", Main::quote);
    server.start();
  }

  static void quote(HttpExchange exchange) throws IOException {
    if (ThreadLocalRandom.current().nextDouble() < 0.2) {
      exchange.sendResponseHeaders(503, -1);
      return;
    }
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://rates:9000/latest"))
        .timeout(Duration.ofSeconds(2))
        .build();
    try {
      HttpResponse<String> rates = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      byte[] body = rates.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
    } catch (InterruptedException e) {
      exchange.sendResponseHeaders(504, -1);
    }
  }

  static class RootHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      HttpRequest ping = HttpRequest.newBuilder().uri(URI.create(System.getenv("AUDIT_URL"))).build();
      CLIENT.sendAsync(ping, HttpResponse.BodyHandlers.discarding());
      byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
