package dev.rootcause.cli;

import dev.rootcause.pipeline.Prober;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A one-line live status on standard error while load runs, rewritten in place; silent when
 * standard error is not a terminal or {@code --quiet} is set, so logs and pipes stay clean.
 */
final class ProgressLine implements Consumer<Prober.Progress> {
  private final PrintWriter err;
  private final boolean enabled;
  private boolean drawn;

  ProgressLine(PrintWriter err, boolean enabled) {
    this.err = err;
    this.enabled = enabled;
  }

  @Override
  public void accept(Prober.Progress p) {
    if (!enabled) {
      return;
    }
    double s = p.elapsed().toMillis() / 1000.0;
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "\r  %6.1fs  %,d done  %,d failed  %,.0f req/s",
                s,
                p.done(),
                p.failures(),
                s > 0 ? p.done() / s : 0));
    if (p.planned() > 0) {
      line.append(String.format(Locale.ROOT, "  %3d%%", (int) (100 * p.done() / p.planned())));
    }
    line.append("   ");
    err.print(line);
    err.flush();
    drawn = true;
  }

  /** Clears the line so the report starts on a clean one. */
  void clear() {
    if (drawn) {
      err.print("\r" + " ".repeat(72) + "\r");
      err.flush();
    }
  }
}
