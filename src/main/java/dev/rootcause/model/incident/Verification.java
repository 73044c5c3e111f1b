package dev.rootcause.model.incident;

import java.io.Serializable;

/**
 * One {@code rootcause verify} run attached to an incident: when, whether every criterion passed,
 * and the criteria with what was measured, as its timeline entry says them.
 */
public record Verification(long at, boolean passed, String criteria) implements Serializable {}
