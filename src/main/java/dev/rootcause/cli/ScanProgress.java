package dev.rootcause.cli;

import dev.rootcause.pipeline.Scanner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "reading 1,234 of 5,000 files" on standard error, rewritten in place, for a scan that lasts more
 * than a second on a terminal; a quick scan, a pipe or a log never see it.
 */
final class ScanProgress implements Scanner.Progress, AutoCloseable {
  /** A scan shorter than this shows nothing: a line that flashes and vanishes is noise. */
  static final Duration DELAY = Duration.ofSeconds(1);

  private final PrintWriter err;
  private final AtomicInteger total = new AtomicInteger(-1);
  private final AtomicInteger done = new AtomicInteger();
  private final ScheduledExecutorService timer;
  private boolean drawn;
  private boolean closed;

  /** A progress line on {@code err}, or (when not {@code enabled}) one that only counts. */
  ScanProgress(PrintWriter err, boolean enabled) {
    this.err = err;
    if (!enabled) {
      timer = null;
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "rootcause-progress");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleAtFixedRate(this::draw, DELAY.toMillis(), 200, TimeUnit.MILLISECONDS);
  }

  @Override
  public void filesFound(int files) {
    total.set(files);
  }

  @Override
  public void fileDone() {
    done.incrementAndGet();
  }

  /** The line as it is drawn now. */
  String line() {
    int of = total.get();
    if (of < 0) {
      return "  looking for files...";
    }
    int read = done.get();
    return read < of
        ? String.format(Locale.ROOT, "  reading %,d of %,d files", read, of)
        : String.format(Locale.ROOT, "  read %,d files; checking", of);
  }

  private synchronized void draw() {
    if (closed) {
      return;
    }
    err.print("\r" + line() + "   ");
    err.flush();
    drawn = true;
  }

  /** Stops drawing and clears the line, so the report starts on a clean one. */
  @Override
  public synchronized void close() {
    if (timer == null) {
      return;
    }
    timer.shutdownNow();
    closed = true;
    if (drawn) {
      err.print("\r" + " ".repeat(60) + "\r");
      err.flush();
    }
  }
}
