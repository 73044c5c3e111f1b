package dev.rootcause.model.docker;

import dev.rootcause.model.SourceLocation;
import java.io.Serializable;

/**
 * One thing a Dockerfile instruction puts on the image's filesystem: its absolute path, what kind
 * of thing it is, the instruction that does it, and how ({@code go build -o /out/app}, {@code COPY
 * --from=build}).
 */
public record PathEntry(String path, Kind kind, SourceLocation location, String how)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How an entry came to be, and so what it tells about the paths around it. */
  public enum Kind {
    /** A file at exactly this path (copied, downloaded, written). */
    FILE,
    /** A program compiled to exactly this path ({@code go build -o}). */
    BUILT,
    /** A folder whose contents are unknown: anything inside may exist. */
    FOLDER,
    /** A folder filled from the build context: any file of the repository may be inside. */
    CONTEXT,
    /** A folder created empty ({@code mkdir}): what is inside comes from later instructions. */
    DIRECTORY,
    /**
     * Files of the build context whose names match the last segment of {@code path}, copied into
     * its folder ({@code COPY package*.json ./}): nothing else in that folder comes from it.
     */
    MATCHING
  }

  /** Whether this entry could make {@code p} exist. */
  public boolean provides(String p) {
    return switch (kind) {
      case FILE, BUILT -> ContainerPaths.within(path, p);
      case FOLDER, CONTEXT -> ContainerPaths.within(p, path) || ContainerPaths.within(path, p);
      case DIRECTORY -> false;
      case MATCHING ->
          ContainerPaths.within(ContainerPaths.parent(path), p)
              || ContainerPaths.parent(p).equals(ContainerPaths.parent(path))
                  && ContainerPaths.matchesName(
                      ContainerPaths.fileName(p), ContainerPaths.fileName(path));
    };
  }
}
