package dev.rootcause.collect.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One URL under load: its resolved address and encoded request, and the budget or schedule its
 * connections draw requests from. Shared by the event loops, so its counters are atomic.
 */
final class Endpoint {
  static final long NONE = Long.MIN_VALUE;

  final Target target;
  final InetSocketAddress address;
  final String dnsError;

  /** The encoded request, read-only and direct; each connection sends a duplicate of it. */
  final ByteBuffer request;

  final boolean head;
  final boolean open;
  final long total;
  final long startNanos;
  final long stopNanos;
  final double intervalNanos;
  final AtomicLong issued = new AtomicLong();
  final AtomicInteger samplesLeft;
  final LongAdder done = new LongAdder();
  final LongAdder failures = new LongAdder();

  /** Requests taken from the schedule but never sent: the run ended while they waited. */
  final LongAdder abandoned = new LongAdder();

  /**
   * @param total requests to send; {@code Long.MAX_VALUE} when the run is bounded by time only
   * @param stopNanos no request starts at or after this instant
   * @param intervalNanos time between intended sends in the open model; 0 in the closed one
   */
  Endpoint(
      Target target,
      InetSocketAddress address,
      String dnsError,
      byte[] request,
      boolean head,
      long total,
      long startNanos,
      long stopNanos,
      double intervalNanos,
      int samples) {
    this.target = target;
    this.address = address;
    this.dnsError = dnsError;
    ByteBuffer direct = ByteBuffer.allocateDirect(request.length).put(request).flip();
    this.request = direct.asReadOnlyBuffer();
    this.head = head;
    this.total = total;
    this.startNanos = startNanos;
    this.stopNanos = stopNanos;
    this.intervalNanos = intervalNanos;
    this.open = intervalNanos > 0;
    this.samplesLeft = new AtomicInteger(samples);
  }

  /**
   * Takes the next request: returns the instant it is due (now, in the closed model; its place in
   * the schedule, in the open one), or {@link #NONE} when the budget or the time is spent.
   */
  long claim(long now) {
    if (now - stopNanos >= 0) {
      return NONE;
    }
    if (!open && total == Long.MAX_VALUE) {
      // Bounded by time only: no budget to count, and no shared counter to contend on.
      return now;
    }
    long i = issued.getAndIncrement();
    if (i >= total) {
      return NONE;
    }
    return open ? startNanos + (long) (i * intervalNanos) : now;
  }

  /** Requests of the schedule that were never sent because the run had to stop. */
  long unsent() {
    long claimed = Math.min(issued.get(), total);
    return open && total != Long.MAX_VALUE ? total - claimed + abandoned.sum() : 0;
  }

  boolean claimSample() {
    return samplesLeft.getAndDecrement() > 0;
  }

  void completed(boolean failed) {
    done.increment();
    if (failed) {
      failures.increment();
    }
  }
}
