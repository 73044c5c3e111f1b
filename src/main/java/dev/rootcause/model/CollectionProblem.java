package dev.rootcause.model;

/**
 * An input rootcause could not read or understand (malformed YAML, a binary file, a symlink loop).
 * Partial failure is data: the scan goes on and the report says what was skipped and why.
 */
public record CollectionProblem(Kind kind, SourceLocation location, String message)
    implements java.io.Serializable {

  /** {@code SKIPPED}: the file was not used. {@code NOTE}: used in part, or ignored on purpose. */
  public enum Kind {
    SKIPPED,
    NOTE
  }

  public static CollectionProblem skipped(SourceLocation where, String why) {
    return new CollectionProblem(Kind.SKIPPED, where, why);
  }

  public static CollectionProblem note(SourceLocation where, String what) {
    return new CollectionProblem(Kind.NOTE, where, what);
  }

  /** One line, e.g. {@code k8s/api.yaml:3:5: skipped: malformed YAML: ...}. */
  public String display() {
    return location.display() + ": " + (kind == Kind.SKIPPED ? "skipped: " : "") + message;
  }
}
