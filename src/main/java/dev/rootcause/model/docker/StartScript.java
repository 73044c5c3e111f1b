package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.util.List;

/**
 * A package.json script that an image's start command runs ({@code CMD ["npm", "start"]} runs
 * {@code "start": "node --max-old-space-size=4096 server.js"}): {@code dockerfile} the path of the
 * Dockerfile whose final stage runs it, {@code command} the script's line, {@code location} where
 * that line is written. Its flags are the process's own, as if the CMD had said them.
 */
public record StartScript(String dockerfile, String name, String command, SourceLocation location)
    implements java.io.Serializable {

  /** The scripts a Dockerfile's image runs, in the order they run. */
  public static List<StartScript> of(List<StartScript> all, Dockerfile dockerfile) {
    return dockerfile == null
        ? List.of()
        : all.stream().filter(s -> s.dockerfile().equals(dockerfile.path())).toList();
  }
}
