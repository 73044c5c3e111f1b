package com.acme.pricing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public final class Main {
  public static void main(String[] args) throws IOException {
    // expect: app/listens-on-loopback "binds localhost:8081"
    HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 8081), 0);
    server.createContext("/health", exchange -> {
      byte[] body = "UP".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/price", exchange -> {
      byte[] body = "{\"sku\":\"A1\",\"cents\":499}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }
}
