package dev.rootcause.collect.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the throughput utility working; it measures, this only checks that it runs. */
class ExtractorThroughputTest {

  @Test
  void measuresEveryLanguageOnTheGeneratedCorpus() {
    List<ExtractorThroughput.Result> results =
        ExtractorThroughput.run(
            ExtractorThroughput.goCorpus(3, 1), ExtractorThroughput.javaCorpus(3, 1));

    assertThat(results)
        .extracting(ExtractorThroughput.Result::what)
        .containsExactly(
            "go: parse only", "go: parse + extract", "java: parse only", "java: parse + extract");
    assertThat(results)
        .allSatisfy(
            r -> {
              assertThat(r.files()).isEqualTo(3);
              assertThat(r.bytes()).isPositive();
            });
  }
}
