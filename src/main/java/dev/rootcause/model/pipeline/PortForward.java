package dev.rootcause.model.pipeline;

import dev.rootcause.model.SourceLocation;

/**
 * A {@code kubectl port-forward} in a pipeline or script: {@code target} as written ({@code
 * svc/orders}), the local port it opens and the remote port it reaches ({@code 8080:80}); {@code
 * localPort} is 0 when kubectl picks one ({@code :80}).
 */
public record PortForward(String target, int localPort, int remotePort, SourceLocation location)
    implements java.io.Serializable {}
