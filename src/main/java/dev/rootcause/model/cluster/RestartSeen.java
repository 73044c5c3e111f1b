package dev.rootcause.model.cluster;

import java.io.Serializable;

/**
 * A container's restart count seen growing from one look at a watched cluster to a later one.
 *
 * @param reason why the previous instance ended ({@code Error}, {@code OOMKilled}); null if unknown
 */
public record RestartSeen(String pod, String container, int before, int after, String reason)
    implements Serializable {}
