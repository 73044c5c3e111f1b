package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.Facts;
import dev.rootcause.collect.FileCollector;
import dev.rootcause.collect.FileKind;
import dev.rootcause.collect.SourceFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@code diagnose --repo}: the repository is read once, though its model is linked twice (alone, to
 * learn which cluster objects it declares, then with the others beside it).
 */
class DiagnoseReadsRepositoryOnceTest {

  /** Counts, per path, how often a file of any kind is handed to a collector. */
  static final class Counting implements FileCollector {
    final Map<String, Integer> reads = new ConcurrentHashMap<>();

    @Override
    public boolean accepts(FileKind kind) {
      return true;
    }

    @Override
    public void collect(SourceFile file, String text, Facts facts) {
      reads.merge(file.path(), 1, Integer::sum);
    }
  }

  @Test
  void everyFileOfTheRepositoryIsCollectedOnceAndTheClusterObjectsBesideIt() throws Exception {
    Counting counting = new Counting();
    List<FileCollector> collectors = new ArrayList<>(Collectors.fileCollectors());
    collectors.add(counting);
    var rules =
        BuiltInRules.all().stream()
            .filter(r -> !ClusterCriteria.GATE.contains(r.info().id()))
            .toList();
    Diagnoser diagnoser = new Diagnoser(rules, new Scanner(rules, collectors));
    Diagnoser.Source dump =
        new Diagnoser.Source(
            Path.of("src/test/resources/diagnose/seed-002-broken"),
            Instant.parse("2025-02-11T16:52:00Z"),
            null,
            null,
            null,
            false,
            Duration.ofSeconds(10));

    var diagnosis =
        diagnoser.diagnose(
            dump, Path.of("examples/cloudmart"), new Scanner.Options(null, 8L << 20));

    assertThat(counting.reads)
        .containsKeys("services/order-service/server.js", "k8s/03-api-service.yaml")
        .allSatisfy((path, times) -> assertThat(times).as(path).isEqualTo(1));
    // The join still sees the whole repository: the retry loop is told at its line.
    assertThat(diagnosis.result().findings())
        .anySatisfy(f -> assertThat(f.symptom()).contains("retries database without backoff"));
  }
}
