package dev.rootcause.model.render;

import dev.rootcause.model.SourceLocation;

/**
 * A chart Helm refused to render, or an overlay kustomize could not build: the release never
 * installs. {@code tool} is {@code helm} or {@code kustomize}; {@code source} the Chart.yaml or
 * kustomization file; {@code valuesFile} the environment's values file the failing render used
 * (null: the chart's defaults and the values given to the scan); {@code location} the line blamed
 * (a template line, a resources entry); {@code message} the tool's own words.
 */
public record RenderFailure(
    String tool, String source, String valuesFile, String message, SourceLocation location)
    implements java.io.Serializable {}
