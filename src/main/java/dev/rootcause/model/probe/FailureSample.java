package dev.rootcause.model.probe;

/**
 * One failing request kept as evidence: the status and the start of the body, or the error. The
 * body is raw; renderers redact it before it leaves the machine.
 *
 * @param status the HTTP status, or 0 when no response came
 * @param error why no response came, or null when one did
 * @param atMillis when it completed, counted from the start of the run
 */
public record FailureSample(
    String url,
    int status,
    ErrorClass error,
    String detail,
    String body,
    boolean truncated,
    long atMillis)
    implements java.io.Serializable {}
