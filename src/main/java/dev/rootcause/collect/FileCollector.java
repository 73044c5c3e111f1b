package dev.rootcause.collect;

/** Turns one kind of file (a Dockerfile, a shell script, Python source) into facts. */
public interface FileCollector {

  /** Whether this collector reads files of this kind. */
  boolean accepts(FileKind kind);

  /**
   * Reads one file's text into that file's facts. Keeps no state in fields: files are read
   * concurrently, and a file's facts may come from the cache of an earlier run instead. What must
   * wait for other files goes to {@link Facts#setAside}. Malformed input becomes a problem in
   * {@code facts}, never an exception.
   */
  void collect(SourceFile file, String text, Facts facts);

  /**
   * The link step, once every file's facts are merged into {@code all}: joins what several files
   * say (code to the Dockerfile that packages it). Reads only per-file facts and what this
   * collector set aside, never another collector's link output, so the order of links is free.
   */
  default void link(Facts all) {}
}
