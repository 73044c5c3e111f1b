package dev.rootcause.rules.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.model.FindingKind;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Running as root is hardening advice, until the manifest demands runAsNonRoot without a uid: then
 * the kubelet refuses the pod, and the same rule reports a root cause.
 */
class RunsAsRootKindTest {
  private static final Path CASES =
      Path.of("src/test/resources/rules/docker/runs-as-root/positive");

  @Test
  void rootWithNothingRefusingItIsHardening() {
    assertThat(kinds("deployment-without-security-context")).containsOnly(FindingKind.HARDENING);
    assertThat(kinds("seed-000-python-no-user")).containsOnly(FindingKind.HARDENING);
  }

  @Test
  void rootWhereTheManifestDemandsNonRootIsARootCause() {
    assertThat(kinds("run-as-non-root-without-uid")).containsOnly(FindingKind.ROOT_CAUSE);
  }

  private static List<FindingKind> kinds(String kase) {
    List<Finding> findings = Scans.scan(CASES.resolve(kase), "docker/runs-as-root").findings();
    assertThat(findings).isNotEmpty();
    return findings.stream().map(Finding::kind).toList();
  }
}
