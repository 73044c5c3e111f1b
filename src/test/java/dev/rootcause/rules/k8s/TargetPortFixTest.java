package dev.rootcause.rules.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targetPort fix names the exact value to set, whatever the pods and the code declare. */
class TargetPortFixTest {
  private static final Path CASES =
      Path.of("src/test/resources/rules/k8s/service-target-port-unresolved/positive");

  private static List<String> fixes(String kase) {
    return Scans.scan(CASES.resolve(kase), "k8s/service-target-port-unresolved").findings().stream()
        .map(Finding::fix)
        .toList();
  }

  @Test
  void theDeclaredPortTheCodeListensOnWinsAmongSeveral() {
    assertThat(fixes("code-port-among-several-declared"))
        .containsExactly(
            "Set targetPort to 8080 (or 'web'), the port container api's app listens on.");
  }

  @Test
  void withoutCodeTheDeclaredPortsAreTheChoices() {
    assertThat(fixes("several-declared-code-unknown"))
        .containsExactly(
            "Set targetPort to the one of 9200 (or 'rest'), 9300 (or 'transport') that serves"
                + " this Service's traffic.");
    assertThat(fixes("named-port-undefined")).containsExactly("Set targetPort to 8080 (or 'web').");
  }

  @Test
  void aNameNoPodDeclaresIsDeclaredWithTheCodesPort() {
    assertThat(fixes("named-target-no-ports-declared"))
        .containsExactly(
            "Set targetPort to 5000, the port container worker's app listens on, and declare it"
                + " on the container (name: http, containerPort: 5000).");
  }
}
