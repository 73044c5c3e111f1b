package dev.rootcause.collect.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * One thread's share of the connections, multiplexed on one selector as wrk does: no thread per
 * connection, no allocation per request. Connections waiting for their scheduled send time sleep in
 * a queue ordered by that time; timeouts are swept every few milliseconds.
 */
final class EventLoop implements Runnable {
  private static final long SWEEP_NANOS = 5_000_000L;

  final Selector selector;
  final long connectTimeoutNanos;
  final long requestTimeoutNanos;
  final SSLContext sslContext;
  final SSLParameters sslParameters;

  /** When the run's duration ends (System.nanoTime); in-flight requests are cut off then. */
  private final long endNanos;

  private final List<Connection> connections = new ArrayList<>();
  private final PriorityQueue<Connection> sleeping =
      new PriorityQueue<>((a, b) -> Long.compare(a.wakeAt - b.wakeAt, 0));
  private final java.util.function.Consumer<SelectionKey> dispatch = this::ready;
  private int live;
  private volatile boolean stopped;
  private volatile Throwable crash;

  /**
   * @param endNanos when the run must end, or {@code Long.MAX_VALUE} when only a count bounds it
   */
  EventLoop(
      long connectTimeoutNanos,
      long requestTimeoutNanos,
      SSLContext sslContext,
      SSLParameters sslParameters,
      long endNanos) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.connectTimeoutNanos = connectTimeoutNanos;
    this.requestTimeoutNanos = requestTimeoutNanos;
    this.sslContext = sslContext;
    this.sslParameters = sslParameters;
    this.endNanos = endNanos;
  }

  void add(Connection c) {
    connections.add(c);
  }

  void sleep(Connection c) {
    sleeping.add(c);
  }

  void finished(Connection c) {
    live--;
  }

  /** Asks the loop to close its connections and return as soon as it can. */
  void stop() {
    stopped = true;
    selector.wakeup();
  }

  Throwable crash() {
    return crash;
  }

  @Override
  public void run() {
    try {
      loop();
    } catch (Throwable t) {
      crash = t;
    } finally {
      connections.forEach(Connection::abort);
      try {
        selector.close();
      } catch (IOException ignored) {
        // The run is over; a selector that will not close leaks nothing we still use.
      }
    }
  }

  private void loop() throws IOException {
    live = connections.size();
    long now = System.nanoTime();
    for (Connection c : connections) {
      c.next(now);
    }
    long nextSweep = now + SWEEP_NANOS;
    while (live > 0 && !stopped) {
      now = System.nanoTime();
      // The timeout sweep can wait a millisecond; only a scheduled send is worth a busy wait.
      long wait = Math.max(1_000_000L, nextSweep - now);
      Connection first = sleeping.peek();
      if (first != null) {
        wait = Math.min(wait, first.wakeAt - now);
      }
      if (endNanos != Long.MAX_VALUE) {
        wait = Math.min(wait, Math.max(0, endNanos - now));
      }
      if (wait >= 1_000_000L) {
        selector.select(dispatch, wait / 1_000_000L);
      } else {
        // Under a millisecond to the next send: select() cannot sleep that precisely.
        selector.selectNow(dispatch);
      }
      now = System.nanoTime();
      if (endNanos != Long.MAX_VALUE && now - endNanos >= 0) {
        // The duration bounds the whole run: a server that never answers must not hold it open
        // for the request timeout.
        for (Connection c : connections) {
          c.cutOff(now);
        }
        return;
      }
      wakeDue(now);
      if (now - nextSweep >= 0) {
        for (int i = 0, n = connections.size(); i < n; i++) {
          connections.get(i).checkTimeout(now);
        }
        nextSweep = now + SWEEP_NANOS;
      }
    }
  }

  private void ready(SelectionKey key) {
    ((Connection) key.attachment()).ready(key.readyOps());
  }

  private void wakeDue(long now) {
    // Only those due now: a connection that fails at once goes back in the queue due "now" again,
    // and must wait for the next turn so the selector and the sweep still run.
    int n = sleeping.size();
    while (n-- > 0) {
      Connection c = sleeping.peek();
      if (c == null || c.wakeAt - now > 0) {
        return;
      }
      sleeping.poll();
      c.wake(now);
    }
  }
}
