package dev.rootcause.model;

/**
 * A host:port some artifact expects to reach: an nginx {@code proxy_pass}/{@code upstream}, a URL
 * in a config file. {@code via} names the mechanism ("nginx proxy_pass"). {@code port} may be null.
 */
public record HostReference(String host, Integer port, String via, SourceLocation location) implements java.io.Serializable {}
