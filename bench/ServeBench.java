import dev.rootcause.collect.store.IncidentStore;
import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.model.incident.Slo;
import dev.rootcause.model.incident.Status;
import dev.rootcause.model.incident.TimelineEntry;
import dev.rootcause.pipeline.BuiltInRules;
import dev.rootcause.rules.Rule;
import dev.rootcause.serve.IncidentRoom;
import dev.rootcause.serve.ServeSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

/**
 * Page times of `rootcause serve` on a store with 1,000 incidents and one incident with 5,000
 * timeline entries: p50/p95 over N requests per page, server and client in one JVM on loopback.
 * Run with the jar: java -cp target/rootcause.jar bench/ServeBench.java [N]
 */
public class ServeBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    Path dir = Files.createTempDirectory("serve-bench");
    String store = dir.resolve("bench.db").toString();
    long t0 = System.nanoTime();
    String big;
    long start = 1_767_225_600L; // 2026-01-01T00:00:00Z
    try (IncidentStore s = IncidentStore.open("jdbc:sqlite:" + store)) {
      String[] services = {"checkout", "payments", "search", "auth", "cart", "orders", "catalog"};
      for (int i = 0; i < 1000; i++) {
        String id = s.create("incident " + i + ": 5xx on " + services[i % 7], IncidentSeverity.values()[i % 4],
            List.of(services[i % 7]), start + i * 3600L, 0);
        s.append(id, new TimelineEntry(start + i * 3600L + 60, TimelineEntry.Kind.NOTE, null, "rolled back"));
        if (i % 10 != 0) {
          s.append(id, new TimelineEntry(start + i * 3600L + 900, TimelineEntry.Kind.STATUS, Status.RESOLVED, "Status: resolved"));
        }
      }
      big = s.create("checkout 502 storm", IncidentSeverity.SEV1, List.of("checkout"), start + 1000 * 3600L, 0);
      for (int i = 0; i < 5000; i++) {
        s.append(big, new TimelineEntry(start + 1000 * 3600L + i, TimelineEntry.Kind.NOTE, null, "probe " + i + ": 502 from checkout-7d9f"));
      }
      s.putSlo(new Slo("checkout", 30 * 86400L, 2592, "99.9% availability over 30d"));
    }
    System.out.printf("store: 1,001 incidents, %s with 5,000 entries, written in %.1f s%n", big, (System.nanoTime() - t0) / 1e9);

    ServeSettings settings = new ServeSettings("127.0.0.1", 0, store, null, List.of(), List.of(),
        BuiltInRules.all().stream().map(Rule::info).toList(), Clock.systemUTC());
    try (IncidentRoom room = IncidentRoom.start(settings)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + room.port();
      String revision = revision(http, base + "/incidents/" + big);
      String[] pages = {
        "/", "/?page=20", "/?service=checkout&status=all", "/incidents/" + big, "/incidents/" + big + "?page=50",
        "/incidents/" + big + "/live?page=1&since=" + revision, "/incidents/" + big + "/postmortem",
        "/services", "/api/incidents", "/api/incidents/" + big, "/api/budgets"
      };
      System.out.printf("%-52s %8s %8s %8s %10s%n", "page", "p50 ms", "p95 ms", "max ms", "bytes");
      for (String page : pages) {
        double[] ms = new double[n];
        int bytes = 0;
        for (int i = 0; i < 10; i++) {
          get(http, base + page);
        }
        for (int i = 0; i < n; i++) {
          long t = System.nanoTime();
          bytes = get(http, base + page).length();
          ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-52s %8.1f %8.1f %8.1f %10d%n", page.length() > 52 ? page.substring(0, 49) + "..." : page,
            ms[n / 2], ms[(int) Math.ceil(n * 0.95) - 1], ms[n - 1], bytes);
      }
    }
  }

  private static String get(HttpClient http, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 && r.statusCode() != 204) {
      throw new IllegalStateException(url + " answered " + r.statusCode());
    }
    return r.body();
  }

  private static String revision(HttpClient http, String url) throws Exception {
    String html = get(http, url);
    int at = html.indexOf("data-revision=\"") + 15;
    return html.substring(at, html.indexOf('"', at));
  }
}
