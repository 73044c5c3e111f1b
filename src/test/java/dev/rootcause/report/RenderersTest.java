package dev.rootcause.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The registry says which formats each result has, in one order, and refuses the others. */
class RenderersTest {

  @Test
  void scanHasEveryFormat() {
    assertThat(Renderers.SCAN.formats()).containsExactly(Format.values());
    assertThat(Renderers.SCAN.labels()).isEqualTo("text, json, sarif, markdown, html");
  }

  @Test
  void probeAndVerifyHaveEveryFormatButSarif() {
    assertThat(Renderers.PROBE.formats())
        .containsExactly(Format.TEXT, Format.JSON, Format.MARKDOWN, Format.HTML);
    assertThat(Renderers.VERIFY.formats())
        .containsExactly(Format.TEXT, Format.JSON, Format.MARKDOWN, Format.HTML);
  }

  @Test
  void aFormatAResultLacksIsRefusedNamingTheOnesItHas() {
    assertThatThrownBy(() -> Renderers.PROBE.renderer(Format.SARIF, RenderOptions.PLAIN))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no sarif report here; the formats are text, json, markdown, html");
  }
}
