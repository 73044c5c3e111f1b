package dev.rootcause.collect;

import java.nio.file.Path;

/**
 * A file found by the walk: where it is, its path relative to the scan root, its kind, size, and
 * modification time in nanoseconds since the epoch ({@code -1} when unknown: never trusted by the
 * cache).
 */
public record SourceFile(Path absolute, String path, FileKind kind, long size, long modifiedNanos) {

  public SourceFile(Path absolute, String path, FileKind kind, long size) {
    this(absolute, path, kind, size, -1);
  }
}
