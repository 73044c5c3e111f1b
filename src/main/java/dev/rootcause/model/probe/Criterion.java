package dev.rootcause.model.probe;

/**
 * One pass/fail check of a gate, with what was measured: {@code PASS p95 < 2s measured 180ms}.
 *
 * @param name the check as the user wrote it or as the gate names it
 * @param subject what it was checked on: a URL, a namespace
 * @param measured the measured value, formatted
 * @param detail why it failed, or a note; empty when there is nothing to add
 */
public record Criterion(String name, String subject, boolean passed, String measured, String detail)
    implements java.io.Serializable {}
