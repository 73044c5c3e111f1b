package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Confidence;
import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.model.Severity;
import dev.rootcause.model.SourceLocation;
import dev.rootcause.model.cluster.LogCause;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A crash loop joins a static finding only when its log's cause is what that finding names: the
 * variable, the setting, the whole host name.
 */
class CrashLoopCauseNamedTest {
  private static Finding cause(String message) {
    return new Finding(
        "k8s/unknown-service-host",
        Severity.HIGH,
        "Deployment inventory/stock-service container stock-service",
        "getaddrinfo ENOTFOUND",
        message,
        SourceLocation.of("k8s/stock-service.yaml", 24),
        List.of(),
        "Point the env at the Service.",
        Confidence.CERTAIN,
        FindingKind.ROOT_CAUSE);
  }

  @ParameterizedTest(name = "{0} {1} in \"{2}\": {3}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HOST_NOT_FOUND|postgres|env SPRING_DATASOURCE_URL points to postgres:5432, but namespace"
            + " inventory has no Service postgres|true",
        "HOST_NOT_FOUND|postgres|env DB_HOST points to postgres-replica, but namespace inventory"
            + " has no Service postgres-replica|false",
        "HOST_NOT_FOUND|postgres|env DB_HOST points to postgres.billing.svc, but namespace billing"
            + " has no Service postgres|true",
        "HOST_NOT_FOUND|redis|env CACHE_URL points to postgres.prod:6379|false",
        "MISSING_ENV|DB_NAME|container database-service does not set DB_NAME|true",
        "MISSING_ENV|DB_NAME|container database-service does not set DB_NAME_PREFIX|false",
        "CONNECTION_REFUSED|postgres|env DB_HOST points to postgres:5432, which has no"
            + " endpoints|false",
      })
  void theLogsCauseMustBeWhatTheFindingNames(
      LogCause.Kind kind, String subject, String message, boolean joins) {
    assertThat(SymptomJoin.names(cause(message), new LogCause(kind, subject))).isEqualTo(joins);
  }
}
