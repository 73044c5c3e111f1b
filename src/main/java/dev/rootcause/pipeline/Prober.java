package dev.rootcause.pipeline;

import dev.rootcause.collect.http.LoadGenerator;
import dev.rootcause.model.probe.ProbePlan;
import dev.rootcause.model.probe.ProbeResult;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The probe use case: send the planned load and measure what each URL did. {@code probe} and {@code
 * verify} come through here, so the CLI never touches the load generator itself.
 */
public final class Prober {

  /** How far a run has got, while it runs: for a live status line. */
  public record Progress(Duration elapsed, long done, long failures, long planned) {}

  /**
   * Sends the planned load and measures it. Never fails for what the network does: refused
   * connections, DNS failures, resets and timeouts are counted in the result.
   *
   * @param progress told about four times a second, from the calling thread
   * @throws InputException when a URL cannot be probed (not http or https, no host)
   */
  public ProbeResult measure(ProbePlan plan, Consumer<Progress> progress)
      throws InputException, InterruptedException {
    try {
      return new LoadGenerator()
          .run(
              plan,
              p -> progress.accept(new Progress(p.elapsed(), p.done(), p.failures(), p.planned())));
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }
}
