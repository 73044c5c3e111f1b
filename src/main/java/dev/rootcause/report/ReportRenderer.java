package dev.rootcause.report;

import dev.rootcause.model.ScanResult;

/** A renderer of a scan result: the scan's members of the {@link Renderer} family. */
public interface ReportRenderer extends Renderer<ScanResult> {}
