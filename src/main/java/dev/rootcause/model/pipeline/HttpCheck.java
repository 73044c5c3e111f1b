package dev.rootcause.model.pipeline;

import dev.rootcause.model.SourceLocation;

/**
 * An HTTP request a pipeline makes to check a release ({@code curl -f
 * http://localhost:8080/health}): the URL's host, port (the scheme's default when not written) and
 * path.
 */
public record HttpCheck(String host, int port, String path, SourceLocation location)
    implements java.io.Serializable {}
