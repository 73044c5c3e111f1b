package dev.rootcause.collect;

import java.nio.file.Path;

/** A file found by the walk: where it is, its path relative to the scan root, and its kind. */
public record SourceFile(Path absolute, String path, FileKind kind, long size) {}
