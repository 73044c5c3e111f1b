package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * A container's probe as its pod spec declares it.
 *
 * @param action {@code httpGet}, {@code tcpSocket}, {@code grpc} or {@code exec}
 * @param port the port as written: a number or a port name; null for exec
 * @param path the HTTP path; null unless httpGet
 */
public record ProbeSpec(
    String action, String port, String path, int timeoutSeconds, int failureThreshold)
    implements Serializable {}
