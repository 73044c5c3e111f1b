package dev.rootcause.rules.cross;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.model.Finding;
import dev.rootcause.testing.Scans;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fix texts name a value that works: the port the code listens on, the label that differs, a limit
 * above the heap.
 */
class FixTextsTest {
  private static final Path FIXTURES = Path.of("src/test/resources/rules");

  private static List<String> fixes(String ruleId, String kase) {
    return Scans.scan(FIXTURES.resolve(ruleId).resolve(kase), ruleId).findings().stream()
        .map(Finding::fix)
        .toList();
  }

  @Test
  void targetPortFixNamesTheCodesPortAndNoContainerPortThatDoesNotExist() {
    assertThat(fixes("cross/port-mismatch", "positive/sidecar-beside-app"))
        .contains("Set targetPort to 3000.")
        .noneMatch(f -> f.contains("name of that containerPort"));
  }

  @Test
  void selectorFixNamesTheKeyWhoseValueDiffers() {
    assertThat(fixes("k8s/service-selects-nothing", "positive/second-key-differs"))
        .containsExactly(
            "Change the selector to app.kubernetes.io/component: api"
                + " (or relabel the pods app.kubernetes.io/component: backend).");
  }

  @Test
  void memoryFixIsAboveTheHeapTheCommandAsksFor() {
    assertThat(fixes("k8s/memory-limit-too-low", "positive/heap-flag-above-limit"))
        .containsExactly(
            "Raise limits.memory to at least 960Mi: the container asks for -Xmx768m,"
                + " and the runtime needs room beside it (measure the peak under load).");
  }
}
