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
}
