package dev.rootcause.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.incident.IncidentSeverity;
import dev.rootcause.pipeline.InputException;
import dev.rootcause.testing.Cli;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes the room safe to run: escaped text, CSRF on every write, the token beyond loopback,
 * redacted secrets, a strict Content-Security-Policy, and no Host but the loopback's.
 */
class ServeSecurityTest {
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";
  private static final String HOSTILE =
      "<script>alert(1)</script><img src=x onerror=\"alert(2)\"> see <a href=javascript:alert(3)>";

  @TempDir Path dir;

  @Test
  void aNoteWithScriptAndAnOnerrorAttributeRendersAsTextEverywhere() throws Exception {
    try (Room room = Room.start(dir, null, List.of())) {
      String id = room.open("checkout <b>502</b>", IncidentSeverity.SEV2, "checkout");
      room.post("/incidents/" + id + "/notes", Map.of("text", HOSTILE));

      for (String path :
          List.of(
              "/incidents/" + id,
              "/incidents/" + id + "/postmortem",
              "/incidents/" + id + "/postmortem.html",
              "/")) {
        String page = room.get(path).body();
        assertThat(page).as(path).doesNotContain("<script>alert").doesNotContain("<img src=x");
        assertThat(page).as(path).doesNotContain("<b>502</b>").contains("&lt;b&gt;502&lt;/b&gt;");
      }
      assertThat(room.get("/incidents/" + id).body())
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=\"alert(2)\"&gt;");
      assertThat(room.get("/incidents/" + id + "/postmortem").body())
          .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
          .doesNotContain("href=\"javascript:");
    }
  }

  @Test
  void aSecretInANoteIsRedactedOnThePageAndInTheApi() throws Exception {
    try (Room room = Room.start(dir, null, List.of())) {
      String id = room.open("db down", IncidentSeverity.SEV1, "orders");
      room.post(
          "/incidents/" + id + "/notes",
          Map.of("text", "tried postgres://orders:hunter2@db:5432/orders and password=hunter2"));
      assertThat(room.get("/incidents/" + id).body())
          .doesNotContain("hunter2")
          .contains("&lt;redacted&gt;");
      assertThat(room.get("/api/incidents/" + id).body()).doesNotContain("hunter2");
    }
  }

  @Test
  void aWriteWithoutTheCsrfTokenOrFromAnotherOriginIsRefusedAndWritesNothing() throws Exception {
    try (Room room = Room.start(dir, null, List.of())) {
      String id = room.open("cart empty", IncidentSeverity.SEV2, "cart");
      room.get("/incidents/" + id);

      HttpResponse<String> none = room.postRaw("/incidents/" + id + "/notes", Map.of("text", "x"));
      assertThat(none.statusCode()).isEqualTo(403);
      assertThat(none.body()).contains("CSRF");

      HttpResponse<String> wrong =
          room.postRaw(
              "/incidents/" + id + "/status",
              Map.of("status", "resolved", "_csrf", "forged-forged-forged-forged-forged"));
      assertThat(wrong.statusCode()).isEqualTo(403);

      HttpResponse<String> crossSite =
          room.postRaw(
              "/incidents/" + id + "/notes",
              Map.of("text", "x", "_csrf", room.csrf()),
              "Origin",
              "https://evil.example");
      assertThat(crossSite.statusCode()).isEqualTo(403);

      assertThat(room.incidents.show(id).notes()).isEmpty();
      assertThat(room.incidents.show(id).status().open()).isTrue();
    }
  }

  @Test
  void withATokenEveryRequestNeedsItAndTheLoginFormSetsIt() throws Exception {
    try (Room room = Room.start(dir, TOKEN, List.of())) {
      String id = room.open("api 503", IncidentSeverity.SEV2, "api");

      HttpResponse<String> page = room.get("/");
      assertThat(page.statusCode()).isEqualTo(303);
      assertThat(page.headers().firstValue("Location")).hasValue("/login");
      assertThat(room.get("/api/incidents").statusCode()).isEqualTo(401);
      assertThat(
              room.get("/api/incidents", "Authorization", "Bearer wrong-token-wrong-token")
                  .statusCode())
          .isEqualTo(401);
      HttpResponse<String> write =
          room.postRaw("/incidents/" + id + "/notes", Map.of("text", "x", "_csrf", room.csrf()));
      assertThat(write.statusCode()).isEqualTo(401);
      assertThat(room.incidents.show(id).notes()).isEmpty();

      assertThat(room.get("/api/incidents", "Authorization", "Bearer " + TOKEN).statusCode())
          .isEqualTo(200);

      HttpResponse<String> badLogin =
          room.postRaw("/login", Map.of("token", "not-it", "_csrf", room.csrf()));
      assertThat(badLogin.statusCode()).isEqualTo(401);
      HttpResponse<String> login =
          room.postRaw("/login", Map.of("token", TOKEN, "_csrf", room.csrf()));
      assertThat(login.statusCode()).isEqualTo(303);
      assertThat(login.headers().allValues("Set-Cookie"))
          .anySatisfy(
              c ->
                  assertThat(c)
                      .startsWith(Guard.SESSION_COOKIE)
                      .contains("HttpOnly")
                      .contains("SameSite=Strict")
                      .doesNotContain(TOKEN));
      assertThat(room.get("/").statusCode()).isEqualTo(200);
      assertThat(room.post("/incidents/" + id + "/notes", Map.of("text", "logged in")).statusCode())
          .isEqualTo(303);
    }
  }

  @Test
  void everyResponseCarriesAStrictContentSecurityPolicyAndNoSniff() throws Exception {
    try (Room room = Room.start(dir, null, List.of())) {
      for (String path : List.of("/", "/static/room.js", "/api/incidents", "/no-such-page")) {
        HttpResponse<String> r = room.get(path);
        assertThat(r.headers().firstValue("Content-Security-Policy"))
            .as(path)
            .hasValueSatisfying(
                csp ->
                    assertThat(csp)
                        .contains("script-src 'self'")
                        .contains("frame-ancestors 'none'")
                        .doesNotContain("unsafe-inline"));
        assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      }
      assertThat(room.get("/").body()).doesNotContain("<script>").doesNotContain("style=");
    }
  }

  @Test
  void aLoopbackServerWithoutATokenAnswersOnlyToALoopbackHost() throws Exception {
    // A page on another site that rebinds its name to 127.0.0.1 still sends its own Host.
    try (Room room = Room.start(dir, null, List.of());
        java.net.Socket s = new java.net.Socket("127.0.0.1", room.server.port())) {
      s.getOutputStream()
          .write(
              ("GET /api/incidents HTTP/1.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String answer =
          new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 403");
    }
    assertThat(Guard.loopbackHost("localhost:8080")).isTrue();
    assertThat(Guard.loopbackHost("127.0.0.1:8080")).isTrue();
    assertThat(Guard.loopbackHost("[::1]:8080")).isTrue();
    assertThat(Guard.loopbackHost("deadbeef")).isFalse();
    assertThat(Guard.loopbackHost("10.0.0.5:8080")).isFalse();
  }

  @Test
  void bindingBeyondLoopbackWithoutATokenExitsTwoWithOneLine() {
    Cli.Run r =
        Cli.run(
            "serve", "--bind", "0.0.0.0", "--port", "0", "--store", dir.resolve("s.db").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err())
        .contains("--bind 0.0.0.0 is reachable from other machines")
        .contains("--token");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aShortTokenAndAnEmptyTokenFileAreRefused() throws Exception {
    Cli.Run shortToken = Cli.run("serve", "--bind", "0.0.0.0", "--token", "secret", "--port", "0");
    assertThat(shortToken.exit()).isEqualTo(2);
    assertThat(shortToken.err()).contains("shorter than 16 characters");
    Path empty = Files.writeString(dir.resolve("token"), "\n");
    Cli.Run emptyFile = Cli.run("serve", "--token-file", empty.toString(), "--port", "0");
    assertThat(emptyFile.exit()).isEqualTo(2);
    assertThat(emptyFile.err()).contains("is empty");
  }

  @Test
  void aTokenIsNeverTakenForAnotherServersBind() {
    assertThat(
            org.assertj.core.api.Assertions.catchThrowable(
                () ->
                    IncidentRoom.start(
                        Room.settings(dir.resolve("x.db").toString(), "0.0.0.0", null, List.of()))))
        .isInstanceOf(InputException.class);
  }
}
