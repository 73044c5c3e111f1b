package dev.rootcause.model.k8s;

import dev.rootcause.model.SourceLocation;

/** One port of a Service; {@code targetPort} defaults to {@code port} when unwritten. */
public record ServicePort(
    String name,
    int port,
    PortRef targetPort,
    boolean targetPortWritten,
    SourceLocation location,
    SourceLocation targetPortLocation)
    implements java.io.Serializable {}
