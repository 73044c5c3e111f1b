package dev.rootcause.model.probe;

/** One second of a probe: what completed in it, counted from the start of the run. */
public record SecondStats(
    int second, long requests, long failures, long p50Micros, long p99Micros, long maxMicros)
    implements java.io.Serializable {}
