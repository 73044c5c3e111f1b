package dev.rootcause.model.probe;

/** Responses whose latency fell in {@code [fromMicros, toMicros)}. */
public record HistogramBucket(long fromMicros, long toMicros, long count)
    implements java.io.Serializable {}
