package dev.rootcause.model.cluster;

import dev.rootcause.model.ScanResult;
import java.io.Serializable;

/** What {@code diagnose} reports: its findings as a scan's, and the summary of its first screen. */
public record Diagnosis(ScanResult result, DiagnosisSummary summary) implements Serializable {}
