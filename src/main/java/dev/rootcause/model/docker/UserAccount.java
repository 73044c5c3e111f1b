package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;

/**
 * A user or group a {@code RUN} creates ({@code useradd}, {@code adduser}, {@code groupadd}, {@code
 * addgroup}): its name, numeric id when given, and for a user the home folder (null when none is
 * made or it is unknown).
 */
public record UserAccount(
    String name, boolean group, String id, String home, SourceLocation location)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
