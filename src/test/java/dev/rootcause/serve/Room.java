package dev.rootcause.serve;

import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.Status;
import dev.rootcause.pipeline.Budgets;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.pipeline.Incidents;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.rules.Rule;
import dev.rootcause.testing.Cli;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real incident room for a test: a store in a temp folder, the server on an ephemeral loopback
 * port, and an HTTP client that keeps cookies like a browser.
 */
final class Room implements AutoCloseable {
  final String store;
  final Incidents incidents;
  final IncidentRoom server;
  final HttpClient http;

  private Room(String store, IncidentRoom server) {
    this.store = store;
    this.incidents = new Incidents(store, Clock.systemUTC());
    this.server = server;
    this.http = client();
  }

  static Room start(Path dir, String token, List<Path> allowRun) throws InputException {
    return start(dir, token, allowRun, List.of());
  }

  static Room start(Path dir, String token, List<Path> allowRun, List<String> allowUrls)
      throws InputException {
    String store = dir.resolve("rootcause.db").toString();
    new Incidents(store, Clock.systemUTC()).list(false);
    return new Room(
        store, IncidentRoom.start(settings(store, "127.0.0.1", token, allowRun, allowUrls)));
  }

  static ServeSettings settings(String store, String bind, String token, List<Path> allowRun) {
    return settings(store, bind, token, allowRun, List.of());
  }

  static ServeSettings settings(
      String store, String bind, String token, List<Path> allowRun, List<String> allowUrls) {
    return new ServeSettings(
        bind,
        0,
        store,
        token,
        allowRun,
        allowUrls,
        BuiltInRules.all().stream().map(Rule::info).toList(),
        Clock.systemUTC());
  }

  static HttpClient client() {
    return HttpClient.newBuilder()
        .cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  String open(String title, IncidentSeverity severity, String... services) throws InputException {
    return incidents.open(
        new Incidents.Opening(title, severity, List.of(services), null, null), false);
  }

  void slo(String service, String availability) throws InputException {
    Budgets budgets = new Budgets(store, Clock.systemUTC());
    budgets.set(Budgets.slo(service, availability, null, "30d"), false);
  }

  /** Attaches the findings of a real scan of one of the examples. */
  void attachScanOf(String id, Path example, Path dir) throws InputException, IOException {
    Cli.Run scan = Cli.run("scan", example.toString(), "--format", "json", "--no-cache");
    Path json = dir.resolve("scan-" + System.nanoTime() + ".json");
    Files.writeString(json, scan.out());
    incidents.attachScan(id, json, null, false);
  }

  void resolve(String id) throws InputException {
    incidents.status(id, Status.RESOLVED, "rolled back", null, false);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts a form the way a browser does, with the CSRF token of the page just loaded. */
  HttpResponse<String> post(String path, Map<String, String> form)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(form);
    all.put("_csrf", csrf());
    return postRaw(path, all);
  }

  HttpResponse<String> postRaw(String path, Map<String, String> form, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The token a page's forms carry: the value of the CSRF cookie the server set. */
  String csrf() throws IOException, InterruptedException {
    get("/rules");
    CookieManager cookies = (CookieManager) http.cookieHandler().orElseThrow();
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(Guard.CSRF_COOKIE))
        .findFirst()
        .orElseThrow()
        .getValue();
  }

  static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  @Override
  public void close() {
    server.close();
  }
}
