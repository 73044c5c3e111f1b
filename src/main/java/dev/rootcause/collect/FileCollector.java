package dev.rootcause.collect;

/** Turns one kind of file (a Dockerfile, a shell script, Python source) into facts. */
public interface FileCollector {

  /** Whether this collector reads files of this kind. */
  boolean accepts(FileKind kind);

  /**
   * Reads one file's text into facts. May run concurrently with other files: keep no per-call
   * state in fields. Malformed input becomes a problem in {@code facts}, never an exception.
   */
  void collect(SourceFile file, String text, Facts facts);

  /** Called once after every file is read, for facts that join several files. */
  default void finish(Facts facts) {}
}
