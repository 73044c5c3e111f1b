package dev.rootcause.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rootcause.collect.cluster.ClusterReadException;
import dev.rootcause.collect.cluster.ClusterReader;
import dev.rootcause.collect.cluster.DumpClusterReader;
import dev.rootcause.model.cluster.ClusterObjects;
import dev.rootcause.model.cluster.ClusterState;
import dev.rootcause.model.cluster.ContainerLog;
import dev.rootcause.model.cluster.PodState;
import dev.rootcause.pipeline.Diagnoser.Selection;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A narrowed diagnosis reads the logs of the pods it keeps only (on a live cluster each is an API
 * call), and what it keeps is what a diagnosis that read every log would have kept.
 */
class NarrowedLogReadTest {
  /** Reads the dump, and remembers whose logs were asked for. */
  private static final class Recording implements ClusterReader {
    final DumpClusterReader dump;
    final Set<String> logsRead = new TreeSet<>();

    Recording(DumpClusterReader dump) {
      this.dump = dump;
    }

    @Override
    public List<ContainerLog> lastLogs(String namespace, PodFilter wanted)
        throws ClusterReadException {
      return dump.lastLogs(
          namespace,
          (ns, pod) -> {
            boolean wants = wanted.wants(ns, pod);
            if (wants) {
              logsRead.add(ns + "/" + pod);
            }
            return wants;
          });
    }

    @Override
    public String describe() {
      return dump.describe();
    }

    @Override
    public String context() {
      return dump.context();
    }

    @Override
    public boolean live() {
      return false;
    }

    @Override
    public List<PodState> pods(String namespace) throws ClusterReadException {
      return dump.pods(namespace);
    }

    @Override
    public List<ContainerLog> logs(String namespace, Instant since) throws ClusterReadException {
      return dump.logs(namespace, since);
    }

    @Override
    public ClusterObjects objects(String namespace) throws ClusterReadException {
      return dump.objects(namespace);
    }

    @Override
    public Instant now() {
      return dump.now();
    }

    @Override
    public void close() {
      dump.close();
    }
  }

  private static Set<String> logKeys(ClusterState state) {
    Set<String> keys = new TreeSet<>();
    state.logs().forEach(l -> keys.add(l.namespace() + "/" + l.pod() + "/" + l.container()));
    return keys;
  }

  @ParameterizedTest(name = "{0}{1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "-|deploy/order-service",
        "-|svc/database-service",
        "app in (auth-service,api-service)|-",
        "app=gateway|-",
      })
  void logsAreReadForTheKeptPodsOnlyAndKeepWhatAFullReadKeeps(String selector, String target)
      throws Exception {
    Selection selection = new Selection(selector, target, null, UnaryOperator.identity());
    ClusterState everything;
    try (DumpClusterReader reader =
        DumpClusterReader.open(SymptomJoinTest.BROKEN, SymptomJoinTest.BROKEN_AT)) {
      everything = Diagnoser.read(reader, "production");
    }
    ClusterState fromAll = ClusterSelection.select(everything, selector, target);

    Recording reader =
        new Recording(DumpClusterReader.open(SymptomJoinTest.BROKEN, SymptomJoinTest.BROKEN_AT));
    ClusterState narrowed;
    try (reader) {
      narrowed =
          ClusterSelection.select(
              Diagnoser.read(reader, "production", selection), selector, target);
    }

    Set<String> keptPods = new TreeSet<>();
    fromAll.pods().forEach(p -> keptPods.add(p.namespace() + "/" + p.name()));
    assertThat(reader.logsRead).isEqualTo(keptPods);
    assertThat(keptPods).hasSizeLessThan(everything.pods().size());
    assertThat(logKeys(narrowed)).isEqualTo(logKeys(fromAll)).isNotEmpty();
    assertThat(narrowed.pods())
        .extracting(PodState::name)
        .isEqualTo(fromAll.pods().stream().map(PodState::name).toList());
  }
}
