package dev.rootcause.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a scan read and what it did not, and why: part of every report, so that "no findings" is
 * only ever said about inputs that were read.
 *
 * @param filesFound files of a kind rootcause reads that the walk found (after {@code ignorePaths})
 * @param manifests files that held at least one Kubernetes object
 * @param dockerfiles Dockerfiles read
 * @param sourceFiles application source files read
 * @param otherFiles the rest read: build scripts, CI files, compose, nginx, package manifests
 * @param notRead every file (or folder) not read, with the reason, in path order
 * @param ignoredByConfig files and folders passed over because {@code ignorePaths} matches them
 * @param known false for a result built without a scan (tests, tools): renderers then say nothing
 */
public record Coverage(
    int filesFound,
    int manifests,
    int dockerfiles,
    int sourceFiles,
    int otherFiles,
    List<Unread> notRead,
    int ignoredByConfig,
    boolean known)
    implements java.io.Serializable {

  /** The coverage of a result that did not come from a scan. */
  public static final Coverage UNKNOWN = new Coverage(0, 0, 0, 0, 0, List.of(), 0, false);

  public Coverage {
    notRead = List.copyOf(notRead);
  }

  /** Why a file was not read, worded to be counted: "3 Helm templates (not rendered)". */
  public enum Reason {
    HELM_TEMPLATE("Helm template (not rendered)", "Helm templates (not rendered)", false),
    KUSTOMIZE(
        "kustomize overlay or patch (not built)",
        "kustomize overlays and patches (not built)",
        false),
    TOO_LARGE("file above the size limit", "files above the size limit", true),
    NOT_TEXT("binary or non-UTF-8 file", "binary or non-UTF-8 files", true),
    UNREADABLE("unreadable file or folder", "unreadable files or folders", true),
    MALFORMED("malformed or refused file", "malformed or refused files", true),
    NOT_PARSED("source file not parsed", "source files not parsed", false),
    OUTSIDE_TREE("symlink leaving the tree", "symlinks leaving the tree", false),
    NOT_A_FILE("pipe, socket or device", "pipes, sockets or devices", false);

    private final String one;
    private final String many;
    private final boolean skipped;

    Reason(String one, String many, boolean skipped) {
      this.one = one;
      this.many = many;
      this.skipped = skipped;
    }

    /**
     * Whether a skipped-file problem (a warning on every run) says it; the others are notes, so
     * coverage is where they are counted.
     */
    public boolean skipped() {
      return skipped;
    }

    /** {@code Helm template (not rendered)}. */
    public String label() {
      return one;
    }

    /** {@code 1 Helm template (not rendered)}, {@code 3 Helm templates (not rendered)}. */
    public String count(int n) {
      return n + " " + (n == 1 ? one : many);
    }
  }

  /** A file or folder not read: where, why (counted), and the one-line detail. */
  public record Unread(String path, Reason reason, String detail) implements java.io.Serializable {}

  public int filesRead() {
    return manifests + dockerfiles + sourceFiles + otherFiles;
  }

  /** Whether a manifest, a Dockerfile or a source file was read: every rule needs one of them. */
  public boolean readSomethingRelevant() {
    return manifests + dockerfiles + sourceFiles > 0;
  }

  /** What was not read that no warning names: the notes, counted only here. */
  public List<Unread> notedOnly() {
    return notRead.stream().filter(u -> !u.reason().skipped()).toList();
  }

  /** Everything found was read: what {@code --strict} requires. */
  public boolean complete() {
    return notRead.isEmpty();
  }

  /** The reasons, counted, in the order of {@link Reason}. */
  public Map<Reason, Integer> notReadByReason() {
    Map<Reason, Integer> counts = new LinkedHashMap<>();
    for (Reason r : Reason.values()) {
      int n = (int) notRead.stream().filter(u -> u.reason() == r).count();
      if (n > 0) {
        counts.put(r, n);
      }
    }
    return counts;
  }

  /**
   * One line for the first screen of every report: {@code Read 1 of 4 files: 1 manifest, 0
   * Dockerfiles, 0 source files; not read: 3 Helm templates (not rendered).}
   */
  public String line() {
    StringBuilder sb = new StringBuilder("Read ");
    int read = filesRead();
    sb.append(read == filesFound ? "" : read + " of ")
        .append(plural(filesFound, "file"))
        .append(": ")
        .append(plural(manifests, "manifest"))
        .append(", ")
        .append(plural(dockerfiles, "Dockerfile"))
        .append(", ")
        .append(plural(sourceFiles, "source file"));
    if (otherFiles > 0) {
      sb.append(", ").append(otherFiles).append(" other");
    }
    if (!notRead.isEmpty()) {
      sb.append("; not read: ").append(notReadSummary());
    }
    if (ignoredByConfig > 0) {
      sb.append("; ").append(plural(ignoredByConfig, "path")).append(" matched ignorePaths");
    }
    return sb.append('.').toString();
  }

  /** {@code 3 Helm templates (not rendered), 1 file above the size limit}. */
  public String notReadSummary() {
    StringBuilder sb = new StringBuilder();
    notReadByReason()
        .forEach((reason, n) -> sb.append(sb.isEmpty() ? "" : ", ").append(reason.count(n)));
    return sb.toString();
  }

  /** Why a scan that read no manifest, Dockerfile or source file cannot pass: one sentence. */
  public String nothingReadReason(String root) {
    String start = "read no Kubernetes manifest, Dockerfile or source file in " + root;
    if (!notRead.isEmpty()) {
      return start + ": not read: " + notReadSummary();
    }
    if (filesFound == 0 && ignoredByConfig > 0) {
      return start
          + ": every path in it matched ignorePaths ("
          + plural(ignoredByConfig, "path")
          + ")";
    }
    if (filesFound == 0) {
      return start + ": it holds no file of a kind rootcause reads (is the path right?)";
    }
    return start + ": the " + plural(filesFound, "file") + " found hold none of them";
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
