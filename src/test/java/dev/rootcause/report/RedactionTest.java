package dev.rootcause.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What Redaction masks, and what it must leave alone for findings to stay useful. */
class RedactionTest {

  @Test
  void passwordsInUrlsAreMaskedAndTheHostKept() {
    assertThat(Redaction.redact("DATABASE_URL=postgres://admin:hunter2@db:5432/app"))
        .isEqualTo("DATABASE_URL=postgres://admin:<redacted>@db:5432/app");
  }

  @Test
  void aPasswordHoldingAnAtSignIsMaskedWhole() {
    assertThat(Redaction.redact("redis://user:p@ss@cache:6379/0"))
        .isEqualTo("redis://user:<redacted>@cache:6379/0");
  }

  @Test
  void aTokenUsedAsTheUserOfAUrlIsMasked() {
    assertThat(Redaction.redact("git clone https://ghs_abcdef0123456789@github.com/acme/app"))
        .isEqualTo("git clone https://<redacted>@github.com/acme/app");
  }

  @Test
  void secretLookingPairsAreMasked() {
    assertThat(Redaction.redact("DB_PASSWORD=hunter2, api_key: 'k-123', \"clientSecret\": \"s3\""))
        .isEqualTo(
            "DB_PASSWORD=<redacted>, api_key: '<redacted>', \"clientSecret\": \"<redacted>\"");
  }

  @Test
  void bearerTokensJwtsAndKnownKeyShapesAreMasked() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJlLXNpZw";
    assertThat(Redaction.redact("Authorization: Bearer abcdef0123456789xyz"))
        .isEqualTo("Authorization: Bearer <redacted>");
    assertThat(Redaction.redact("user admin uses " + jwt)).isEqualTo("user admin uses <redacted>");
    assertThat(Redaction.redact("key AKIAIOSFODNN7EXAMPLE in env"))
        .isEqualTo("key <redacted> in env");
    assertThat(
            Redaction.redact(
                "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----"))
        .isEqualTo("<redacted>");
  }

  @Test
  void referencesToSecretsAndOrdinaryValuesAreKept() {
    assertThat(Redaction.redact("DB_PASSWORD=$(DB_PASSWORD) from secretKeyRef"))
        .isEqualTo("DB_PASSWORD=$(DB_PASSWORD) from secretKeyRef");
    assertThat(Redaction.redact("CHAOS_FAILURE_RATE=0.5 is set on container db"))
        .isEqualTo("CHAOS_FAILURE_RATE=0.5 is set on container db");
    assertThat(Redaction.redact("http://auth-service:3000/verify and postgres://db:5432/app"))
        .isEqualTo("http://auth-service:3000/verify and postgres://db:5432/app");
    assertThat(Redaction.redact("DB_PASSWORD=<redacted>")).isEqualTo("DB_PASSWORD=<redacted>");
  }

  @Test
  void credentialHeadersEchoedRawOrAsJsonAreMaskedKeepingOnlyTheScheme() {
    assertThat(
            Redaction.redact(
                "Cookie: session=3f9a1c; theme=dark\nSet-Cookie: sid=77ab; Path=/;"
                    + " HttpOnly\nAuthorization: Basic dXNlcjpwYXNz\nProxy-Authorization: Digest x=1\n"
                    + "X-Api-Key: k-8812\nX-Auth-Token: t-4411\nContent-Type: text/plain"))
        .isEqualTo(
            "Cookie: <redacted>\nSet-Cookie: <redacted>\nAuthorization: Basic <redacted>\n"
                + "Proxy-Authorization: Digest <redacted>\nX-Api-Key: <redacted>\nX-Auth-Token: <redacted>\n"
                + "Content-Type: text/plain");
    assertThat(
            Redaction.redact(
                "{\"headers\": {\"Cookie\": \"session=3f9a1c; theme=dark\","
                    + " \"Authorization\":\"Basic dXNlcjpwYXNz\", \"Accept\": \"*/*\"}}"))
        .isEqualTo(
            "{\"headers\": {\"Cookie\": \"<redacted>\","
                + " \"Authorization\":\"Basic <redacted>\", \"Accept\": \"*/*\"}}");
  }

  @Test
  void apiKeysOfCommonProvidersAreMaskedWhereverTheyStand() {
    for (String key :
        new String[] {
          "sk_live_51HqLyjWDarjtT1zdp7dc",
          "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
          "ghp_16C7e42F292c6912E7710c838347Ae178B4a",
          "github_pat_11ABCDEFG0123456789_abcdefghij",
          "AKIAIOSFODNN7EXAMPLE",
          "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy",
          "xoxp-4956864-2209-1240-0d1f2c3e4b5a69788f",
          "sk-proj-Zx81bQ2mN4pL6vR8tY0wA3cE5gI7kM9oQ1sU"
        }) {
      assertThat(Redaction.redact("upstream said: invalid key " + key + " for org acme"))
          .as(key)
          .isEqualTo("upstream said: invalid key <redacted> for org acme");
    }
  }

  @Test
  void passwordsInJsonAreMaskedWholeEscapedOrNot() {
    assertThat(Redaction.redact("{\"user\": \"ana\", \"password\": \"correct horse battery\"}"))
        .isEqualTo("{\"user\": \"ana\", \"password\": \"<redacted>\"}");
    // A JSON document logged inside a JSON string: the quotes are escaped.
    assertThat(
            Redaction.redact(
                "{\"log\": \"{\\\"password\\\":\\\"hunter 2\\\",\\\"api_key\\\":"
                    + "\\\"k-1\\\"}\"}"))
        .isEqualTo(
            "{\"log\": \"{\\\"password\\\":\\\"<redacted>\\\",\\\"api_key\\\":"
                + "\\\"<redacted>\\\"}\"}");
    assertThat(Redaction.redact("{\"secret\": \"s3cr3t\", \"token\": \"tok-9\"}"))
        .isEqualTo("{\"secret\": \"<redacted>\", \"token\": \"<redacted>\"}");
    // A body cut off inside the value still hides what was kept of it.
    assertThat(Redaction.redact("{\"password\": \"hunter2-and-mo"))
        .isEqualTo("{\"password\": \"<redacted>");
  }

  @Test
  void tokenQueryParametersAreMaskedAndTheOtherParametersKept() {
    assertThat(Redaction.redact("GET /api/orders?token=abc123&page=2&access_token=x9&api_key=k7"))
        .isEqualTo(
            "GET /api/orders?token=<redacted>&page=2&access_token=<redacted>"
                + "&api_key=<redacted>");
  }

  @Test
  void whatIsNotASecretIsKept() {
    // A finding's location in a file named for secrets keeps its line and column.
    assertKept("k8s/secrets.yaml:12:5: Secret db-credentials is never mounted");
    assertKept("k8s/secrets.yaml:12");
    // Counts in a JSON body are numbers, not credentials.
    assertKept("{\"tokens\": 3, \"max_tokens\": 256, \"usage\": {\"secrets\": 2}}");
    assertKept("Content-Type: application/json\nCache-Control: no-store");
    assertKept("the task-queue-worker-deployment-name is fine");
  }

  private static void assertKept(String text) {
    assertThat(Redaction.redact(text)).isEqualTo(text);
  }
}
